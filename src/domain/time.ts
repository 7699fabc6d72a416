/**
 * Asia/Shanghai calendar arithmetic, independent of the machine's time zone.
 * China has had no daylight saving since 1991, so Shanghai time is UTC+8 for every date we handle.
 */
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS

/** 'YYYY-MM-DD' of the Shanghai day containing the instant. */
export function ymdOf(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant 00:00 Shanghai of a 'YYYY-MM-DD' day. */
export function startOfDay(ymd: string): number {
  return Date.parse(`${ymd}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS
}

/** Hour of day (0–23, with fractions) in Shanghai. */
export function shanghaiHour(ms: number): number {
  const intoDay = (ms + SHANGHAI_OFFSET_MS) % DAY_MS
  return (intoDay < 0 ? intoDay + DAY_MS : intoDay) / HOUR_MS
}

/** 'YYYY-MM-DD' n days after (n may be negative). */
export function addDays(ymd: string, n: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(ymd: string): number {
  const d = new Date(`${ymd}T00:00:00.000Z`).getUTCDay()
  return d === 0 ? 7 : d
}

export const isWeekend = (ymd: string): boolean => isoWeekday(ymd) >= 6

/**
 * ISO 8601 week key of a Shanghai day, e.g. weekKeyOfDay('2026-12-31') === '2026-W53'.
 * The week belongs to the year of its Thursday.
 */
export function weekKeyOfDay(ymd: string): string {
  const thursday = addDays(ymd, 4 - isoWeekday(ymd))
  const year = Number(thursday.slice(0, 4))
  const firstThursday = addDays(`${year}-01-04`, 4 - isoWeekday(`${year}-01-04`))
  const week = 1 + Math.round((Date.parse(thursday) - Date.parse(firstThursday)) / (7 * DAY_MS))
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** ISO week key of the Shanghai week containing the instant. */
export const weekKey = (ms: number): string => weekKeyOfDay(ymdOf(ms))

/**
 * The day an instant is counted in by every figure. A deadline "at 24:00 of day D" is stored as the
 * next day's 00:00 and belongs to day D: an instant exactly at a boundary counts in the period that
 * ends there, so periods are (from, to].
 * @example countedDay(Date.parse('2026-12-01T00:00:00+08:00')) // '2026-11-30'
 */
export const countedDay = (ms: number): string => ymdOf(ms - 1)

/** The ISO week an instant is counted in (see countedDay). */
export const countedWeek = (ms: number): string => weekKey(ms - 1)

const WEEK_KEY = /^(\d{4})-W(\d{2})$/

export function isWeekKey(key: string): boolean {
  const m = WEEK_KEY.exec(key)
  return !!m && Number(m[2]) >= 1 && weekKeyOfDay(mondayOf(key)) === key
}

/** The Monday ('YYYY-MM-DD') of an ISO week key. */
export function mondayOf(key: string): string {
  const m = WEEK_KEY.exec(key)
  if (!m) throw new RangeError(`not a week key: ${key}`)
  const jan4 = `${m[1]}-01-04`
  return addDays(jan4, 1 - isoWeekday(jan4) + (Number(m[2]) - 1) * 7)
}

/** The day of an ISO week with the given ISO weekday (1–7). */
export const dayOfWeek = (key: string, weekday: number): string => addDays(mondayOf(key), weekday - 1)

/** [start, end) instants of an ISO week in Shanghai. */
export function weekBounds(key: string): { start: number; end: number } {
  const start = startOfDay(mondayOf(key))
  return { start, end: start + 7 * DAY_MS }
}

/** The week key n weeks after (n may be negative). */
export const addWeeks = (key: string, n: number): string => weekKeyOfDay(addDays(mondayOf(key), 7 * n))
