/**
 * The timeline as a reader sees it: every step for the government side (who, what, why); for the
 * enterprise the steps that concern it, named by role, without the desk's internal reasons
 * (DESIGN.md: "steps named by role, no internal reasons"). A 回头看 written during a visit reads
 * 服务专员 李明回头看：<note> on the government side (masked for departments) and 服务专员走访回访
 * for the enterprise, without the team's note.
 */
import type { Issue, IssueAction, TimelineEvent } from '../types'
import type { IssuePart, Viewer } from '../visibility'
import { issueExposure } from '../visibility'
import type { EventDataMap } from './events'
import { ACTION_NAMES } from './labels'
import { type ActorRole, ROLE_NAMES } from './lifecycle'
import type { TimelineItem } from './viewTypes'

type Reveal = <T extends string | undefined>(part: IssuePart, text: T) => T | undefined

/** Steps the desk keeps to itself (a sent-back review and an unreviewed answer are decided per event). */
const INTERNAL_STEPS: ReadonlySet<IssueAction> = new Set<IssueAction>([
  'return', 'add_opinion', 'escalate', 'supervise', 'unsupervise', 'link_repeat', 'unlink_repeat', 'answer',
])

/** Under which part each step's reason is shown (anything else: an internal reason). */
const REASON_PART: Partial<Record<IssueAction, IssuePart>> = {
  decline: 'publicReasons',
  withdraw: 'publicReasons',
  force_close: 'publicReasons',
  request_materials: 'materials',
  request_extension: 'extensions',
  confirm: 'confirmation',
  review: 'answerDrafts',
}

/** As the enterprise reads who acted. */
const ROLE_WORDS_FOR_ENTERPRISE: Record<ActorRole, string> = { liaison: '企业', staff: '服务专员', handler: '部门', manager: '管理者', system: '系统' }

const data = <A extends keyof EventDataMap>(e: TimelineEvent, _a: A): EventDataMap[A] => (e.data ?? {}) as EventDataMap[A]

function seenByEnterprise(e: TimelineEvent): boolean {
  if (INTERNAL_STEPS.has(e.action)) return false
  if (e.action === 'review') return data(e, 'review').passed
  if (e.action === 'note') return e.role === 'liaison' || !!data(e, 'note').forEnterprise
  return true
}

/** How the enterprise reads a step whose name is desk wording (as a 12345 desk words it). */
const ENTERPRISE_WORDS: Partial<Record<IssueAction, string>> = { follow_up: '走访回访' }

/** What the step did, in words (departments by name). */
function what(e: TimelineEvent, departmentName: (id: string) => string, enterprise: boolean): string {
  if (enterprise && ENTERPRISE_WORDS[e.action]) return ENTERPRISE_WORDS[e.action] as string
  const label = e.action === 'review' ? (data(e, 'review').passed ? '督核通过，答复送达企业' : '督核退回答复') : ACTION_NAMES[e.action]
  if (e.action === 'dispatch' || e.action === 'reassign') {
    const d = data(e, 'dispatch')
    const assist = d.assistDepartmentIds?.length ? `，协办 ${d.assistDepartmentIds.map(departmentName).join('、')}` : ''
    return `${label}：主办 ${departmentName(d.leadDepartmentId)}${assist}`
  }
  if (e.action === 'add_opinion') return `${label}（${departmentName(data(e, 'add_opinion').departmentId)}）`
  if (e.action === 'escalate') return `${label}：${{ none: '', blue: '蓝牌', yellow: '黄牌', red: '红牌' }[data(e, 'escalate').ladder]}`
  if (e.action === 'decide_extension') return data(e, 'decide_extension').approved ? '批准延期' : '不批准延期'
  return label
}

export function timelineFor(issue: Issue, viewer: Viewer, reveal: Reveal, departmentName: (id: string) => string): TimelineItem[] {
  const enterprise = viewer === 'liaison'
  const names = issueExposure('actorNames', viewer) !== 'absent'
  const raterHidden = issueExposure('rater', viewer) === 'absent'
  return issue.timeline.flatMap((e): TimelineItem[] => {
    if (enterprise && !seenByEnterprise(e)) return []
    const hideActor = e.action === 'confirm' && raterHidden
    const roleWord = (enterprise ? ROLE_WORDS_FOR_ENTERPRISE : ROLE_NAMES)[e.role]
    const name = names && !hideActor && e.byName ? ` ${e.byName}` : ''
    const behalf = e.onBehalfOf ? `代${departmentName(e.onBehalfOf)}` : ''
    const reason = e.reason ? reveal(REASON_PART[e.action] ?? 'internalSteps', e.reason) : undefined
    const note = e.action === 'follow_up' ? reveal('followUpNotes', data(e, 'follow_up').text) : undefined
    const detail = [reason, note].filter(Boolean).join('；')
    const text = `${roleWord}${name}${behalf}${what(e, departmentName, enterprise)}${detail ? `：${detail}` : ''}`
    return [{ at: e.at, action: e.action, role: e.role, ...(name ? { by: e.byName } : {}), text, from: e.from, to: e.to }]
  })
}
