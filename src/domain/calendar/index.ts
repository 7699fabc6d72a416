/**
 * The working-day calendar: types, layers, merge, deadline arithmetic and notices.
 *
 * Bundle size: buildCalendar/statutoryHolidays pull in lunar-javascript (CommonJS, ~0.5 MB, not
 * tree-shakable) and the chinese-days data (~45 kB). Rules that only do deadline math should import
 * './calendar/workingTime' (or this index once package.json declares "sideEffects": false, which lets
 * bundlers drop the unused layers); only the composition root that builds the calendar needs the rest.
 */
export type { CalendarBasis, WorkCalendar, YearArrangement } from './types'
export {
  CUTOFF_HOUR,
  addClockHours,
  addWorkingDays,
  addWorkingMs,
  nextWorkingDay,
  receivedDay,
  spansEstimatedYear,
  workingDaysBetween,
  workingMsBetween,
} from './workingTime'
export { weekendCalendar } from './weekendCalendar'
export { buildCalendar, type DayInfo, type MergedCalendar } from './buildCalendar'
export {
  ARRANGEMENT_MAX_YEAR,
  ARRANGEMENT_MIN_YEAR,
  MAX_HOLIDAY_RANGES,
  MAX_HOLIDAY_NAME,
  MAX_WORKDAYS,
  validateArrangement,
  validateArrangementEntry,
} from './validateArrangement'
export {
  STATUTORY_NAMES,
  type StatutoryName,
  holidaysNamed,
  missingHolidays,
  missingHolidaysMessage,
  unconfirmedHolidays,
} from './coverage'
export { restDaysToRanges } from './ranges'
export { estimateArrangement, qingmingOf, statutoryHolidays, statutoryRestDays, type StatutoryHoliday } from './statutory'
export { packageArrangement, packageKnowsYear, packageYears } from './packageLayer'
export { estimateNotice, estimateNoticeFor, estimatedYears, yearsNeedingArrangement } from './notices'
