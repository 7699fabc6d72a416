/** 走访覆盖 for the period's weeks up to this week (at most the latest 13), most recent first. */
import { call } from '../../../api'
import type { CoverageRow } from '../../../domain/contract/visits'
import type { Period } from '../../../domain/metrics/figures'
import { addWeeks, weekKey } from '../../../domain/time'
import { useQuery } from '../../../hooks/useQuery'

export const COVERAGE_WEEKS = 13

/**
 * @example coverageWeeks({ from: <2026-01-01>, to: <2027-01-01> }, <2026-11-25>) // { fromWeek: '2026-W36', toWeek: '2026-W48' }
 */
export function coverageWeeks(period: Period, now: number): { fromWeek: string; toWeek: string } {
  const last = weekKey(Math.min(period.to - 1, now))
  const first = weekKey(period.from)
  const earliest = addWeeks(last, -(COVERAGE_WEEKS - 1))
  return { fromWeek: first > earliest ? first : earliest, toWeek: last }
}

export function useCoverage(period: Period, now: number) {
  return useQuery(async (): Promise<CoverageRow[]> => {
    const rows = await call('visits', 'coverage', coverageWeeks(period, now))
    return [...rows].sort((a, b) => (a.weekKey < b.weekKey ? 1 : -1)).slice(0, COVERAGE_WEEKS)
  }, [period.from, period.to])
}
