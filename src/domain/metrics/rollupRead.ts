/**
 * The dashboard from the rollups (rollup.ts) plus a bounded live part, equal to computeMetrics /
 * computeMetricsBy / weeklyOpenedClosed over the same issues (test/unit/metrics.rollup*.test.ts):
 *
 * - the period's WHOLE days (00:00 to 24:00 Shanghai) come from the month documents of one view;
 * - a period that cuts a day (an explicit {from, to} not at 00:00) has its partial first and last day
 *   computed live from the issues with a date in them (liveEdgeMatch; at most two days' issues);
 * - what passing a deadline adds (响应率's and 按期办结率's denominators, 当前逾期) comes from the
 *   hours that ended before `now`; the hour holding `now` is computed live from the issues with a
 *   deadline in it (liveHourMatch; one hour's deadlines);
 * - the now figures (在办, 黄牌, 红牌, 督办中, 当前逾期) come from the view's now documents.
 * Nothing here grows with the number of issues: documents read ≤ (months + 1) × groups of the view.
 */
import { ALL_STATES } from '../issue/lifecycle'
import { DAY_MS, HOUR_MS, addDays, countedDay, startOfDay, weekKeyOfDay, ymdOf } from '../time'
import { factsGroup, rowsFromSums } from './compute'
import { type Sums, contribution, counters, zeroSums } from './counters'
import { dashboardFromSums } from './dashboard'
import { coverageCounts, weeksOverlapping } from './coverage'
import { NOW_BUCKET, OPENED, type RollupDoc, type RollupView, fieldParts, hourEnd, hourOf, monthsBetween, passingsOf } from './rollup'
import type { Dashboard, GroupBy, GroupRow, IssueFacts, Period, ProjectWeek, VisitFact, Weights } from './figures'
import { type WeeklyRow, weeklyOpenedClosed } from './weekly'

/** The view that serves a breakdown (the zone and the by-week rows: by department; by team: the project documents). */
export const viewFor = (groupBy: GroupBy | null | undefined): RollupView =>
  groupBy === 'team' || groupBy === 'project' ? 'project' : 'department'

export interface RollupPlan {
  /** The whole days of the period, first and last ('YYYY-MM-DD'); null when it holds none. */
  days: { first: string; last: string } | null
  /** The buckets to read: the months of the whole days, then 'now'. */
  buckets: string[]
  /** The parts of the period that cut a day, computed live. */
  edges: Period[]
  /** The hour holding `now`, (from, now): its passed deadlines are computed live. */
  hour: { from: number; to: number }
}

/**
 * @example rollupPlan(periodFor('quarter', now), now).buckets // ['2026-10', '2026-11', '2026-12', 'now']
 */
export function rollupPlan(period: Period, now: number): RollupPlan {
  const fromDay = ymdOf(period.from)
  const first = startOfDay(fromDay) === period.from ? fromDay : addDays(fromDay, 1)
  const toDay = countedDay(period.to)
  const last = startOfDay(toDay) + DAY_MS === period.to ? toDay : addDays(toDay, -1)
  const hourTo = hourEnd(countedDay(now), hourOf(now))
  const hour = { from: hourTo - HOUR_MS, to: now }
  if (first > last) return { days: null, buckets: [NOW_BUCKET], edges: [period], hour }
  const edges: Period[] = []
  if (period.from < startOfDay(first)) edges.push({ from: period.from, to: startOfDay(first) })
  if (period.to > startOfDay(last) + DAY_MS) edges.push({ from: startOfDay(last) + DAY_MS, to: period.to })
  return { days: { first, last }, buckets: [...monthsBetween(first, last), NOW_BUCKET], edges, hour }
}

const DATE_FIELDS = ['signForDue', 'confirmedAt', 'answerDue', 'answeredAt', 'dispatchedAt', 'firstContactAt', 'lastConfirmAt'] as const

/** The issues with a date in the cut days (any dated fact, or raised there): null when no day is cut. Every branch is indexed. */
export function liveEdgeMatch(edges: readonly Period[]): Record<string, unknown> | null {
  if (!edges.length) return null
  const branches = edges.flatMap((e) => [
    ...DATE_FIELDS.map((d) => ({ [`facts.${d}`]: { $gt: e.from, $lte: e.to } })),
    { state: { $in: [...ALL_STATES] }, raisedAt: { $gt: e.from, $lte: e.to } },
  ])
  return { 'facts.isRepeat': false, $or: branches }
}

/** The issues with a deadline that moves a figure inside the hour holding `now` (before `now`). */
export function liveHourMatch(hour: { from: number; to: number }): Record<string, unknown> {
  const within = { $gt: hour.from, $lt: hour.to }
  return { 'facts.isRepeat': false, $or: [{ 'facts.signForDue': within }, { 'facts.answerDue': within }, { 'facts.runningDue': within }] }
}

export interface LiveFacts {
  /** Issues matched by liveEdgeMatch (a superset is fine). */
  edges: readonly IssueFacts[]
  /** Issues matched by liveHourMatch (a superset is fine). */
  hour: readonly IssueFacts[]
}

export interface Coverage {
  visits: readonly VisitFact[]
  active: number | readonly ProjectWeek[]
}

