import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CATEGORIES } from '../domain/issue/sla'
import { absolutePath, links } from '../domain/links'
import type { IssueCard } from '../domain/views'
import { DueText } from './DueText'
import { StateTag } from './StateTag'
import { formatDateTime } from './format'
import './ui.scss'

export const categoryName = (id: string): string => CATEGORIES.find((c) => c.id === id)?.name ?? id
export const openIssue = (id: string) => Taro.navigateTo({ url: absolutePath(links.issue({ id })) })

/** One issue in a list: state label with ladder colour, title, category, due. */
export function IssueRow(props: { card: IssueCard; extra?: React.ReactNode }) {
  const c = props.card
  return (
    <View className='issue-row' onClick={() => void openIssue(c._id)} data-issue={c._id}>
      <View className='issue-row__meta'>
        <View>
          <StateTag label={c.label} state={c.state} ladder={c.ladder} supervised={c.supervised} />
          {c.urgency === 'urgent' && <Text className='tag tag--supervised'>紧急</Text>}
          {c.repeatOf && <Text className='tag tag--done'>重复反映</Text>}
        </View>
        <Text className='muted'>{categoryName(c.category)}</Text>
      </View>
      <Text className='issue-row__title'>{c.title}</Text>
      <Text className='muted'>{c.caseNo}</Text>
      {c.due ? <DueText due={c.due} estimated={c.dueEstimated} /> : <Text className='muted'>提出于 {formatDateTime(c.raisedAt)}</Text>}
      {props.extra}
    </View>
  )
}
