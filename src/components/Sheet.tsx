import { Text, View } from '@tarojs/components'
import './ui.scss'

/** A bottom sheet over a dimmed page; tapping the mask closes it. */
export function Sheet(props: { title: string; onClose: () => void; children: React.ReactNode }) {
  return (
    <>
      <View className='sheet-mask' onClick={props.onClose} />
      <View className='sheet'>
        <Text className='sheet__title'>{props.title}</Text>
        {props.children}
      </View>
    </>
  )
}
