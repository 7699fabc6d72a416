/**
 * Every number the dashboard shows is a sum of one of these counters over the issues' facts.
 * A counter is a condition (conditions.ts) plus what to add when it holds (1, or the issue's returns),
 * and the date that places it in a week for the by-week breakdown (null: a "now" figure, not by week).
 *
 * Period semantics (DESIGN.md "Metrics for managers"); a period is (from, to] — an instant exactly at a
 * boundary (a deadline at 24:00 of day D) counts in the period that ends there; repeats (isRepeat) are
 * left out everywhere:
 * - 响应率   den: sign-for deadline in the period, and decided (signed, or left unsigned after the
 *            deadline, or still unsigned with the deadline passed); num: signed by the deadline.
 * - 解决率   den: confirmed or auto-closed in the period (latest confirmation); num: 解决.
 * - 满意率   den: rated (by the enterprise) among those; num: 满意.
 * - 按期办结率 den: effective answer deadline in the period, and decided (answered, or left unanswered
 *            after it, or still unanswered and not paused with it passed); num: answered by it.
 * - 重办率   den: the enterprise's latest explicit confirmation in the period (auto-closes are not
 *            confirmations; a confirmation that reopened the issue is one); num: reopened at least once.
 * - 平均转派 den: first dispatched in the period; num: sum of returns.
 * - 当前逾期 den: 在办 now (not closed, withdrawn or declined — the one definition, as on the boards);
 *            num: its running deadline (交办, 签收 or 答复) has passed (not by week).
 * - Medians: answered (resp. first contacted) in the period, by histogram bucket.
 */
import { type Cond, and, eq, gt, holds, lt, lte, ne, or, within } from './conditions'
import type { IssueFacts, Period } from './figures'

export type DateField = 'signForDue' | 'confirmedAt' | 'answerDue' | 'answeredAt' | 'dispatchedAt' | 'firstContactAt' | 'lastConfirmAt'

/** The week-key fact of each dated fact. */
export const WEEK_FIELD: Record<DateField, keyof IssueFacts> = {
  signForDue: 'signForDueWeek',
  confirmedAt: 'confirmedWeek',
  answerDue: 'answerDueWeek',
  answeredAt: 'answeredWeek',
  dispatchedAt: 'dispatchedWeek',
  firstContactAt: 'firstContactWeek',
  lastConfirmAt: 'lastConfirmWeek',
}

export interface Counter {
  name: string
  when: DateField | null
  cond: Cond
  /** Add this numeric fact instead of 1. */
  sum?: 'returns'
}

/** Histogram buckets 0 … HISTOGRAM_CAP - 1 whole working days (rounded up), and one overflow bucket. */
export const HISTOGRAM_CAP = 31

export type Sums = Record<string, number>

/** Condition for bucket b of a working-days fact: b-1 < x ≤ b (0: x ≤ 0; last: x > CAP - 1). */
function bucketCond(field: keyof IssueFacts, b: number): Cond {
  if (b === 0) return lte(field, 0)
  if (b === HISTOGRAM_CAP) return gt(field, HISTOGRAM_CAP - 1)
  return and(gt(field, b - 1), lte(field, b))
}

export const histogramName = (prefix: 'ans' | 'fc', b: number): string => `${prefix}${b}`

export function counters(period: Period, now: number): Counter[] {
  const { from, to } = period
  const once = eq('isRepeat', false)
  const inPeriod = (f: DateField, ...more: Cond[]): Cond => and(once, within(f, from, to), ...more)
  const answering = or(eq('state', 'dispatched'), eq('state', 'in_progress'))

  const responseDue = inPeriod('signForDue', or(ne('signedOnTime', null), and(eq('state', 'dispatched'), lt('signForDue', now))))
  const answerDue = inPeriod(
    'answerDue',
    or(ne('answeredOnTime', null), and(answering, lt('answerDue', now))),
  )
  const settled = inPeriod('confirmedAt')
  const dispatched = inPeriod('dispatchedAt')
  const live = and(once, eq('open', true))

  const list: Counter[] = [
    { name: 'responseDue', when: 'signForDue', cond: responseDue },
    { name: 'respondedOnTime', when: 'signForDue', cond: inPeriod('signForDue', eq('signedOnTime', true)) },
    { name: 'settled', when: 'confirmedAt', cond: settled },
    { name: 'solved', when: 'confirmedAt', cond: and(settled, eq('resolution', 'solved')) },
    { name: 'partly', when: 'confirmedAt', cond: and(settled, eq('resolution', 'partly')) },
    { name: 'autoClosed', when: 'confirmedAt', cond: and(settled, eq('autoClosed', true)) },
    { name: 'rated', when: 'confirmedAt', cond: and(settled, ne('rating', null)) },
    { name: 'satisfied', when: 'confirmedAt', cond: and(settled, eq('rating', 'satisfied')) },
    { name: 'basically', when: 'confirmedAt', cond: and(settled, eq('rating', 'basically')) },
    { name: 'confirmed', when: 'lastConfirmAt', cond: inPeriod('lastConfirmAt') },
    { name: 'reopened', when: 'lastConfirmAt', cond: inPeriod('lastConfirmAt', eq('reopened', true)) },
    { name: 'answerDue', when: 'answerDue', cond: answerDue },
    { name: 'answeredOnTime', when: 'answerDue', cond: inPeriod('answerDue', eq('answeredOnTime', true)) },
    { name: 'dispatched', when: 'dispatchedAt', cond: dispatched },
    { name: 'returns', when: 'dispatchedAt', cond: dispatched, sum: 'returns' },
    { name: 'returned', when: 'dispatchedAt', cond: and(dispatched, gt('returns', 0)) },
    { name: 'open', when: null, cond: live },
    { name: 'overdue', when: null, cond: and(live, lt('runningDue', now)) },
    { name: 'yellow', when: null, cond: and(live, eq('ladder', 'yellow')) },
    { name: 'red', when: null, cond: and(live, eq('ladder', 'red')) },
    { name: 'supervised', when: null, cond: and(live, eq('supervised', true)) },
  ]
  for (let b = 0; b <= HISTOGRAM_CAP; b++) {
    list.push({
      name: histogramName('ans', b),
      when: 'answeredAt',
      cond: inPeriod('answeredAt', bucketCond('workingDaysToAnswer', b)),
    })
    list.push({
      name: histogramName('fc', b),
      when: 'firstContactAt',
      cond: inPeriod('firstContactAt', bucketCond('workingDaysToFirstContact', b)),
    })
  }
  return list
}

/** The (empty) sums of every counter. */
export function zeroSums(list: Counter[]): Sums {
  const sums: Sums = { visitsDone: 0, projectWeeks: 0 }
  for (const c of list) sums[c.name] = 0
  return sums
}

/** What one issue adds to a counter (0 when its condition does not hold). */
export function contribution(c: Counter, f: IssueFacts): number {
  if (!holds(c.cond, f)) return 0
  return c.sum ? f[c.sum] : 1
}
