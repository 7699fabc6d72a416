import { Text, View } from '@tarojs/components'
import type { DueView } from '../domain/issue/due'
import { formatDateTime } from './format'
import './ui.scss'

export const ESTIMATE_NOTICE = '期限按法定节假日预估，放假安排公布后可能调整'

/** '答复期限 11月28日 24:00 · 剩余 1 个工作日 6 小时' (the server counts the time left on the zone's calendar). */
export function DueText(props: { due?: DueView; estimated?: boolean; notice?: string }) {
  const { due, estimated, notice } = props
  if (!due) return null
  return (
    <View>
      <Text className={`due ${due.overdue ? 'due--overdue' : ''}`}>
        {due.label} {formatDateTime(due.at)} · {due.remaining}
      </Text>
      {(estimated || notice) && <Text className='due__notice'>{notice || ESTIMATE_NOTICE}</Text>}
    </View>
  )
}
