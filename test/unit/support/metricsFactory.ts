/** Small local builders for the metrics tests (independent of the lifecycle's own helpers). */
import { DAY_MS, countedDay, countedWeek } from '../../../src/domain/time'
import type { Issue, IssueState, Role, TimelineEvent } from '../../../src/domain/types'
import type { IssueFacts } from '../../../src/domain/metrics'

/** An instant written in Shanghai time. */
export const sh = (local: string): number => Date.parse(`${local}+08:00`)
/** 24:00 of a Shanghai day (how working-day deadlines end). */
export const endOf = (ymd: string): number => sh(`${ymd}T00:00:00`) + DAY_MS

export const MARCH = { from: sh('2026-03-01T00:00:00'), to: sh('2026-04-01T00:00:00') }
export const APRIL_10 = sh('2026-04-10T12:00:00')

const weekOrNull = (t: number | null): string | null => (t === null ? null : countedWeek(t))

/** Facts with everything absent; override what the case needs (week keys follow the dates). */
export function fact(issueId: string, over: Partial<IssueFacts> = {}): IssueFacts {
  const raisedAt = over.raisedAt ?? sh('2026-03-02T09:00:00')
  const f: IssueFacts = {
    issueId,
    projectId: 'p1',
    teamId: 't1',
    departmentId: 'd1',
    state: 'closed',
    raisedAt,
    raisedDay: countedDay(raisedAt),
    open: false,
    paused: false,
    isRepeat: false,
    dispatchedAt: null,
    dispatched: false,
    returns: 0,
    signForDue: null,
    signedForAt: null,
    signedOnTime: null,
    answerDue: null,
    answeredAt: null,
    answeredOnTime: null,
    workingDaysToAnswer: null,
    firstContactAt: null,
    workingDaysToFirstContact: null,
    runningDue: null,
    confirmedAt: null,
    resolution: null,
    rating: null,
    autoClosed: false,
    lastConfirmAt: null,
    reopened: false,
    closedAt: null,
    ladder: 'none',
    supervised: false,
    signForDueWeek: null,
    confirmedWeek: null,
    answerDueWeek: null,
    answeredWeek: null,
    dispatchedWeek: null,
    firstContactWeek: null,
    lastConfirmWeek: null,
    ...over,
  }
  return {
    ...f,
    // 在办 is one definition: a state other than closed, withdrawn or declined.
    open: !['closed', 'withdrawn', 'declined'].includes(f.state),
    dispatched: f.dispatchedAt !== null,
    signForDueWeek: weekOrNull(f.signForDue),
    confirmedWeek: weekOrNull(f.confirmedAt),
    answerDueWeek: weekOrNull(f.answerDue),
    answeredWeek: weekOrNull(f.answeredAt),
    dispatchedWeek: weekOrNull(f.dispatchedAt),
    firstContactWeek: weekOrNull(f.firstContactAt),
    lastConfirmWeek: weekOrNull(f.lastConfirmAt),
  }
}

export function ev(action: TimelineEvent['action'], at: number, from: IssueState, to: IssueState, role: Role = 'staff'): TimelineEvent {
  return { action, by: 'u1', role, at, from, to }
}

/** An issue document as the lifecycle stores it; override fields and give its timeline. */
export function issue(over: Partial<Issue> = {}): Issue {
  const raisedAt = over.raisedAt ?? sh('2026-03-02T09:00:00')
  return {
    _id: 'i1',
    projectId: 'p1',
    teamId: 't1',
    source: 'group',
    category: 'policy',
    title: '用电增容',
    description: '厂区需要增容',
    photos: [],
    urgency: 'normal',
    state: 'submitted',
    raisedBy: 'liaison1',
    raisedAt,
    clientRequestId: 'request-c1',
    assistDepartmentIds: [],
    pausedWorkingMs: 0,
    extensionWorkingMs: 0,
    extensions: [],
    ladder: 'none',
    overdueStages: [],
    supervised: false,
    returnCount: 0,
    reopenCount: 0,
    version: 1,
    timeline: [ev('raise', raisedAt, 'submitted', 'submitted', 'liaison')],
    updatedAt: raisedAt,
    ...over,
  }
}
