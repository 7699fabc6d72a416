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

/** A one-line input. With `limit` it counts like TextArea and never cuts; `maxlength` is for codes and numbers. */
export function TextInput(props: { value: string; onChange: (v: string) => void; placeholder?: string; maxlength?: number; limit?: number; type?: 'text' | 'number' | 'digit'; name?: string }) {
  const input = (
    <Input
      className='field__input'
      value={props.value}
      type={props.type ?? 'text'}
      name={props.name}
      placeholder={props.placeholder}
      maxlength={props.limit !== undefined ? -1 : (props.maxlength ?? 100)}
      onInput={(e) => props.onChange(e.detail.value)}
    />
  )
  if (props.limit === undefined) return input
  return (
    <View className='field__area'>
      {input}
      <Count length={props.value.trim().length} limit={props.limit} />
    </View>
  )
}

function Count(props: { length: number; limit: number }) {
  const over = props.length > props.limit
  return (
    <Text className={`field__count ${over ? 'field__count--over' : ''}`}>
      {over ? `超出 ${props.length - props.limit} 字 · ` : ''}
      {props.length}/{props.limit}
    </Text>
  )
}

/**
 * A long text with its count against the limit. The text is never cut (maxlength -1: WeChat's own
 * default would silently stop at 140); going over turns the count red and the form refuses it.
 */
export function TextArea(props: { value: string; onChange: (v: string) => void; placeholder?: string; limit?: number; name?: string }) {
  return (
    <View className='field__area'>
      <Textarea
        className='field__textarea'
        value={props.value}
        name={props.name}
        placeholder={props.placeholder}
        maxlength={-1}
        onInput={(e) => props.onChange(e.detail.value)}
      />
      {props.limit !== undefined && <Count length={props.value.trim().length} limit={props.limit} />}
    </View>
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
