/**
 * Layer 3 of the calendar: the statutory holidays of 《全国年节及纪念日放假办法》 as revised on
 * 2024-11-10 (国务院令第795号, in force from 2025-01-01), used for any year that neither the zone
 * nor the chinese-days package has a published arrangement for.
 *
 * 第二条 (全体公民放假的节日): 元旦 1 day (1 Jan); 春节 4 days (农历除夕、正月初一至初三);
 * 清明节 1 day (农历清明当日); 劳动节 2 days (1–2 May); 端午节 1 day (五月初五); 中秋节 1 day
 * (八月十五); 国庆节 3 days (1–3 Oct).
 *
 * 补假 — our reading of 第六条: "全体公民放假的假日，如果适逢周六、周日，应当在工作日补假。"
 * Each statutory day that falls on a Saturday or Sunday is compensated by the first weekday after it
 * that is not already a rest day (a statutory day or an earlier 补假 day), taken in date order.
 * The article is silent on two festivals falling on the same day (中秋 on 1–3 Oct, e.g. 2020-10-01);
 * we treat the second one like a weekend day — compensated the same way — so no festival's day is
 * lost, which matches what the State Council's notices did in such years.
 * The estimate has no 调休 make-up working days: those are only known from a published notice.
 */
import { Lunar } from 'lunar-javascript'
import { addDays, isWeekend } from '../time'
import { restDaysToRanges } from './ranges'
import type { YearArrangement } from './workCalendar'

export interface StatutoryHoliday {
  /** 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节 */
  name: string
  /** Every rest day the festival grants in the estimate: its statutory days and its 补假 days, sorted. */
  days: string[]
  /** The 补假 days alone (weekdays given back for statutory days lost to a weekend or overlap). */
  compensatory: string[]
}

/** Years the estimate is computed for (the lunar tables are reliable well beyond this). */
export const STATUTORY_MIN_YEAR = 1900
export const STATUTORY_MAX_YEAR = 2200

const lunarDay = (year: number, month: number, day: number): string => Lunar.fromYmd(year, month, day).getSolar().toYmd()

/** 农历清明当日: the solar-term date 清明 of the given Gregorian year. */
export function qingmingOf(year: number): string {
  const day = Lunar.fromYmd(year, 1, 1).getJieQiTable()['清明'].toYmd()
  if (!day.startsWith(`${year}-`)) throw new RangeError(`清明 of ${year} not found in the lunar table`)
  return day
}

/** The statutory days of each festival of a Gregorian year, before 补假. */
function statutoryDays(year: number): [string, string[]][] {
  // 除夕 is the last day of 腊月, i.e. the day before 正月初一, whether 腊月 has 29 or 30 days.
  const newYear = lunarDay(year, 1, 1)
  return [
    ['元旦', [`${year}-01-01`]],
    ['春节', [addDays(newYear, -1), newYear, addDays(newYear, 1), addDays(newYear, 2)]],
    ['清明节', [qingmingOf(year)]],
    ['劳动节', [`${year}-05-01`, `${year}-05-02`]],
    ['端午节', [lunarDay(year, 5, 5)]],
    ['中秋节', [lunarDay(year, 8, 15)]],
    ['国庆节', [`${year}-10-01`, `${year}-10-02`, `${year}-10-03`]],
  ]
}

/**
 * The statutory holidays of a year under the 2024 regulation, with 补假.
 * @example statutoryHolidays(2027)[0] // { name: '元旦', days: ['2027-01-01'], compensatory: [] } (Fri)
 * @example statutoryHolidays(2028)[0] // { name: '元旦', days: ['2028-01-01', '2028-01-03'], compensatory: ['2028-01-03'] } (Sat → Mon)
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < STATUTORY_MIN_YEAR || year > STATUTORY_MAX_YEAR) {
    throw new RangeError(`statutory holidays are estimated for ${STATUTORY_MIN_YEAR}–${STATUTORY_MAX_YEAR}, not ${year}`)
  }
  const festivals = statutoryDays(year).map(([name, days]) => ({ name, days: [...days], compensatory: [] as string[] }))
  const rest = new Set(festivals.flatMap((f) => f.days))
  const byDate = festivals
    .flatMap((f, order) => f.days.map((day) => ({ day, order, festival: f })))
    .sort((x, y) => (x.day < y.day ? -1 : x.day > y.day ? 1 : x.order - y.order))
  const seen = new Set<string>()
  for (const { day, festival } of byDate) {
    const lost = isWeekend(day) || seen.has(day)
    seen.add(day)
    if (!lost) continue
    let substitute = addDays(day, 1)
    while (isWeekend(substitute) || rest.has(substitute)) substitute = addDays(substitute, 1)
    rest.add(substitute)
    festival.compensatory.push(substitute)
  }
  for (const f of festivals) f.days = [...new Set([...f.days, ...f.compensatory])].sort()
  return festivals
}

/** Every rest day of the estimate (statutory and 补假), with the festival it belongs to. */
export function statutoryRestDays(year: number): Map<string, string> {
  const rest = new Map<string, string>()
  for (const f of statutoryHolidays(year)) for (const day of f.days) if (!rest.has(day)) rest.set(day, f.name)
  return rest
}

/**
 * The estimate as an arrangement the managers' form starts from: the seven holidays on their
 * statutory and 补假 days, with the weekends next to them, and no make-up days (only a notice has
 * those). Entered unchanged it gives the same working days as the estimate.
 * @example estimateArrangement(2027).holidays[0] // { name: '元旦', from: '2027-01-01', to: '2027-01-03' } (Fri–Sun)
 */
export function estimateArrangement(year: number): YearArrangement {
  return { year, holidays: restDaysToRanges(year, statutoryRestDays(year), { weekends: true }), workdays: [] }
}
