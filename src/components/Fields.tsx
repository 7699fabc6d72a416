/** Small form pieces built on Taro's own components (no extra library in the main package). */
import { Input, Text, Textarea, View } from '@tarojs/components'
import './ui.scss'

export function Field(props: { label: string; error?: string; children: React.ReactNode }) {
  return (
    <View className='field'>
      <Text className='field__label'>{props.label}</Text>
      {props.children}
      {props.error && <Text className='field__error'>{props.error}</Text>}
    </View>
  )
}

export function TextInput(props: { value: string; onChange: (v: string) => void; placeholder?: string; maxlength?: number; type?: 'text' | 'number' | 'digit'; name?: string }) {
  return (
    <Input
      className='field__input'
      value={props.value}
      type={props.type ?? 'text'}
      name={props.name}
      placeholder={props.placeholder}
      maxlength={props.maxlength ?? 100}
      onInput={(e) => props.onChange(e.detail.value)}
    />
  )
}

export function TextArea(props: { value: string; onChange: (v: string) => void; placeholder?: string; maxlength?: number; name?: string }) {
  return (
    <Textarea
      className='field__textarea'
      value={props.value}
      name={props.name}
      placeholder={props.placeholder}
      maxlength={props.maxlength ?? 2000}
      onInput={(e) => props.onChange(e.detail.value)}
    />
  )
}

export interface Option<T extends string> {
  value: T
  label: string
}

/** Tap-to-choose chips: one value, or several with `multiple`. */
export function Chips<T extends string>(props: { options: readonly Option<T>[]; value: T[]; onChange: (v: T[]) => void; multiple?: boolean }) {
  const toggle = (v: T) => {
    if (!props.multiple) return props.onChange([v])
    props.onChange(props.value.includes(v) ? props.value.filter((x) => x !== v) : [...props.value, v])
  }
  return (
    <View className='chips'>
      {props.options.map((o) => (
        <Text key={o.value} className={`chip ${props.value.includes(o.value) ? 'chip--on' : ''}`} onClick={() => toggle(o.value)}>
          {o.label}
        </Text>
      ))}
    </View>
  )
}
