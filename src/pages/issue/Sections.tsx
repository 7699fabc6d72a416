/**
 * The parts of an issue's detail as the server built them for this reader (src/domain/visibility.ts):
 * a part the reader may not see is absent from the view, so these only render what they get.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { DueText } from '../../components/DueText'
import { IssueRow } from '../../components/IssueRow'
import { Photos } from '../../components/PhotoPicker'
import { formatDateTime, formatDay } from '../../components/format'
import type { IssueDetail } from '../../domain/contract/issues'
import { RATING_NAMES, RESOLUTION_NAMES } from '../../domain/issue/labels'
import type { AnswerView, IssueView } from '../../domain/issue/viewTypes'
import { CHECKLIST } from './forms'

const deptName = (d: IssueDetail, id: string) => d.departments[id] ?? '部门'

export function DueSection(props: { d: IssueDetail }) {
  const { issue, estimateNotice } = props.d
  return <DueText due={issue.due} estimated={issue.dueEstimated} notice={estimateNotice} />
}

/** Who raised it and how to reach them: a tap calls where the number is shown in full. */
export function RaiserSection(props: { issue: IssueView }) {
  const r = props.issue.raiser
  if (!r) return null
  const callable = !!r.phone && !r.phone.includes('*')
  return (
    <View className='card' data-testid='raiser'>
      <Text className='card__title'>反映人</Text>
      <View className='row'>
        <Text>
          {r.name ?? ''}
          {r.you ? '（您）' : ''} {r.phone ?? ''}
        </Text>
        {callable && !r.you && (
          <Text className='issue__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: r.phone as string }).catch(() => undefined)}>
            拨打电话
          </Text>
        )}
      </View>
      {r.phone && !callable && <Text className='muted'>号码已隐去，如需联系企业请通过服务专员</Text>}
    </View>
  )
}

export function MaterialsSection(props: { issue: IssueView }) {
  if (!props.issue.materials.length) return null
  return (
    <View className='card' data-testid='materials'>
      <Text className='card__title'>补充材料</Text>
      {props.issue.materials.map((m) => (
        <View key={`${m.kind}-${m.at}`} className='issue__block'>
          <Text className='muted'>
            {m.kind === 'asked' ? '部门请企业补充' : '企业已补充'} · {formatDateTime(m.at)}
            {m.by ? ` · ${m.by}` : ''}
          </Text>
          {m.text && <Text className='issue__text'>{m.text}</Text>}
          <Photos files={m.files} />
        </View>
      ))}
    </View>
  )
}

const STATUS = { passed: '已送达企业', pending: '待督核', sent_back: '督核退回' } as const

function AnswerBlock(props: { d: IssueDetail; a: AnswerView; internal: boolean }) {
  const { d, a, internal } = props
  const source = a.onTheSpot ? '现场解决' : a.onBehalfOf ? `服务专员代${deptName(d, a.onBehalfOf)}答复` : '部门答复'
  return (
    <View className='issue__block' data-answer={a.version}>
      <Text className='muted'>
        {internal ? `第 ${a.version} 稿 · ${STATUS[a.status]} · ` : ''}
        {source}
        {a.by ? ` · ${a.by}` : ''} · {formatDateTime(a.at)}
      </Text>
      <Text className='issue__text'>{a.text}</Text>
      <Photos files={a.files} />
      {a.review && (
        <View className='issue__review'>
          <Text className='muted'>
            督核{a.review.passed ? '通过' : '退回'}
            {a.review.by ? `（${a.review.by}）` : ''}
            {a.review.note ? `：${a.review.note}` : ''}
          </Text>
          {a.review.checklist && (
            <Text className='muted'>
              {CHECKLIST.map((c) => `${a.review?.checklist?.[c.key] ? '✓' : '✗'} ${c.label}`).join('  ')}
            </Text>
          )}
        </View>
      )}
    </View>
  )
}

export function AnswerSection(props: { d: IssueDetail }) {
  const { d } = props
  const { answers, confirmation } = d.issue
  const internal = d.viewer !== 'liaison'
  if (!answers.length && !confirmation) return null
  return (
    <View className='card' data-testid='answers'>
      {answers.length > 0 && <Text className='card__title'>{internal ? '答复记录' : '答复'}</Text>}
      {answers.map((a) => (
        <AnswerBlock key={a.version} d={d} a={a} internal={internal} />
      ))}
      {confirmation && (
        <View className='issue__block'>
          <Text className='card__title'>企业确认</Text>
          <Text>
            {RESOLUTION_NAMES[confirmation.resolution]} · {RATING_NAMES[confirmation.rating]}
            {confirmation.by ? ` · ${confirmation.by}` : ''}
          </Text>
          {confirmation.comment && <Text className='muted'>{confirmation.comment}</Text>}
        </View>
      )}
    </View>
  )
}

export function NotesSection(props: { d: IssueDetail }) {
  const { notes, opinions } = props.d.issue
  if (!notes.length && !opinions.length) return null
  return (
    <View className='card' data-testid='notes'>
      {opinions.length > 0 && <Text className='card__title'>协办意见</Text>}
      {opinions.map((o) => (
        <View key={`${o.departmentId}-${o.at}`} className='issue__block'>
          <Text className='muted'>{deptName(props.d, o.departmentId)}{o.by ? ` · ${o.by}` : ''} · {formatDateTime(o.at)}</Text>
          <Text className='issue__text'>{o.text}</Text>
          <Photos files={o.files} />
        </View>
      ))}
      {notes.length > 0 && <Text className='card__title'>办理进展</Text>}
      {notes.map((n) => (
        <View key={n.at} className='issue__block'>
          <Text className='muted'>
            {n.by ?? ''} {formatDateTime(n.at)}
            {props.d.viewer !== 'liaison' && n.forEnterprise ? ' · 企业可见' : ''}
          </Text>
          <Text className='issue__text'>{n.text}</Text>
          <Photos files={n.files} />
        </View>
      ))}
    </View>
  )
}

export function Extensions(props: { issue: IssueView }) {
  if (!props.issue.extensions.length) return null
  return (
    <View className='card'>
      <Text className='card__title'>延期申请</Text>
      {props.issue.extensions.map((x) => (
        <View key={x.requestedAt} className='issue__block'>
          <Text>
            申请延长 {x.workingDays} 个工作日至 {formatDay(x.until - 1)}：{x.reason}
          </Text>
          <Text className='muted'>{x.decision ? `${x.decision === 'approved' ? '已批准' : '未批准'}${x.decisionNote ? `：${x.decisionNote}` : ''}` : '待管理者审批'}</Text>
        </View>
      ))}
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
