/**
 * The dashboard computed by the database in a constant number of calls, whatever the number of issues:
 * - issues: ONE aggregate(metricsPipeline(period, now, groupBy)) over documents carrying `facts`;
 * - visits: ONE aggregate(visitsPipeline(period)) (rows: projects with a completed visit in the period);
 * - projects: the active ones, for activeProjectWeeks (a zone has hundreds: one get of ≤ 1000).
 * metricsFromAggregate / metricsByFromAggregate turn the rows into the same Dashboard as computeMetrics.
 *
 * Each counter of counters.ts becomes `$sum: { $cond: [<its condition>, 1 | '$facts.returns', 0] }`,
 * so the sums are exactly those computeMetrics makes. Medians cannot be summed: each working-days
 * figure is a fixed histogram of HISTOGRAM_CAP + 1 buckets (whole working days rounded up, the last one
 * "more than HISTOGRAM_CAP - 1"), one $sum per bucket — constant size — and the median is read from it
 * on both sides. By week, each issue is unwound into one part per dated fact, each part carrying the
 * week key of its date and the counters placed by that date.
 *
 * Stages and operators used: $match, $project, $unwind, $group, $sort, $limit; $sum, $cond, $and, $or,
 * $eq, $ne, $gte, $gt, $lt, $lte, $push — all supported by the WeChat cloud database.
 */
import { OPEN_STATES } from '../issue/lifecycle'
import { toExpression } from './conditions'
import { type Counter, type DateField, type Sums, WEEK_FIELD, counters, zeroSums } from './counters'
import { compareKeys, rowsFromSums } from './compute'
import { coverageCounts, periodWeeks } from './coverage'
import { dashboardFromSums } from './dashboard'
import type { Dashboard, GroupBy, GroupRow, Period, ProjectWeek, VisitFact, Weights } from './figures'

/** The aggregate call returns at most this many rows (the server SDK's cap); breakdowns stay far below it. */
export const MAX_ROWS = 1000

const DATE_FIELDS = Object.keys(WEEK_FIELD) as DateField[]

const GROUP_ID: Record<Exclude<GroupBy, 'week'>, string> = {
  department: '$facts.departmentId',
  team: '$facts.teamId',
  project: '$facts.projectId',
}

const summand = (c: Counter): Record<string, unknown> => ({
  $cond: [toExpression(c.cond), c.sum ? `$facts.${c.sum}` : 1, 0],
})

/** Narrows the scan to issues that can add to some counter (exactness comes from the $cond's). */
export function matchStage(period: Period, withNow: boolean): Record<string, unknown> {
  const branches: Record<string, unknown>[] = DATE_FIELDS.map((d) => ({
    [`facts.${d}`]: { $gt: period.from, $lte: period.to },
  }))
  // 在办 issues count in the "now" figures: the top-level state is indexed (with raisedAt).
  if (withNow) branches.push({ state: { $in: [...OPEN_STATES] } })
  return { $match: { 'facts.isRepeat': false, $or: branches } }
}

/**
 * Aggregation stages over the issues collection: one row per group (`_id`: null for the whole zone,
 * else the departmentId / teamId / projectId / weekKey) with one field per counter.
 */
export function metricsPipeline(period: Period, now: number, groupBy?: GroupBy): Record<string, unknown>[] {
  const list = counters(period, now)
  const tail = [{ $sort: { _id: 1 } }, { $limit: MAX_ROWS }]
  if (groupBy !== 'week') {
    const group: Record<string, unknown> = { _id: groupBy ? GROUP_ID[groupBy] : null }
    for (const c of list) group[c.name] = { $sum: summand(c) }
    return [matchStage(period, true), { $group: group }, ...tail]
  }
  const parts = DATE_FIELDS.map((d) => {
    const part: Record<string, unknown> = { w: `$facts.${WEEK_FIELD[d]}` }
    for (const c of list) if (c.when === d) part[c.name] = summand(c)
    return part
  })
  const group: Record<string, unknown> = { _id: '$parts.w' }
  for (const c of list) if (c.when !== null) group[c.name] = { $sum: `$parts.${c.name}` }
  return [matchStage(period, false), { $project: { parts } }, { $unwind: '$parts' }, { $group: group }, ...tail]
}

/** Over the visits collection: per project, the weeks of the period (begun by now) with a completed visit. */
export function visitsPipeline(period: Period, now: number): Record<string, unknown>[] {
  return [
    { $match: { status: 'done', weekKey: { $in: periodWeeks(period, now) } } },
    { $group: { _id: '$projectId', weeks: { $push: '$weekKey' } } },
    { $sort: { _id: 1 } },
    { $limit: MAX_ROWS },
  ]
}

export interface AggregateRow {
  _id: string | null
  [counter: string]: unknown
}

export interface VisitAggregateRow {
  _id: string
  weeks: string[]
}

export const visitFactsFromAggregate = (rows: readonly VisitAggregateRow[]): VisitFact[] =>
  rows.flatMap((r) => r.weeks.map((weekKey) => ({ projectId: r._id, weekKey, status: 'done' as const })))

function rowSums(
  rows: readonly AggregateRow[],
  visitRows: readonly VisitAggregateRow[],
  active: number | readonly ProjectWeek[],
  period: Period,
  now: number,
  groupBy: GroupBy | null,
): Map<string | null, Sums> {
  const empty = zeroSums(counters(period, now))
  const out = new Map<string | null, Sums>()
  for (const r of rows) {
    const key = r._id ?? null
    const s: Sums = out.get(key) ?? { ...empty }
    for (const name of Object.keys(empty)) if (typeof r[name] === 'number') s[name] += r[name] as number
    out.set(key, s)
  }
  for (const cov of coverageCounts(visitFactsFromAggregate(visitRows), active, period, now, groupBy)) {
    const s = out.get(cov.key) ?? { ...empty }
    s.visitsDone += cov.visitsDone
    s.projectWeeks += cov.projectWeeks
    out.set(cov.key, s)
  }
  return out
}

/** The Dashboard from the rows of metricsPipeline(period, now) and visitsPipeline(period). */
export function metricsFromAggregate(
  rows: readonly AggregateRow[],
  visitRows: readonly VisitAggregateRow[],
  activeProjectWeeks: number | readonly ProjectWeek[],
  period: Period,
  now: number,
  weights?: Weights,
): Dashboard {
  const sums = rowSums(rows, visitRows, activeProjectWeeks, period, now, null).get(null)
  return dashboardFromSums(sums ?? zeroSums(counters(period, now)), period, now, weights)
}

/** The breakdown from the rows of metricsPipeline(period, now, groupBy) and visitsPipeline(period). */
export function metricsByFromAggregate(
  groupBy: GroupBy,
  rows: readonly AggregateRow[],
  visitRows: readonly VisitAggregateRow[],
  activeProjectWeeks: number | readonly ProjectWeek[],
  period: Period,
  now: number,
  weights?: Weights,
): GroupRow[] {
  const sums = rowSums(rows, visitRows, activeProjectWeeks, period, now, groupBy)
  return rowsFromSums([...sums].sort(([a], [b]) => compareKeys(a, b)), period, now, weights)
}
