/** Instants relative to now on the zone's working-day calendar (Asia/Shanghai). */
import { buildCalendar } from '../../src/domain/calendar'
import { HOUR_MS, addDays, startOfDay, ymdOf } from '../../src/domain/time'

const calendar = buildCalendar([])

export function atHour(ymd: string, hour: number): number {
  return startOfDay(ymd) + hour * HOUR_MS
}

/** `hour` o'clock on the working day n working days before today (n = 0: today if it works). */
export function workingDaysAgo(now: number, n: number, hour = 10): number {
  let day = ymdOf(now)
  let left = n
  if (!calendar.isWorkingDay(day) || left > 0) {
    while (left > 0 || !calendar.isWorkingDay(day)) {
      day = addDays(day, -1)
      if (calendar.isWorkingDay(day)) left--
    }
  }
  const t = atHour(day, hour)
  return Math.min(t, now - 60_000)
}
