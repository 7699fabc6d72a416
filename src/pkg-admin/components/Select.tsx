/** A picker over named options with an "all" entry (weapp/h5 native selector). */
import { Picker, Text } from '@tarojs/components'

export function Select(props: { label: string; options: { id: string; name: string }[]; value?: string; onChange: (id?: string) => void }) {
  const range = [`全部${props.label}`, ...props.options.map((o) => o.name)]
  const index = props.value ? props.options.findIndex((o) => o.id === props.value) + 1 : 0
  return (
    <Picker mode='selector' range={range} value={index} onChange={(e) => {
      const i = Number(e.detail.value)
      props.onChange(i === 0 ? undefined : props.options[i - 1]?.id)
    }}>
      <Text className={`chip ${props.value ? 'chip--on' : ''}`}>{range[index] ?? range[0]} ▾</Text>
    </Picker>
  )
}
