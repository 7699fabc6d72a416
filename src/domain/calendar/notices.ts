/**
 * What the UI says when a deadline or a figure rests on the statutory estimate (layer 3), and which
 * years the manager should enter. Instants are ms since the epoch; years are Asia/Shanghai years.
 */
import { ymdOf } from '../time'
import type { WorkCalendar } from './workCalendar'

const yearOf = (ms: number): number => Number(ymdOf(ms).slice(0, 4))

/** The years touched by [a, b] (either order) that rest on the statutory estimate, ascending. */
export function estimatedYears(cal: WorkCalendar, a: number, b: number): number[] {
  const out: number[] = []
  for (let y = yearOf(Math.min(a, b)); y <= yearOf(Math.max(a, b)); y++) if (cal.basis(y) === 'statutory') out.push(y)
  return out
}

/** '2027 年放假安排未录入，按法定节假日估算' (years joined by '、'). */
export const estimateNoticeFor = (years: readonly number[]): string =>
  `${years.join('、')} 年放假安排未录入，按法定节假日估算`

/**
 * The notice to show beside a deadline or figure spanning [a, b], or undefined when every year it
 * touches rests on a published arrangement (the zone's entry or the package's data).
 * @example estimateNotice(cal, Date.parse('2026-12-28T10:00+08:00'), Date.parse('2027-01-12T00:00+08:00'))
 * // '2027 年放假安排未录入，按法定节假日估算' while 2027 is not entered
 */
export function estimateNotice(cal: WorkCalendar, a: number, b: number): string | undefined {
  const years = estimatedYears(cal, a, b)
  return years.length ? estimateNoticeFor(years) : undefined
}

/** The current Shanghai year and the next one, those of them resting on the statutory estimate (the manager's home task). */
export function yearsNeedingArrangement(cal: WorkCalendar, nowMs: number): number[] {
  const year = yearOf(nowMs)
  return [year, year + 1].filter((y) => cal.basis(y) === 'statutory')
}
