/**
 * 每周新增与办结: per ISO week the period touches, the issues raised and the issues settled
 * (confirmed or auto-closed, as 解决率 counts them); a linked repeat counts once. Two small
 * pipelines for the database and their in-memory twin, which the tests hold equal.
 */
import { ALL_STATES } from '../issue/lifecycle'
import { countedWeek, weekKeyOfDay } from '../time'
import { weeksOverlapping } from './coverage'
import type { IssueFacts, Period } from './figures'

export interface WeeklyRow {
  weekKey: string
  opened: number
  closed: number
}

/** Over the issues collection: raised per day and settled per week. Every state is named so the (state, raisedAt) index serves the match. */
export function weeklyPipelines(period: Period): { opened: Record<string, unknown>[]; closed: Record<string, unknown>[] } {
  const within = { $gt: period.from, $lte: period.to }
  const tail = [{ $sort: { _id: 1 } }, { $limit: 1000 }]
  return {
    opened: [{ $match: { state: { $in: [...ALL_STATES] }, raisedAt: within, 'facts.isRepeat': false } }, { $group: { _id: '$facts.raisedDay', n: { $sum: 1 } } }, ...tail],
    closed: [{ $match: { 'facts.confirmedAt': within, 'facts.isRepeat': false } }, { $group: { _id: '$facts.confirmedWeek', n: { $sum: 1 } } }, ...tail],
  }
}

type Row = { _id: string | null; n: number }

/** The chart's rows from the two pipelines' results: every week the period touches, in order. */
export function weeklyFromAggregate(period: Period, opened: readonly Row[], closed: readonly Row[]): WeeklyRow[] {
  const weeks = new Map(weeksOverlapping(period).map((w) => [w, { weekKey: w, opened: 0, closed: 0 }]))
  for (const r of opened) {
    const w = r._id ? weeks.get(weekKeyOfDay(r._id)) : undefined
    if (w) w.opened += r.n
  }
  for (const r of closed) {
    const w = r._id ? weeks.get(r._id) : undefined
    if (w) w.closed += r.n
  }
  return [...weeks.values()]
}

/** The same rows computed in memory from the facts. */
export function weeklyOpenedClosed(facts: readonly IssueFacts[], period: Period): WeeklyRow[] {
  const weeks = new Map(weeksOverlapping(period).map((w) => [w, { weekKey: w, opened: 0, closed: 0 }]))
  const add = (t: number | null, field: 'opened' | 'closed') => {
    if (t === null || !(t > period.from && t <= period.to)) return
    const w = weeks.get(countedWeek(t))
    if (w) w[field] += 1
  }
  for (const f of facts) {
    if (f.isRepeat) continue
    add(f.raisedAt, 'opened')
    add(f.confirmedAt, 'closed')
  }
  return [...weeks.values()]
}
