/** Shared fixtures for the issue desk tests: callers, a clock, a raised issue, a step runner. */
import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import { isWeekend } from '../../src/domain/time'
import type { Caller, Issue, SystemCaller } from '../../src/domain/types'
import {
  DEFAULT_DESK_CONFIG,
  type IssueCtx,
  type Step,
  type SystemCommand,
  type UserCommandInput,
  createIssue,
  transition,
} from '../../src/domain/issue'

/** Shanghai wall-clock time, e.g. at('2026-03-02 09:00') (a Monday). */
export const at = (s: string): number => Date.parse(`${s.replace(' ', 'T')}:00+08:00`)

export const liaison: Caller = { openid: 'liaison-1', roles: ['liaison'], projectIds: ['p1'], registeredIn: ['p1'] }
export const liaison2: Caller = { openid: 'liaison-2', roles: ['liaison'], projectIds: ['p1'], registeredIn: ['p1'] }
export const otherLiaison: Caller = { openid: 'liaison-x', roles: ['liaison'], projectIds: ['p2'], registeredIn: ['p2'] }
export const staff: Caller = { openid: 'staff-1', roles: ['staff'], teamId: 't1', projectIds: [] }
export const staff2: Caller = { openid: 'staff-2', roles: ['staff'], teamId: 't1', projectIds: [] }
export const otherStaff: Caller = { openid: 'staff-x', roles: ['staff'], teamId: 't2', projectIds: [] }
export const leadHandler: Caller = { openid: 'handler-d1', roles: ['handler'], departmentId: 'd1', projectIds: [] }
export const assistHandler: Caller = { openid: 'handler-d2', roles: ['handler'], departmentId: 'd2', projectIds: [] }
export const otherHandler: Caller = { openid: 'handler-d9', roles: ['handler'], departmentId: 'd9', projectIds: [] }
export const newLeadHandler: Caller = { openid: 'handler-d3', roles: ['handler'], departmentId: 'd3', projectIds: [] }
export const manager: Caller = { openid: 'manager-1', roles: ['manager'], projectIds: [] }
export const system: SystemCaller = { system: true }

/** Weekends rest, plus 2026-03-04 (Wed) as a one-day holiday and 2026-03-07 (Sat) as a make-up day. */
export const holidayCalendar: WorkCalendar = {
  isWorkingDay: (d) => (d === '2026-03-07' ? true : d === '2026-03-04' ? false : !isWeekend(d)),
  basis: () => 'zone',
}

export const ctxAt = (now: number, extra: Partial<IssueCtx> = {}): IssueCtx => ({
  now,
  calendar: weekendCalendar,
  config: DEFAULT_DESK_CONFIG,
  ...extra,
})

export const RAISE_INPUT = {
  projectId: 'p1',
  teamId: 't1',
  source: 'group' as const,
  category: 'approval',
  title: '厂房消防验收排期',
  description: '新厂房消防验收迟迟未排期，影响投产，联系人 13812345678。',
  photos: ['cloud://env-1.abc/issues/1.jpg'],
  urgency: 'normal' as const,
  clientRequestId: 'request-1',
}

export function raised(now = at('2026-03-02 09:00'), extra: Partial<typeof RAISE_INPUT> = {}, id = 'issue-1'): Issue {
  const r = createIssue({ ...RAISE_INPUT, ...extra }, liaison, { ...ctxAt(now), id })
  if (!r.ok) throw r.error
  return r.value
}

export const DISPATCH = {
  action: 'dispatch' as const,
  leadDepartmentId: 'd1',
  assistDepartmentIds: ['d2'],
  category: 'approval',
  complexity: 'normal' as const,
}

/** Runs a command that must succeed; returns the step. */
export function must(
  issue: Issue,
  command: UserCommandInput | SystemCommand,
  caller: Caller | SystemCaller,
  ctx: IssueCtx,
): Step {
  const r = transition(issue, command as UserCommandInput, caller, ctx)
  if (!r.ok) throw new Error(`${command.action} refused: ${r.error.code} ${r.error.message}`)
  if (!r.value) throw new Error(`${command.action} did nothing`)
  return r.value
}

export const CHECK_ALL = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }

/** An issue driven to `state` along the main path (all at `now` unless noted). */
export function issueIn(state: Issue['state'], now = at('2026-03-02 09:00')): Issue {
  const c = ctxAt(now)
  let i = raised(now)
  if (state === 'submitted') return i
  if (state === 'withdrawn') return must(i, { action: 'withdraw' }, liaison, c).issue
  if (state === 'declined') return must(i, { action: 'decline', reason: '不属于服务范围' }, staff, c).issue
  i = must(i, DISPATCH, staff, c).issue
  if (state === 'dispatched') return i
  i = must(i, { action: 'sign_for' }, leadHandler, c).issue
  if (state === 'in_progress') return i
  if (state === 'awaiting_materials')
    return must(i, { action: 'request_materials', reason: '请提供消防设计图' }, leadHandler, c).issue
  i = must(i, { action: 'answer', text: '已于3月10日安排验收，联系人王工。' }, leadHandler, c).issue
  if (state === 'under_review') return i
  i = must(i, { action: 'review', passed: true, checklist: CHECK_ALL }, staff, c).issue
  if (state === 'resolved') return i
  return must(i, { action: 'confirm', resolution: 'solved', rating: 'satisfied' }, liaison, c).issue
}
