/**
 * Several issues of two projects walked through the lifecycle by random actors on one random clock,
 * with calendar entries that recompute every open issue's deadlines: what the rollup properties run on.
 * Every step is a real `transition`; the facts are `issueFacts` under the calendar in force.
 */
import type { WorkCalendar } from '../../../src/domain/calendar/workCalendar'
import { weekendCalendar } from '../../../src/domain/calendar/weekendCalendar'
import { DEFAULT_DESK_CONFIG, OPEN_STATES, type CommandAction, type IssueCtx, availableActions, createIssue, transition } from '../../../src/domain/issue'
import { issueFacts } from '../../../src/domain/metrics/facts'
import type { IssueFacts } from '../../../src/domain/metrics'
import type { Caller, Issue, SystemCaller } from '../../../src/domain/types'
import * as F from '../issueFixtures'

const CALLERS: (Caller | SystemCaller)[] = [F.liaison, F.otherLiaison, F.staff, F.otherStaff, F.leadHandler, F.assistHandler, F.newLeadHandler, F.manager, F.system]
const DEPTS = ['d1', 'd2', 'd3']
/** Side actions: picked one time in twelve, so walks get deep into the lifecycle (and back, by reopening). */
const SIDE: readonly CommandAction[] = ['note', 'add_opinion', 'supervise', 'unsupervise', 'force_close', 'reassign', 'decline', 'withdraw', 'return', 'link_repeat', 'unlink_repeat']

/** A command for `action`, varied by `n`. */
function commandFor(action: CommandAction, n: number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[n % xs.length]
  const checklist = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }
  switch (action) {
    case 'dispatch':
      return { action, leadDepartmentId: pick(DEPTS), assistDepartmentIds: [], category: 'approval', complexity: pick(['simple', 'normal', 'complex']), urgency: n % 5 === 0 ? 'urgent' : 'normal' }
    case 'reassign':
      return { action, leadDepartmentId: pick(DEPTS), reason: '改派' }
    case 'review':
      return n % 4 === 0 ? { action, passed: false, checklist: { ...checklist, solved: false }, note: '请补充' } : { action, passed: true, checklist }
    case 'confirm': {
      const resolution = pick(['solved', 'solved', 'partly', 'unsolved'] as const)
      const rating = resolution === 'solved' ? pick(['satisfied', 'basically'] as const) : 'unsatisfied'
      return { action, resolution, rating, comment: '仍需跟进', acknowledgeMismatch: true }
    }
    case 'request_extension':
      return { action, reason: '需协调', workingDays: 1 + (n % 3) }
    case 'decide_extension':
      return { action, approved: n % 2 === 0 }
    case 'link_repeat':
      return { action, repeatOf: 'elsewhere' }
    case 'follow_up':
      return { action, visitId: 'p1_2026-W10', text: '回头看' }
    case 'solve_on_spot':
    case 'add_materials':
    case 'answer':
    case 'note':
    case 'add_opinion':
      return { action, text: '已于3月10日办结，联系人王工。' }
    case 'decline':
    case 'return':
    case 'request_materials':
    case 'force_close':
    case 'supervise':
    case 'unlink_repeat':
      return { action, reason: '原因说明' }
    default:
      return { action }
  }
}

export interface Walk {
  issues: Issue[]
  calendar: WorkCalendar
  now: number
}

export interface WalkStep {
  issue: number
  advance: number
  pick: number
  command: number
  /** A manager enters a calendar: every open issue's deadlines are recomputed. */
  calendarEntry: boolean
}

export function startWalk(count: number, start: number, spread: number[]): Walk {
  const issues = Array.from({ length: count }, (_, i) => {
    const other = i % 3 === 2
    const input = { ...F.RAISE_INPUT, projectId: other ? 'p2' : 'p1', urgency: i % 4 === 3 ? 'urgent' : 'normal', clientRequestId: `walk_req_${i}` }
    const r = createIssue({ ...input, teamId: other ? 't2' : 't1' }, other ? F.otherLiaison : F.liaison, {
      ...F.ctxAt(start + (spread[i] ?? 0)), id: `w${i}`,
    })
    if (!r.ok) throw r.error
    return r.value
  })
  return { issues, calendar: weekendCalendar, now: start + Math.max(0, ...spread) }
}

/** One step; answers the indexes of the issues whose facts may have changed. */
export function walkStep(w: Walk, s: WalkStep, calendars: readonly WorkCalendar[]): number[] {
  w.now += s.advance
  const ctx: IssueCtx = { now: w.now, calendar: w.calendar, config: DEFAULT_DESK_CONFIG, departmentHasHandler: (d) => d !== 'd3' }
  if (s.calendarEntry) {
    w.calendar = calendars[s.pick % calendars.length]
    const moved: number[] = []
    w.issues.forEach((issue, i) => {
      if (!OPEN_STATES.includes(issue.state)) return
      const r = transition(issue, { action: 'recompute_deadlines' }, { system: true }, { ...ctx, calendar: w.calendar })
      if (r.ok && r.value) {
        w.issues[i] = r.value.issue
        moved.push(i)
      }
    })
    return moved
  }
  const i = s.issue % w.issues.length
  const issue = w.issues[i]
  const all = CALLERS.flatMap((c) => availableActions(issue, c, ctx).map((a) => [c, a] as const))
  const main = all.filter(([, a]) => !SIDE.includes(a))
  const pairs = main.length && s.command % 12 !== 0 ? main : all
  if (!pairs.length) return []
  const [caller, action] = pairs[s.pick % pairs.length]
  const r = transition(issue, commandFor(action, s.command) as never, caller, ctx)
  if (!r.ok || !r.value) return []
  w.issues[i] = r.value.issue
  return [i]
}

export const factsOf = (w: Walk, i: number): IssueFacts => issueFacts(w.issues[i], w.calendar)
