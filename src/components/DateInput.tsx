import { Picker, View } from '@tarojs/components'
import './ui.scss'

/** A date chosen with the platform's date picker ('YYYY-MM-DD'). */
export function DateInput(props: { value: string; onChange: (v: string) => void; placeholder?: string }) {
  return (
    <Picker mode='date' value={props.value} onChange={(e) => props.onChange(String(e.detail.value))}>
      <View className='field__input'>{props.value || props.placeholder || '选择日期'}</View>
    </Picker>
  )
}
