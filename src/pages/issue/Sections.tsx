/** The parts of an issue's detail: due, extensions, answer, review, confirmation, related issues. */
import { Text, View } from '@tarojs/components'
import { DueText } from '../../components/DueText'
import { IssueRow } from '../../components/IssueRow'
import { Photos } from '../../components/PhotoPicker'
import { formatDateTime, formatDay } from '../../components/format'
import type { IssueDetail } from '../../domain/contract/issues'
import { RATING_NAMES, RESOLUTION_NAMES } from '../../domain/issue/labels'
import type { Issue } from '../../domain/types'

export function runningDue(issue: Issue): { due?: number; prefix: string } {
  if (issue.state === 'dispatched') return { due: issue.signForDue, prefix: '签收期限' }
  if (['in_progress', 'awaiting_materials', 'under_review'].includes(issue.state)) return { due: issue.answerDue, prefix: '答复期限' }
  if (issue.state === 'resolved') return { due: issue.confirmDue, prefix: '请在此前确认' }
  return { prefix: '' }
}

export function DueSection(props: { d: IssueDetail }) {
  const { issue, estimateNotice } = props.d
  const r = runningDue(issue)
  return (
    <>
      {r.due !== undefined && <DueText due={r.due} prefix={r.prefix} estimated={issue.dueEstimated} notice={estimateNotice} />}
      {issue.state === 'awaiting_materials' && <Text className='muted'>等待企业补充材料，办理计时已暂停</Text>}
    </>
  )
}

export function Extensions(props: { issue: Issue }) {
  if (!props.issue.extensions.length) return null
  return (
    <View className='card'>
      <Text className='card__title'>延期申请</Text>
      {props.issue.extensions.map((x) => (
        <View key={x.requestedAt} className='issue__block'>
          <Text>
            申请延长 {x.workingDays} 个工作日至 {formatDay(x.until)}：{x.reason}
          </Text>
          <Text className='muted'>{x.decision ? `${x.decision === 'approved' ? '已批准' : '未批准'}${x.decisionNote ? `：${x.decisionNote}` : ''}` : '待管理者审批'}</Text>
        </View>
      ))}
    </View>
  )
}

export function AnswerSection(props: { d: IssueDetail }) {
  const { issue, departments } = props.d
  if (!issue.answer && !issue.confirmation) return null
  return (
    <View className='card'>
      {issue.answer && (
        <View className='issue__block'>
          <Text className='card__title'>答复{issue.answer.onBehalfOf ? `（服务专员代${departments[issue.answer.onBehalfOf] ?? '部门'}答复）` : ''}</Text>
          <Text className='issue__text'>{issue.answer.text}</Text>
          <Photos ids={issue.answer.files} />
          <Text className='muted'>{formatDateTime(issue.answer.at)}</Text>
        </View>
      )}
      {issue.review && (
        <Text className='muted'>
          督核：{issue.review.passed ? '通过' : '退回修改'}
          {issue.review.note ? `（${issue.review.note}）` : ''}
        </Text>
      )}
      {issue.confirmation && (
        <View className='issue__block'>
          <Text className='card__title'>企业确认</Text>
          <Text>
            {RESOLUTION_NAMES[issue.confirmation.resolution]} · {RATING_NAMES[issue.confirmation.rating]}
          </Text>
          {issue.confirmation.comment && <Text className='muted'>{issue.confirmation.comment}</Text>}
        </View>
      )}
    </View>
  )
}

/** The other issues of its 重复反映 pair, and the likely original not yet linked (the dispatcher decides). */
export function Related(props: { d: IssueDetail }) {
  const { issue, related } = props.d
  const root = issue.repeatOf ?? issue._id
  const linked = related.filter((c) => c._id === root || c.repeatOf === root)
  const suggested = related.filter((c) => !linked.includes(c))
  return (
    <>
      {linked.length > 0 && <Text className='section'>重复反映的相关问题</Text>}
      {linked.map((c) => (
        <IssueRow key={c._id} card={c} />
      ))}
      {suggested.length > 0 && <Text className='section'>可能重复的问题（同项目同类别，尚未关联）</Text>}
      {suggested.map((c) => (
        <IssueRow key={c._id} card={c} />
      ))}
    </>
  )
}