/**
 * Counter sums per row (as sumsBy in compute.ts): `docs` are the plan's buckets of viewFor(groupBy)
 * (documents of other views are ignored), `live` the issues the two live matches found.
 */
export function sumsFromRollups(
  docs: readonly RollupDoc[],
  live: LiveFacts,
  coverage: Coverage,
  period: Period,
  now: number,
  groupBy: GroupBy | null,
): Map<string | null, Sums> {
  const plan = rollupPlan(period, now)
  const view = viewFor(groupBy)
  const empty = zeroSums(counters(period, now))
  const rows = new Map<string | null, Sums>()
  const add = (key: string | null, name: string, n: number) => {
    let s = rows.get(key)
    if (!s) rows.set(key, (s = { ...empty }))
    s[name] = (s[name] ?? 0) + n
  }
  const whole = (day: string) => !!plan.days && day >= plan.days.first && day <= plan.days.last
  const passed = passedBefore(now)
  for (const doc of docs) {
    if (doc.view !== view) continue
    const key = groupBy === null ? null : groupBy === 'team' ? (doc.team ?? null) : doc.key
    if (doc.bucket === NOW_BUCKET) {
      if (groupBy === 'week') continue // the now figures are not broken down by week
      for (const [name, n] of Object.entries(doc.n ?? {})) add(key, name, n)
      for (const [day, fields] of Object.entries(doc.days))
        for (const [field, n] of Object.entries(fields)) {
          const { name, hour } = fieldParts(field)
          if (passed(day, hour)) add(key, name, n)
        }
      continue
    }
    for (const [day, fields] of Object.entries(doc.days)) {
      if (!whole(day)) continue
      const rowKey = groupBy === 'week' ? weekKeyOfDay(day) : key
      for (const [field, n] of Object.entries(fields)) {
        const { name, hour } = fieldParts(field)
        if (name === OPENED || (hour && !passed(day, hour))) continue
        add(rowKey, name, n)
      }
    }
  }
  for (const edge of plan.edges) {
    const dated = counters(edge, now).filter((c) => c.when !== null)
    for (const f of live.edges)
      for (const c of dated) {
        const n = contribution(c, f)
        const key = n === 0 ? undefined : factsGroup(f, c, groupBy)
        if (key !== undefined) add(key, c.name, n)
      }
  }
  for (const f of live.hour)
    for (const p of passingsOf(f)) {
      if (!(p.t > plan.hour.from && p.t < now)) continue
      if (p.counter.when !== null && !whole(countedDay(p.t))) continue
      const key = factsGroup(f, p.counter, groupBy)
      if (key !== undefined) add(key, p.counter.name, p.amount)
    }
  for (const cov of coverageCounts(coverage.visits, coverage.active, period, now, groupBy)) {
    add(cov.key, 'visitsDone', cov.visitsDone)
    add(cov.key, 'projectWeeks', cov.projectWeeks)
  }
  return rows
}

/** Whether the hour `hour` of `day` ended before `now`, each day's start worked out once (documents hold thousands of entries). */
function passedBefore(now: number): (day: string, hour: number) => boolean {
  const starts = new Map<string, number>()
  return (day, hour) => {
    let start = starts.get(day)
    if (start === undefined) starts.set(day, (start = hourEnd(day, 0)))
    return start + hour * HOUR_MS < now
  }
}

/** The zone's Dashboard (computeMetrics' twin). */
export function dashboardFromRollups(docs: readonly RollupDoc[], live: LiveFacts, coverage: Coverage, period: Period, now: number, weights?: Weights): Dashboard {
  const sums = sumsFromRollups(docs, live, coverage, period, now, null).get(null) ?? zeroSums(counters(period, now))
  return dashboardFromSums(sums, period, now, weights)
}

/** The breakdown (computeMetricsBy's twin). */
export function metricsByFromRollups(
  groupBy: GroupBy,
  docs: readonly RollupDoc[],
  live: LiveFacts,
  coverage: Coverage,
  period: Period,
  now: number,
  weights?: Weights,
): GroupRow[] {
  return rowsFromSums(sumsFromRollups(docs, live, coverage, period, now, groupBy), period, now, weights)
}

/** 每周新增与办结 from the same documents and live issues (equal to weeklyOpenedClosed over the issues). */
export function weeklyFromRollups(docs: readonly RollupDoc[], live: LiveFacts, period: Period, now: number): WeeklyRow[] {
  const plan = rollupPlan(period, now)
  const weeks = new Map(weeksOverlapping(period).map((w) => [w, { weekKey: w, opened: 0, closed: 0 }]))
  const view = docs[0]?.view
  for (const doc of docs) {
    if (doc.view !== view || doc.bucket === NOW_BUCKET || !plan.days) continue
    for (const [day, fields] of Object.entries(doc.days)) {
      if (day < plan.days.first || day > plan.days.last) continue
      const w = weeks.get(weekKeyOfDay(day))
      if (!w) continue
      w.opened += fields[OPENED] ?? 0
      w.closed += fields.settled ?? 0
    }
  }
  for (const edge of plan.edges)
    for (const r of weeklyOpenedClosed(live.edges, edge)) {
      const w = weeks.get(r.weekKey)
      if (w) {
        w.opened += r.opened
        w.closed += r.closed
      }
    }
  return [...weeks.values()]
}
