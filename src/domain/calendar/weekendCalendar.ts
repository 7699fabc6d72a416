import { isWeekend } from '../time'
import type { WorkCalendar } from './workCalendar'

/** Weekends rest, every other day works. For tests that do not care about holidays. */
export const weekendCalendar: WorkCalendar = {
  isWorkingDay: (ymd) => !isWeekend(ymd),
  basis: () => 'zone',
}
