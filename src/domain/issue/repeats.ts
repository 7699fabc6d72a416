/**
 * 重复反映: a new issue in the same project and category as an open one raised within the window
 * (default 30 days) is likely a repeat. It is suggested at raise time and to the dispatcher, who
 * decides whether to link it (link_repeat); a link points at the original (a repeat of a repeat links
 * to the root), so every figure counts the matter once.
 */
import { DAY_MS } from '../time'
import type { Issue } from '../types'
import { TERMINAL_STATES } from './lifecycle'

export type RepeatCandidate = Pick<Issue, '_id' | 'projectId' | 'category' | 'state' | 'raisedAt'> & {
  repeatOf?: string
}

/**
 * The id the new issue likely repeats, or undefined. Among matching open candidates raised within
 * `windowDays` before `now`, the earliest raised wins.
 * @example suggestRepeatOf({ projectId: 'p1', category: 'land' }, [openLandIssueOf10DaysAgo], now) // its _id
 */
export function suggestRepeatOf(
  newIssue: { _id?: string; projectId: string; category: string },
  candidates: readonly RepeatCandidate[],
  now: number,
  windowDays = 30,
): string | undefined {
  const match = candidates
    .filter(
      (c) =>
        c._id !== newIssue._id &&
        c.projectId === newIssue.projectId &&
        c.category === newIssue.category &&
        !TERMINAL_STATES.includes(c.state) &&
        c.raisedAt <= now &&
        now - c.raisedAt <= windowDays * DAY_MS,
    )
    .sort((a, b) => a.raisedAt - b.raisedAt || (a._id < b._id ? -1 : 1))[0]
  return match ? (match.repeatOf ?? match._id) : undefined
}
