import { Text } from '@tarojs/components'
import { countedLength } from '../../../domain/visits'

/** '1234/5000' under a text box; over the limit it turns red and says so (the text is never cut). */
export function Counter(props: { text: string; limit: number }) {
  const n = countedLength(props.text)
  const over = n > props.limit
  return (
    <Text className={`work__counter ${over ? 'work__counter--over' : ''}`}>
      {over ? `超出 ${n - props.limit} 字 · ` : ''}
      {n}/{props.limit}
    </Text>
  )
}
