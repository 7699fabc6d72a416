/**
 * Kept only for the files another branch is rewriting (server/issues/**, server/org/calendar.ts,
 * server/jobs/run.ts, server/dashboard/summary.ts): the calendar's persistence lives in
 * server/repo/calendars.ts; import it from there.
 */
export { loadCalendar } from '../repo/calendars'
