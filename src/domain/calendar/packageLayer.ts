/**
 * Layer 2 of the calendar: the State Council arrangements the chinese-days package ships.
 *
 * The package's functions (isWorkday, isHoliday, getDayDetail) answer for ANY date and silently fall
 * back to "weekdays work" for years it has no data for (1.5.7 calls 2027-01-01 a working day), and
 * they export no table or data range. Its published data file `dist/chinese-days.json` (documented in
 * its README as the JSON for non-JS use, and built from the same tables isWorkday reads) does:
 * `holidays` (rest days) and `workdays` (调休 make-up days), values "English,中文,days". We read that
 * file, so the years known are detected from the data, and we never parse dates in local time (1.5.7
 * builds its lookup keys in local time: with TZ=America/Los_Angeles its isWorkday misses its own table).
 *
 * A year counts as known when its table holds both 春节 and 国庆节 rest days, i.e. the year's own
 * notice was loaded (not merely a day of a neighbouring year's notice that reaches across 1 January).
 */
import data from 'chinese-days/dist/chinese-days.json'
import { isWeekend } from '../time'
import { missingHolidays } from './coverage'
import { rangeName, restDaysToRanges } from './ranges'
import { statutoryHolidays } from './statutory'
import type { YearArrangement } from './workCalendar'

interface PackageTable {
  holidays: Record<string, string>
  workdays: Record<string, string>
}

const table = data as PackageTable

function detectYears(t: PackageTable): readonly number[] {
  const festivals = new Map<number, Set<string>>()
  for (const [day, value] of Object.entries(t.holidays)) {
    const year = Number(day.slice(0, 4))
    const names = festivals.get(year) ?? new Set<string>()
    names.add(chineseName(value))
    festivals.set(year, names)
  }
  const years = [...festivals].filter(([, names]) => names.has('春节') && names.has('国庆节')).map(([y]) => y)
  return Object.freeze(years.sort((a, b) => a - b))
}

/** "Spring Festival,春节,4" → "春节" */
function chineseName(value: string): string {
  return value.split(',')[1] ?? value
}

/** The years whose published arrangement the installed chinese-days knows, ascending. */
export const packageYears: readonly number[] = /*#__PURE__*/ detectYears(table)

export const packageKnowsYear = (year: number): boolean => packageYears.includes(year)

/** The package's exceptions to "weekdays work, weekends rest" within one year: day → working? and festival. */
export function packageExceptions(year: number): Map<string, { working: boolean; name: string }> {
  const out = new Map<string, { working: boolean; name: string }>()
  const prefix = `${year}-`
  for (const [day, value] of Object.entries(table.holidays)) {
    if (day.startsWith(prefix)) out.set(day, { working: false, name: chineseName(value) })
  }
  for (const [day, value] of Object.entries(table.workdays)) {
    if (day.startsWith(prefix)) out.set(day, { working: true, name: `${chineseName(value)}调休上班` })
  }
  return out
}

/**
 * Working day by the package's data — the same rule as chinese-days' isWorkday: a make-up day works,
 * a listed holiday rests, otherwise Monday–Friday work. Only meaningful for `packageKnowsYear` years.
 */
export function packageIsWorkingDay(ymd: string): boolean {
  if (table.workdays[ymd]) return true
  return !isWeekend(ymd) && !table.holidays[ymd]
}

/** 清明, 端午 and 中秋 are statutory holidays from 2008 (国务院令第513号, 2007). */
const ALL_SEVEN_SINCE = 2008

/**
 * A package year as the arrangement a manager would have entered from its notice: consecutive rest
 * days as named ranges (「中秋节、国庆节」 where the notice combined them), the make-up days, and as
 * `omitted` the statutory holidays that year's notice gave no day (清明, 端午, 中秋 before 2008).
 * Shown read-only for built-in years, and the form's starting point for 「以本区录入覆盖」.
 *
 * The package sometimes files a festival's day under the festival it shares a week with (2020: all
 * of 10-01…08 as 国庆节, though 中秋 was 10-01); a range holding a statutory day of a festival the
 * data names nowhere is therefore named after it too.
 */
export function packageArrangement(year: number): YearArrangement {
  const rest = new Map<string, string>()
  const workdays: string[] = []
  for (const [day, e] of packageExceptions(year)) {
    if (!e.working) rest.set(day, e.name)
    else workdays.push(day)
  }
  const holidays = restDaysToRanges(year, rest, { weekends: false })
  if (year >= ALL_SEVEN_SINCE) {
    for (const f of statutoryHolidays(year)) {
      if (missingHolidays(holidays).every((m) => m !== f.name)) continue
      const range = holidays.find((h) => f.days.some((d) => !f.compensatory.includes(d) && h.from <= d && d <= h.to))
      if (range) range.name = rangeName([range.name, f.name])
    }
  }
  const omitted = missingHolidays(holidays)
  return { year, holidays, workdays: workdays.sort(), ...(omitted.length ? { omitted } : {}) }
}
