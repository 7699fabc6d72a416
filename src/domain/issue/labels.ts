/**
 * What each role reads for a state: ONE table. The liaison reads the enterprise's view (部门办理中),
 * the handler reads its own to-do (待签收) or 已超期, the manager sees the 督办 colour beside the state.
 */
import type { WorkCalendar } from '../calendar/workCalendar'
import type { Issue, IssueAction, IssueState, Ladder, Rating, Resolution, Role, TimelineEvent } from '../types'
import { isOverdue, ladderFor } from './ladder'
import { ALL_STATES, LIFECYCLE, OPEN_STATES, ROLE_NAMES } from './lifecycle'

export const STATE_NAMES: Record<IssueState, string> = {
  submitted: '待交办',
  dispatched: '待签收',
  in_progress: '办理中',
  awaiting_materials: '待补充材料',
  under_review: '待审核',
  resolved: '待确认',
  closed: '已办结',
  withdrawn: '已撤回',
  declined: '不予受理',
}

/** A list's state filter: one state, or every open one ('open'). */
export type StateFilter = 'open' | IssueState

/** The state filters a list offers, in lifecycle order, each with its name: 未办结, then every state. */
export const STATE_FILTERS: readonly { value: StateFilter; label: string }[] = [
  { value: 'open', label: '未办结' },
  ...ALL_STATES.map((state) => ({ value: state, label: STATE_NAMES[state] })),
]

/** State × viewer role → wording. Overdue and ladder suffixes are added by `stateLabel`. */
export const STATE_LABELS: Record<IssueState, Record<Role, string>> = {
  submitted: { liaison: '待受理', staff: '待交办', handler: '待交办', manager: '待交办' },
  dispatched: { liaison: '部门办理中', staff: '待签收', handler: '待签收', manager: '待签收' },
  in_progress: { liaison: '部门办理中', staff: '办理中', handler: '办理中', manager: '办理中' },
  awaiting_materials: { liaison: '待您补充材料', staff: '待补充材料', handler: '待企业补充材料', manager: '待补充材料' },
  under_review: { liaison: '部门办理中', staff: '待审核', handler: '答复审核中', manager: '待审核' },
  resolved: { liaison: '待您确认', staff: '待企业确认', handler: '待企业确认', manager: '待确认' },
  closed: { liaison: '已办结', staff: '已办结', handler: '已办结', manager: '已办结' },
  withdrawn: { liaison: '已撤回', staff: '已撤回', handler: '已撤回', manager: '已撤回' },
  declined: { liaison: '不予受理', staff: '不予受理', handler: '不予受理', manager: '不予受理' },
}

/** Roles that read 已超期 instead of the state while the running deadline has passed. */
const SEES_OVERDUE: readonly Role[] = ['handler', 'staff']

export const LADDER_NAMES: Record<Ladder, string> = { none: '', blue: '蓝牌', yellow: '黄牌', red: '红牌' }
export const LADDER_COLOURS: Record<Ladder, string> = {
  none: '',
  blue: '#1677ff',
  yellow: '#faad14',
  red: '#f5222d',
}
/** The 督办 ladder's colours a list may filter by, with their names (蓝牌, 黄牌, 红牌). */
export const LADDER_FILTERS: readonly { value: Exclude<Ladder, 'none'>; label: string }[] = (['blue', 'yellow', 'red'] as const).map((ladder) => ({
  value: ladder,
  label: LADDER_NAMES[ladder],
}))

export const RESOLUTION_NAMES: Record<Resolution, string> = { solved: '解决', partly: '部分解决', unsolved: '未解决' }
export const RATING_NAMES: Record<Rating, string> = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' }
export const ACTION_NAMES: Record<IssueAction, string> = {
  raise: '提出问题',
  ...(Object.fromEntries(Object.entries(LIFECYCLE).map(([a, r]) => [a, r.label])) as Record<
    Exclude<IssueAction, 'raise'>,
    string
  >),
}

/**
 * The state as `viewerRole` reads it at `now`.
 * @example stateLabel(dispatchedIssue, 'liaison', now, cal) // '部门办理中'
 * @example stateLabel(lateIssue, 'handler', now, cal) // '已超期'
 * @example stateLabel(lateIssue, 'manager', now, cal) // '待签收 · 黄牌'
 */
export function stateLabel(issue: Issue, viewerRole: Role, now: number, calendar: WorkCalendar): string {
  if (issue.state === 'closed' && issue.autoClosed) return '已办结（超时未确认）'
  if (issue.state === 'closed' && issue.forceClosed && viewerRole !== 'liaison') return '已办结（强制）'
  const base = STATE_LABELS[issue.state][viewerRole]
  if (SEES_OVERDUE.includes(viewerRole) && isOverdue(issue, now)) return '已超期'
  if (viewerRole === 'manager' && OPEN_STATES.includes(issue.state)) {
    const ladder = ladderFor(issue, now, calendar)
    const marks = [ladder !== 'none' ? LADDER_NAMES[ladder] : '', issue.supervised ? '督办' : ''].filter(Boolean)
    return marks.length ? `${base} · ${marks.join(' · ')}` : base
  }
  return base
}

/** One line for the timeline, e.g. '服务专员代部门签收（该部门暂无经办人）'. */
export function describeEvent(e: TimelineEvent, departmentName: (id: string) => string = (id) => id): string {
  const who = ROLE_NAMES[e.role]
  const behalf = e.onBehalfOf ? `代${departmentName(e.onBehalfOf)}` : ''
  const note = e.onBehalfOf ? '（该部门暂无经办人）' : ''
  const reason = e.reason ? `：${e.reason}` : ''
  return `${who}${behalf}${ACTION_NAMES[e.action]}${note}${reason}`
}
