/**
 * The instants tests run at. No test reads the wall clock: the local cloud starts pinned at one of
 * these (and ticks on from it), and tests ask it for the time (`app.now()`), never `Date.now()`.
 */

/** The default: an ordinary Wednesday morning in the middle of a month. */
export const PINNED_NOW = '2026-11-18T10:00:00+08:00'

/** Dates that have broken things, or would: the API and weapp stories run on each. */
export const EDGE_DATES = {
  /** A month that starts on a Tuesday: its first days belong to an ISO week that began in the month before. */
  monthStartsTuesday: '2026-12-01T09:30:00+08:00',
  /** Monday 11-30: in W49, which is not one of November's ISO weeks. */
  mondayNov30: '2026-11-30T09:30:00+08:00',
  /** The last afternoon of the year: deadlines run into a year the holiday data may not know. */
  yearEnd: '2026-12-31T16:30:00+08:00',
  /** The last Friday before 春节 2026, after 17:00: day 0 is the make-up Saturday that follows. */
  springFestivalEve: '2026-02-13T17:30:00+08:00',
  /** A make-up Saturday (调休): a working day on a weekend, the day before 春节 starts. */
  makeUpSaturday: '2026-02-14T10:00:00+08:00',
  /** The eve of 国庆 2026: the next working day is eight days later, 10-08. */
  nationalDayEve: '2026-09-30T16:30:00+08:00',
} as const

export type EdgeDate = keyof typeof EDGE_DATES

export const at = (iso: string): number => {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${iso}`)
  return ms
}
