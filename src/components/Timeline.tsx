import { Text, View } from '@tarojs/components'
import type { TimelineItem } from '../domain/issue/viewTypes'
import { formatDateTime } from './format'
import './ui.scss'

/** Every step the reader may see, oldest first, worded by the server for this reader. */
export function Timeline(props: { items: readonly TimelineItem[] }) {
  return (
    <View className='timeline'>
      {props.items.map((e, i) => (
        <View className='timeline__item' key={`${e.at}-${i}`}>
          <View className='timeline__dot' />
          <Text className='timeline__text'>{e.text}</Text>
          <Text className='timeline__time'>{formatDateTime(e.at)}</Text>
        </View>
      ))}
    </View>
  )
}
