/**
 * Checks a manager's entry of one year's published arrangement (layer 1) before it is stored.
 *
 * Cross-year decision: every date of an arrangement lies inside its own year, so a range never crosses
 * 1 January. A notice's days are entered under the year they fall in: the next year's 元旦 goes under
 * the next year (the 2027 元旦 under 2027), and should a notice ever reach back into December (as the
 * 2012 notice did with a make-up Saturday 2011-12-31), that day is entered under the earlier year. The
 * calendar decides each year by one layer only, so this keeps "which layer decided this day" a function
 * of the day's own year. 春节 always falls in late January or February, so it never needs to cross.
 *
 * Two checks: `validateArrangement` (shape and consistency — also applied to every stored entry when
 * the calendar is built) and `validateArrangementEntry` (a manager's new entry: in addition, each of
 * the seven statutory holidays is named by a range or explicitly listed in `omitted`).
 * Messages name fields by their Chinese labels (src/domain/messages): 「第 2 个假期的开始日期…」.
 */
import * as v from 'valibot'
import { fail, ok, type Result } from '../errors'
import { labelFor, parseOrRefuse, withLabels } from '../messages'
import { line } from '../schemas/common'
import { addDays, isWeekend } from '../time'
import { STATUTORY_NAMES, holidaysNamed, missingHolidaysMessage, unconfirmedHolidays } from './coverage'
import type { YearArrangement } from './workCalendar'

export const ARRANGEMENT_MIN_YEAR = 2000
export const ARRANGEMENT_MAX_YEAR = 2100
export const MAX_HOLIDAY_RANGES = 40
export const MAX_WORKDAYS = 20
/** Long enough for the longest name a notice used (2015's 抗战胜利 70 周年纪念日, 26 characters). */
export const MAX_HOLIDAY_NAME = 40

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/
const dateField = v.pipe(
  v.string(),
  v.regex(DAY_FORMAT, '应为“2027-01-01”这样的日期'),
  v.check((s) => isRealDay(s), '日历上没有这一天'),
)
const yearRange = `年份须在 ${ARRANGEMENT_MIN_YEAR}–${ARRANGEMENT_MAX_YEAR} 之间`

/** The shape of an arrangement, also the input schema of org.setCalendarYear (so its fields are labelled there too). */
export const ArrangementShape = v.object({
  year: v.pipe(v.number(), v.integer(), v.minValue(ARRANGEMENT_MIN_YEAR, yearRange), v.maxValue(ARRANGEMENT_MAX_YEAR, yearRange)),
  holidays: v.pipe(
    v.array(
      withLabels(
        v.object({
          name: line(1, MAX_HOLIDAY_NAME),
          from: dateField,
          to: dateField,
        }),
        { name: '节日名称', from: '开始日期', to: '结束日期' },
      ),
    ),
    v.minLength(1, '至少录入一个放假区间'),
    v.maxLength(MAX_HOLIDAY_RANGES, `最多 ${MAX_HOLIDAY_RANGES} 个放假区间`),
  ),
  workdays: v.pipe(v.array(dateField), v.maxLength(MAX_WORKDAYS, `最多 ${MAX_WORKDAYS} 个调休上班日`)),
  omitted: v.optional(v.pipe(v.array(v.picklist(STATUTORY_NAMES, '只能是七个法定节日之一')), v.maxLength(STATUTORY_NAMES.length))),
  enteredBy: v.optional(line(0, 64)),
  enteredAt: v.optional(v.pipe(v.number(), v.integer())),
})

function isRealDay(s: string): boolean {
  return DAY_FORMAT.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && addDays(s, 0) === s
}

const label = (...keys: (string | number)[]): string => labelFor(ArrangementShape, keys)
const refuse = (keys: (string | number)[], message: string): Result<YearArrangement> =>
  fail('INVALID_INPUT', message, { field: keys.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '') })

/**
 * Validates an arrangement's shape and consistency; on success returns it normalised (names trimmed,
 * ranges and days sorted, unknown fields dropped). Refusals are INVALID_INPUT with a Chinese message
 * naming the field. Says nothing about which holidays are named: see `validateArrangementEntry`.
 * @example validateArrangement({ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [] })
 */
