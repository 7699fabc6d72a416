/**
 * The working-day calendar: types, layers, merge, deadline arithmetic and notices.
 *
 * Bundle size: buildCalendar/statutoryHolidays pull in lunar-javascript (CommonJS, ~0.5 MB, not
 * tree-shakable) and the chinese-days data (~45 kB). Rules that only do deadline math should import
 * './calendar/workingTime' (or this index once package.json declares "sideEffects": false, which lets
 * bundlers drop the unused layers); only the composition root that builds the calendar needs the rest.
 */
export type { CalendarBasis, YearArrangement } from './workCalendar'
export { buildCalendar } from './buildCalendar'
export { validateArrangement, validateArrangementEntry } from './validateArrangement'
export { holidaysNamed } from './coverage'
export { restDaysToRanges } from './ranges'
export { estimateArrangement, statutoryRestDays } from './statutory'
export { packageArrangement, packageYears } from './packageLayer'
export { estimateNotice, yearsNeedingArrangement } from './notices'
