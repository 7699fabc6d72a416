/**
 * 督办 ladder: 蓝 (due within `blueWithinWorkingDays`), 黄 (overdue), 红 (overdue ≥ `redAfterWorkingDays`
 * working days, or a second deadline gone overdue). Computed from the deadlines by the timed job
 * (`escalate`), never set by hand. Decisions:
 * - The stored `ladder` is the highest level the issue reached: it never falls, also not when the
 *   issue is signed for, answered or closed (it is the issue's record; labels show it only while open).
 * - Only live deadlines climb: triage while 待交办, sign-for and answer while dispatched, answer while
 *   in progress. Paused (awaiting_materials), under review and resolved issues do not climb.
 * - A triage that ended late (dispatched after its deadline) counts as a deadline gone overdue.
 * - A sign-for deadline that was missed counts as overdue even if the timer never saw it
 *   (signedForAt > signForDue), so a late answer after a late sign-for is 红.
 */
import type { WorkCalendar } from '../calendar/workCalendar'
import { workingMsBetween } from '../calendar/workingTime'
import { DAY_MS } from '../time'
import type { Issue, Ladder } from '../types'
import { DEFAULT_DESK_CONFIG, type DeskConfig } from './sla'

export const LADDER_RANK: Record<Ladder, number> = { none: 0, blue: 1, yellow: 2, red: 3 }
export const higherLadder = (a: Ladder, b: Ladder): Ladder => (LADDER_RANK[a] >= LADDER_RANK[b] ? a : b)

/** States in which a deadline runs: 交办 while 待交办, 签收 and 答复 while 待签收, 答复 while 办理中. */
const CLIMBING = ['submitted', 'dispatched', 'in_progress']

interface Stage {
  key: string
  due: number
  /** The instant the stage is judged at: now while live, the sign-for time once signed. */
  at: number
  live: boolean
}

function stagesOf(issue: Issue, now: number): Stage[] {
  const stages: Stage[] = []
  const { triageDue, triageFrom, signForDue, dispatchedAt, answerDue, answerClockFrom } = issue
  if (triageDue !== undefined && triageFrom !== undefined) {
    const live = issue.state === 'submitted'
    if (live || issue.triagedAt !== undefined)
      stages.push({ key: `triage@${triageFrom}`, due: triageDue, at: live ? now : (issue.triagedAt as number), live })
  }
  if (signForDue !== undefined && dispatchedAt !== undefined) {
    const live = issue.state === 'dispatched'
    if (live || issue.signedForAt !== undefined)
      stages.push({ key: `sign_for@${dispatchedAt}`, due: signForDue, at: live ? now : (issue.signedForAt as number), live })
  }
  if (answerDue !== undefined && answerClockFrom !== undefined && issue.state !== 'submitted')
    stages.push({ key: `answer@${answerClockFrom}`, due: answerDue, at: now, live: true })
  return stages
}

export interface LadderAssessment {
  ladder: Ladder
  overdueStages: string[]
}

/** The level the issue deserves at `now` (never below its stored level) and the deadlines gone overdue. */
export function assessLadder(
  issue: Issue,
  now: number,
  calendar: WorkCalendar,
  config: DeskConfig = DEFAULT_DESK_CONFIG,
): LadderAssessment {
  if (!CLIMBING.includes(issue.state)) return { ladder: issue.ladder, overdueStages: issue.overdueStages }
  let level: Ladder = issue.ladder
  const overdue = new Set(issue.overdueStages)
  for (const s of stagesOf(issue, now)) {
    if (s.at > s.due) {
      overdue.add(s.key)
      const late = workingMsBetween(calendar, s.due, s.at)
      level = higherLadder(level, late >= config.redAfterWorkingDays * DAY_MS ? 'red' : 'yellow')
    } else if (s.live && workingMsBetween(calendar, s.at, s.due) <= config.blueWithinWorkingDays * DAY_MS) {
      level = higherLadder(level, 'blue')
    }
  }
  if (overdue.size >= 2) level = 'red'
  return { ladder: level, overdueStages: [...overdue] }
}

/** 督办 level of the issue at `now`. */
export const ladderFor = (issue: Issue, now: number, calendar: WorkCalendar, config?: DeskConfig): Ladder =>
  assessLadder(issue, now, calendar, config).ladder

/** The deadline running now, if any: 交办 (the team), 签收 or 答复 (the department); paused issues have none. */
export function runningDeadline(issue: Pick<Issue, 'state' | 'triageDue' | 'signForDue' | 'answerDue'>): number | undefined {
  if (issue.state === 'submitted') return issue.triageDue
  if (issue.state === 'dispatched') return issue.signForDue
  if (issue.state === 'in_progress') return issue.answerDue
  return undefined
}

/** Overdue now: the running deadline has passed (paused time excluded by construction of the deadline). */
export function isOverdue(issue: Issue, now: number): boolean {
  const due = runningDeadline(issue)
  return due !== undefined && now > due
}

/** Working days overdue at `now` (0 when not overdue). */
export function overdueWorkingDays(issue: Pick<Issue, 'state' | 'triageDue' | 'signForDue' | 'answerDue'>, now: number, calendar: WorkCalendar): number {
  const due = runningDeadline(issue)
  return due !== undefined && now > due ? workingMsBetween(calendar, due, now) / DAY_MS : 0
}
