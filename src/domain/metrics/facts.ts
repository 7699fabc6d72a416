/**
 * issueFacts: the flat record the metrics read, derived purely from one issue and the calendar.
 * The cloud stores it on the issue as `facts` whenever the issue changes, so the database can sum
 * it (pipeline.ts) exactly as computeMetrics does in memory.
 *
 * Reads the issue's own fields where they say it all; the timeline only for what no field keeps
 * (first dispatch, when the issue left 待签收 unsigned, first contact).
 */
import type { WorkCalendar } from '../calendar/workCalendar'
import { workingMsBetween } from '../calendar/workingTime'
import { runningDeadline } from '../issue/ladder'
import { DAY_MS, countedDay, countedWeek } from '../time'
import type { Issue, IssueState } from '../types'
import type { IssueFacts } from './figures'

const ENDED: readonly IssueState[] = ['closed', 'withdrawn', 'declined']
/** States in which the answer clock runs (awaiting_materials: stopped). */
const ANSWERING: readonly IssueState[] = ['dispatched', 'in_progress', 'awaiting_materials']

const days = (ms: number): number => Math.round((ms / DAY_MS) * 100) / 100
const weekOrNull = (t: number | null): string | null => (t === null ? null : countedWeek(t))

/** Decided on-time flag: true/false when the step happened (or was abandoned late), null while pending. */
function onTime(doneAt: number | null, due: number | null, pending: boolean, leftAt: number | null): boolean | null {
  if (due === null) return null
  if (doneAt !== null) return doneAt <= due
  if (pending || leftAt === null) return null
  return leftAt > due ? false : null
}

function signedOnTime(issue: Issue): boolean | null {
  const due = issue.signForDue ?? null
  if (due === null || issue.state === 'dispatched') return null
  const left = [...issue.timeline].reverse().find((e) => e.from === 'dispatched' && e.to !== 'dispatched')
  if (!left) return issue.signedForAt !== undefined ? issue.signedForAt <= due : null
  return left.action === 'sign_for' ? onTime(issue.signedForAt ?? left.at, due, false, null) : onTime(null, due, false, left.at)
}

/** The answer on the current answer clock (an answer from before a reopening is not this clock's). */
function currentAnswerAt(issue: Issue): number | null {
  const at = issue.answeredAt ?? issue.answer?.at
  if (at === undefined) return null
  return issue.answerClockFrom !== undefined && at < issue.answerClockFrom ? null : at
}

/** When the government side first reached the enterprise: materials asked, or an answer delivered. */
function firstContact(issue: Issue): number | null {
  const e = issue.timeline.find(
    (ev) => ev.action === 'request_materials' || (ev.to === 'resolved' && ev.from !== 'resolved'),
  )
  return e ? e.at : (issue.resolvedAt ?? null)
}

/** The enterprise's latest confirmation, also one that reopened the issue (auto-closes are not confirmations). */
function lastConfirmation(issue: Issue): number | null {
  for (let i = issue.timeline.length - 1; i >= 0; i--) if (issue.timeline[i].action === 'confirm') return issue.timeline[i].at
  return null
}

/**
 * @example issueFacts(issue, zoneCalendar) // → { issueId, projectId, …, signedOnTime: true, … }
 */
export function issueFacts(issue: Issue, cal: WorkCalendar): IssueFacts {
  const open = !ENDED.includes(issue.state)
  const firstDispatch = issue.timeline.find((e) => e.action === 'dispatch')
  const dispatchedAt = firstDispatch?.at ?? issue.dispatchedAt ?? null
  const answerDue = issue.answerDue ?? null
  const answeredAt = currentAnswerAt(issue)
  const lastEvent = issue.timeline[issue.timeline.length - 1]
  const leftAt = issue.closedAt ?? lastEvent?.at ?? null
  const clockFrom = issue.answerClockFrom ?? dispatchedAt
  const firstContactAt = firstContact(issue)
  // An auto-close supersedes any earlier confirmation (e.g. a 未解决 that reopened the issue).
  const auto = !!issue.autoClosed
  const confirmation = auto ? undefined : issue.confirmation
  const confirmedAt = auto ? (issue.closedAt ?? null) : (confirmation?.at ?? null)
  return {
    issueId: issue._id,
    projectId: issue.projectId,
    teamId: issue.teamId,
    departmentId: issue.leadDepartmentId ?? null,
    state: issue.state,
    raisedAt: issue.raisedAt,
    raisedDay: countedDay(issue.raisedAt),
    open,
    paused: issue.state === 'awaiting_materials',
    isRepeat: !!issue.repeatOf,
    dispatchedAt,
    dispatched: dispatchedAt !== null,
    returns: issue.returnCount ?? 0,
    signForDue: issue.signForDue ?? null,
    signedForAt: issue.signedForAt ?? null,
    signedOnTime: signedOnTime(issue),
    answerDue,
    answeredAt,
    answeredOnTime: onTime(answeredAt, answerDue, ANSWERING.includes(issue.state), leftAt),
    workingDaysToAnswer:
      answeredAt !== null && clockFrom !== null
        ? days(Math.max(0, workingMsBetween(cal, clockFrom, answeredAt) - (issue.pausedWorkingMs ?? 0)))
        : null,
    firstContactAt,
    workingDaysToFirstContact:
      firstContactAt !== null ? days(workingMsBetween(cal, issue.raisedAt, firstContactAt)) : null,
    runningDue: runningDeadline(issue) ?? null, // the ladder's own rule: 待签收 → sign-for, 办理中 → answer
    confirmedAt,
    resolution: confirmation?.resolution ?? null,
    rating: confirmation?.rating ?? null,
    autoClosed: auto,
    lastConfirmAt: lastConfirmation(issue),
    reopened: (issue.reopenCount ?? 0) > 0,
    closedAt: issue.closedAt ?? null,
    ladder: issue.ladder ?? 'none',
    supervised: !!issue.supervised,
    signForDueWeek: weekOrNull(issue.signForDue ?? null),
    confirmedWeek: weekOrNull(confirmedAt),
    answerDueWeek: weekOrNull(answerDue),
    answeredWeek: weekOrNull(answeredAt),
    dispatchedWeek: weekOrNull(dispatchedAt),
    firstContactWeek: weekOrNull(firstContactAt),
    lastConfirmWeek: weekOrNull(lastConfirmation(issue)),
  }
}
