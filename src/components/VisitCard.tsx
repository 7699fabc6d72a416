/** One week of a project's visit history (the visit list and the board's 走访记录): a done visit opens its record. */
import { Text, View } from '@tarojs/components'
import type { VisitSummary } from '../domain/visitRecord'
import { links } from '../domain/links'
import { go } from '../hooks/useLink'
import { formatDateTime } from './format'
import './ui.scss'
import './visitCard.scss'

export const VISIT_STATUS = { planned: '待走访', done: '已走访', missed: '未走访' } as const

/** What the reader may know of the visit besides its minutes, e.g. '参加 4 人 · 照片 2 张 · 回头看 1 条'. */
export function visitFacts(v: VisitSummary): string {
  return [
    v.attendeeCount !== undefined ? `参加 ${v.attendeeCount} 人` : '',
    v.photoCount ? `照片 ${v.photoCount} 张` : '',
    v.followUpCount ? `回头看 ${v.followUpCount} 条` : '',
    v.issueCount ? `提出问题 ${v.issueCount} 个` : '',
  ].filter(Boolean).join(' · ')
}

export function VisitCard(props: { visit: VisitSummary }) {
  const v = props.visit
  const done = v.status === 'done'
  const open = () => go(links.visitRecord({ visitId: v._id }))
  const facts = done ? visitFacts(v) : ''
  return (
    <View className='card visit-card' onClick={done ? open : undefined}>
      <View className='row'>
        <Text className='card__title'>{v.weekKey} 走访</Text>
        <Text className={`tag ${done ? 'tag--done' : v.status === 'missed' ? 'tag--supervised' : ''}`}>{VISIT_STATUS[v.status]}</Text>
      </View>
      <Text className='muted'>{done && v.completedAt ? `完成于 ${formatDateTime(v.completedAt)}` : `计划 ${v.plannedDate}`}</Text>
      {v.far && <Text className='tag tag--supervised'>签到地点距项目较远</Text>}
      {v.firstLine && <Text className='visit-card__line'>{v.firstLine}</Text>}
      {facts && <Text className='muted visit-card__facts'>{facts}</Text>}
      {done && <Text className='visit-card__open'>查看走访记录 ›</Text>}
    </View>
  )
}
