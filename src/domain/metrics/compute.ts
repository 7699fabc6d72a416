/**
 * The one pure function behind the dashboard, the export and the tests: counters (counters.ts)
 * summed in memory over the issues' facts, plus visit coverage, turned into a Dashboard.
 */
import { holds } from './conditions'
import { type Counter, WEEK_FIELD, type Sums, contribution, counters, zeroSums } from './counters'
import { coverageCounts } from './coverage'
import { dashboardFromSums, hasAnything } from './dashboard'
import type {
  Dashboard,
  DrillKey,
  GroupBy,
  GroupRow,
  IssueFacts,
  Period,
  ProjectWeek,
  VisitFact,
  Weights,
} from './figures'

/** The row an issue's contribution to a counter lands in; undefined: not in this breakdown. */
export function factsGroup(f: IssueFacts, c: Counter, groupBy: GroupBy | null): string | null | undefined {
  switch (groupBy) {
    case null:
      return null
    case 'department':
      return f.departmentId
    case 'team':
      return f.teamId
    case 'project':
      return f.projectId
    case 'week':
      return c.when === null ? undefined : (f[WEEK_FIELD[c.when]] as string | null)
  }
}

/** Rows in a stable order: null first, then by key (code-unit order, as the database sorts strings). */
export const compareKeys = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1

export function sumsBy(
  facts: readonly IssueFacts[],
  visits: readonly VisitFact[],
  active: number | readonly ProjectWeek[],
  period: Period,
  now: number,
  groupBy: GroupBy | null,
): Map<string | null, Sums> {
  const list = counters(period, now)
  const rows = new Map<string | null, Sums>()
  const row = (key: string | null): Sums => {
    let s = rows.get(key)
    if (!s) rows.set(key, (s = zeroSums(list)))
    return s
  }
  for (const f of facts)
    for (const c of list) {
      const v = contribution(c, f)
      if (v === 0) continue
      const key = factsGroup(f, c, groupBy)
      if (key !== undefined) row(key)[c.name] += v
    }
  for (const cov of coverageCounts(visits, active, period, now, groupBy)) {
    const s = row(cov.key)
    s.visitsDone += cov.visitsDone
    s.projectWeeks += cov.projectWeeks
  }
  return rows
}

/**
 * The dashboard for a period.
 * @param activeProjectWeeks the active project-weeks (activeProjectWeeks(projects, period, now)), or just their number
 * @example computeMetrics(facts, visits, activeProjectWeeks(projects, march, now), march, now).metrics.response.value
 */
export function computeMetrics(
  facts: readonly IssueFacts[],
  visits: readonly VisitFact[],
  activeProjectWeeks: number | readonly ProjectWeek[],
  period: Period,
  now: number,
  weights?: Weights,
): Dashboard {
  const sums = sumsBy(facts, visits, activeProjectWeeks, period, now, null).get(null) ?? zeroSums(counters(period, now))
  return dashboardFromSums(sums, period, now, weights)
}

/** Rows with anything to show, in compareKeys order. */
export function rowsFromSums(
  rows: Iterable<[string | null, Sums]>,
  period: Period,
  now: number,
  weights?: Weights,
): GroupRow[] {
  return [...rows]
    .filter(([, s]) => hasAnything(s))
    .sort(([a], [b]) => compareKeys(a, b))
    .map(([key, s]) => ({ key, dashboard: dashboardFromSums(s, period, now, weights) }))
}

/**
 * The dashboard by department / team / project / week. By week, each figure sits in the week of the
 * date that places it in the period (e.g. 响应率 in the week of the sign-for deadline); 当前逾期 is a
 * "now" figure and is not broken down by week; 走访覆盖率 is not broken down by department.
 */
export function computeMetricsBy(
  groupBy: GroupBy,
  facts: readonly IssueFacts[],
  visits: readonly VisitFact[],
  activeProjectWeeks: number | readonly ProjectWeek[],
  period: Period,
  now: number,
  weights?: Weights,
): GroupRow[] {
  return rowsFromSums(sumsBy(facts, visits, activeProjectWeeks, period, now, groupBy), period, now, weights)
}

const DRILL: Record<DrillKey, { numerator: string; denominator: string }> = {
  response: { numerator: 'respondedOnTime', denominator: 'responseDue' },
  resolution: { numerator: 'solved', denominator: 'settled' },
  satisfaction: { numerator: 'satisfied', denominator: 'rated' },
  onTime: { numerator: 'answeredOnTime', denominator: 'answerDue' },
  reopen: { numerator: 'reopened', denominator: 'confirmed' },
  returns: { numerator: 'returned', denominator: 'dispatched' },
  overdue: { numerator: 'overdue', denominator: 'open' },
  answerDays: { numerator: 'ans', denominator: 'ans' },
  firstContactDays: { numerator: 'fc', denominator: 'fc' },
}

/**
 * The issues behind a figure: ids of the issues counted in its numerator or denominator
 * (平均转派's numerator: the issues that were returned at least once; the medians: the issues in the
 * histogram). Pass `group` to drill into one row of a breakdown.
 */
export function drill(
  facts: readonly IssueFacts[],
  key: DrillKey,
  part: 'numerator' | 'denominator',
  period: Period,
  now: number,
  group?: { by: GroupBy; key: string | null },
): string[] {
  const name = DRILL[key][part]
  const histogram = key === 'answerDays' || key === 'firstContactDays'
  const list = counters(period, now).filter((c) =>
    histogram ? c.name.startsWith(name) && /^\d+$/.test(c.name.slice(name.length)) : c.name === name,
  )
  return facts
    .filter((f) =>
      list.some((c) => holds(c.cond, f) && (!group || factsGroup(f, c, group.by) === group.key)),
    )
    .map((f) => f.issueId)
}