export function validateArrangement(input: unknown): Result<YearArrangement> {
  const parsed = parseOrRefuse(ArrangementShape, input, { whole: '放假安排' })
  if (!parsed.ok) return parsed
  const { year, holidays, workdays, omitted, enteredBy, enteredAt } = parsed.value
  const inYear = (day: string): boolean => day.startsWith(`${year}-`)
  const outside = `须在 ${year} 年内（跨年的安排按日期所在年份分别录入，下一年的元旦录入到下一年）`
  const range = (i: number) => `${label('holidays', i)}「${holidays[i].name}」${holidays[i].from}～${holidays[i].to}`

  for (const [i, h] of holidays.entries()) {
    if (!inYear(h.from)) return refuse(['holidays', i, 'from'], `${label('holidays', i, 'from')} ${h.from} ${outside}`)
    if (!inYear(h.to)) return refuse(['holidays', i, 'to'], `${label('holidays', i, 'to')} ${h.to} ${outside}`)
    if (h.from > h.to) return refuse(['holidays', i], `${label('holidays', i)}「${h.name}」的开始日期 ${h.from} 晚于结束日期 ${h.to}`)
  }
  const order = holidays.map((h, i) => ({ ...h, i })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.i - b.i))
  for (let k = 1; k < order.length; k++) {
    const [prev, cur] = [order[k - 1], order[k]]
    if (cur.from <= prev.to) {
      const [first, second] = prev.i < cur.i ? [prev, cur] : [cur, prev]
      return refuse(['holidays', second.i], `${range(second.i)} 与${range(first.i)} 重叠`)
    }
  }
  const seen = new Set<string>()
  for (const [i, day] of workdays.entries()) {
    const what = `${label('workdays', i)} ${day}`
    if (!inYear(day)) return refuse(['workdays', i], `${what} ${outside}`)
    if (!isWeekend(day)) return refuse(['workdays', i], `${what} 不是周六或周日，调休上班日只能是周末`)
    const h = holidays.find((r) => r.from <= day && day <= r.to)
    if (h) return refuse(['workdays', i], `${what} 落在放假区间「${h.name}」${h.from}～${h.to} 内`)
    if (seen.has(day)) return refuse(['workdays', i], `${what} 重复录入`)
    seen.add(day)
  }
  const left = new Set(omitted ?? [])
  if (omitted && left.size !== omitted.length) return refuse(['omitted'], `${label('omitted')}有重复`)
  const value: YearArrangement = {
    year,
    holidays: order.map(({ name, from, to }) => ({ name, from, to })),
    workdays: [...workdays].sort(),
  }
  if (left.size) value.omitted = STATUTORY_NAMES.filter((h) => left.has(h))
  if (enteredBy !== undefined) value.enteredBy = enteredBy
  if (enteredAt !== undefined) value.enteredAt = enteredAt
  return ok(value)
}

/**
 * A manager's entry of a year: valid as above, and naming each of the seven statutory holidays —
 * by a range whose name contains it (「中秋节、国庆节」 names two) or, when the year's notice really
 * gives it no day, by listing it in `omitted` (the form's 「本年不放假」 tick). A holiday both named
 * and omitted is refused too, so what is stored says exactly what the manager confirmed.
 * @example validateArrangementEntry({ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [] })
 * // INVALID_INPUT 「2027 年放假安排缺少春节、清明节、劳动节、端午节、中秋节、国庆节：…」
 */
export function validateArrangementEntry(input: unknown): Result<YearArrangement> {
  const checked = validateArrangement(input)
  if (!checked.ok) return checked
  const a = checked.value
  const named = new Set<string>(a.holidays.flatMap((h) => holidaysNamed(h.name)))
  const both = (a.omitted ?? []).filter((h) => named.has(h))
  if (both.length) return refuse(['omitted'], `${both.join('、')}已录入放假区间，不能同时列为${label('omitted')}`)
  const unconfirmed = unconfirmedHolidays(a.holidays, a.omitted)
  if (unconfirmed.length) {
    return fail('INVALID_INPUT', missingHolidaysMessage(a.year, unconfirmed), { field: 'holidays', missing: unconfirmed })
  }
  return checked
}
