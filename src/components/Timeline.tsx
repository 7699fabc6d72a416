import { Text, View } from '@tarojs/components'
import { describeEvent } from '../domain/issue/labels'
import type { TimelineEvent } from '../domain/types'
import { formatDateTime } from './format'
import './ui.scss'

/** Every step of an issue in Chinese, oldest first: who, what, why, when. */
export function Timeline(props: { events: TimelineEvent[]; departments?: Record<string, string> }) {
  const names = props.departments ?? {}
  return (
    <View className='timeline'>
      {props.events.map((e, i) => (
        <View className='timeline__item' key={`${e.at}-${i}`}>
          <View className='timeline__dot' />
          <Text className='timeline__text'>{describeEvent(e, (id) => names[id] ?? id)}</Text>
          <Text className='timeline__time'>{formatDateTime(e.at)}</Text>
        </View>
      ))}
    </View>
  )
}
