/**
 * Working-day arithmetic for SLA deadlines. Every function takes the calendar as an argument.
 *
 * Conventions (Asia/Shanghai):
 * - A request received on a working day before 17:00 counts that day as its day 0; one received at
 *   or after 17:00, or on a rest day, counts the next working day as its day 0.
 * - "Within n working days" means by the end (24:00) of the n-th working day after day 0.
 * - Working time is measured as whole working days of 24 h: pauses (waiting for the enterprise's
 *   materials) and overdue spans are counted in working-day time, so weekends and holidays inside
 *   a pause neither lengthen nor shorten it.
 */
import { DAY_MS, HOUR_MS, addDays, shanghaiHour, startOfDay, ymdOf } from '../time'
import type { WorkCalendar } from './workCalendar'

export const CUTOFF_HOUR = 17
/** Guard against a calendar with no working days at all. */
const MAX_SCAN_DAYS = 3660

export function nextWorkingDay(cal: WorkCalendar, ymd: string): string {
  let day = addDays(ymd, 1)
  for (let i = 0; i < MAX_SCAN_DAYS; i++, day = addDays(day, 1)) if (cal.isWorkingDay(day)) return day
  throw new RangeError(`no working day within ten years after ${ymd}`)
}

/** Day 0 of a request received at instant t. */
export function receivedDay(cal: WorkCalendar, t: number): string {
  const day = ymdOf(t)
  return cal.isWorkingDay(day) && shanghaiHour(t) < CUTOFF_HOUR ? day : nextWorkingDay(cal, day)
}

/**
 * Deadline for "within n working days" of a request received at t.
 * @example addWorkingDays(cal, Date.parse('2026-09-30T10:00+08:00'), 1) // end of 2026-10-08 (Thu), 国庆 rests 10-01…07
 */
export function addWorkingDays(cal: WorkCalendar, t: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer: ${n}`)
  let day = receivedDay(cal, t)
  for (let i = 0; i < n; i++) day = nextWorkingDay(cal, day)
  return startOfDay(day) + DAY_MS
}

/** Deadline for a limit in clock hours (urgent issues: sign-for within 2 h). */
export const addClockHours = (t: number, hours: number): number => t + hours * HOUR_MS

/** Working-day time (ms) inside [a, b). */
export function workingMsBetween(cal: WorkCalendar, a: number, b: number): number {
  if (b <= a) return 0
  let total = 0
  let day = ymdOf(a)
  for (let dayStart = startOfDay(day); dayStart < b; day = addDays(day, 1), dayStart = startOfDay(day)) {
    if (!cal.isWorkingDay(day)) continue
    total += Math.min(b, dayStart + DAY_MS) - Math.max(a, dayStart)
  }
  return total
}

export const workingDaysBetween = (cal: WorkCalendar, a: number, b: number): number =>
  workingMsBetween(cal, a, b) / DAY_MS

/** The instant at which `ms` of working-day time has passed after t (used to push a deadline by a pause). */
export function addWorkingMs(cal: WorkCalendar, t: number, ms: number): number {
  if (ms <= 0) return t
  let left = ms
  let day = ymdOf(t)
  let from = t
  for (let i = 0; i < MAX_SCAN_DAYS * 10; i++) {
    const dayEnd = startOfDay(day) + DAY_MS
    if (cal.isWorkingDay(day)) {
      const span = dayEnd - from
      if (left <= span) return from + left
      left -= span
    }
    day = addDays(day, 1)
    from = dayEnd
  }
  throw new RangeError('working time runs past ten years')
}

/** True when any year touched by [a, b] rests on the statutory estimate (layer 3) rather than a published arrangement. */
export function spansEstimatedYear(cal: WorkCalendar, a: number, b: number): boolean {
  const from = Number(ymdOf(Math.min(a, b)).slice(0, 4))
  const to = Number(ymdOf(Math.max(a, b)).slice(0, 4))
  for (let y = from; y <= to; y++) if (cal.basis(y) === 'statutory') return true
  return false
}
