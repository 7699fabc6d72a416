import { Text, View } from '@tarojs/components'
import { serverNow } from '../api/serverClock'
import { formatDateTime, remainingText } from './format'
import './ui.scss'

export const ESTIMATE_NOTICE = '期限按法定节假日预估，放假安排公布后可能调整'

/** '截止 11月28日 17:00 · 剩余 3 天' or '已超期 2 天', with the estimate notice when the calendar is estimated. */
export function DueText(props: { due?: number; estimated?: boolean; notice?: string; now?: number; prefix?: string }) {
  const { due, estimated, notice, now = serverNow(), prefix = '截止' } = props
  if (due === undefined) return null
  const r = remainingText(due, now)
  return (
    <View>
      <Text className={`due ${r.overdue ? 'due--overdue' : ''}`}>
        {prefix} {formatDateTime(due, now)} · {r.text}
      </Text>
      {(estimated || notice) && <Text className='due__notice'>{notice || ESTIMATE_NOTICE}</Text>}
    </View>
  )
}
