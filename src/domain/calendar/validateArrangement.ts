/**
 * Checks a manager's entry of one year's published arrangement (layer 1) before it is stored.
 *
 * Cross-year decision: every date of an arrangement lies inside its own year, so a range never crosses
 * 1 January. A notice's days are entered under the year they fall in: the next year's 元旦 goes under
 * the next year (the 2027 元旦 under 2027), and should a notice ever reach back into December (as the
 * 2012 notice did with a make-up Saturday 2011-12-31), that day is entered under the earlier year. The
 * calendar decides each year by one layer only, so this keeps "which layer decided this day" a function
 * of the day's own year. 春节 always falls in late January or February, so it never needs to cross.
 */
import * as v from 'valibot'
import { fail, ok, type Result } from '../errors'
import { addDays, isWeekend } from '../time'
import type { YearArrangement } from './types'

export const ARRANGEMENT_MIN_YEAR = 2000
export const ARRANGEMENT_MAX_YEAR = 2100
export const MAX_HOLIDAY_RANGES = 40
export const MAX_WORKDAYS = 20

const DAY_FORMAT = /^\d{4}-\d{2}-\d{2}$/
const dateField = v.pipe(
  v.string('须为日期字符串 YYYY-MM-DD'),
  v.regex(DAY_FORMAT, '须为 YYYY-MM-DD 格式的日期'),
  v.check((s) => isRealDay(s), '不是真实存在的日期'),
)

const ArrangementShape = v.object(
  {
    year: v.pipe(
      v.number('须为数字'),
      v.integer('须为整数'),
      v.minValue(ARRANGEMENT_MIN_YEAR, `须在 ${ARRANGEMENT_MIN_YEAR}–${ARRANGEMENT_MAX_YEAR} 之间`),
      v.maxValue(ARRANGEMENT_MAX_YEAR, `须在 ${ARRANGEMENT_MIN_YEAR}–${ARRANGEMENT_MAX_YEAR} 之间`),
    ),
    holidays: v.pipe(
      v.array(
        v.object(
          {
            name: v.pipe(
              v.string('须为文字'),
              v.trim(),
              v.minLength(1, '不能为空'),
              v.maxLength(20, '不能超过 20 个字'),
            ),
            from: dateField,
            to: dateField,
          },
          '须为 { name, from, to }',
        ),
        '须为放假区间列表',
      ),
      v.minLength(1, '至少录入一个放假区间'),
      v.maxLength(MAX_HOLIDAY_RANGES, `最多 ${MAX_HOLIDAY_RANGES} 个放假区间`),
    ),
    workdays: v.pipe(
      v.array(dateField, '须为调休上班日期列表'),
      v.maxLength(MAX_WORKDAYS, `最多 ${MAX_WORKDAYS} 个调休上班日`),
    ),
    enteredBy: v.optional(v.string('须为文字')),
    enteredAt: v.optional(v.pipe(v.number('须为数字'), v.integer('须为整数'))),
  },
  '须为 { year, holidays, workdays } 对象',
)

function isRealDay(s: string): boolean {
  return DAY_FORMAT.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && addDays(s, 0) === s
}

/** valibot's dot path "holidays.2.from" → "holidays[2].from" */
function fieldName(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue)
  return path ? path.replace(/\.(\d+)/g, '[$1]') : '放假安排'
}

const refuse = (field: string, message: string): Result<YearArrangement> =>
  fail('INVALID_INPUT', `${field}：${message}`, { field })

/**
 * Validates an arrangement; on success returns it normalised (names trimmed, ranges and days sorted,
 * unknown fields dropped). Refusals are INVALID_INPUT with a Chinese message naming the field.
 * @example validateArrangement({ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [] })
 */
export function validateArrangement(input: unknown): Result<YearArrangement> {
  const parsed = v.safeParse(ArrangementShape, input)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    return refuse(fieldName(issue), issue.message)
  }
  const { year, holidays, workdays, enteredBy, enteredAt } = parsed.output
  const inYear = (day: string): boolean => day.startsWith(`${year}-`)
  const outside = `须在 ${year} 年内（跨年的安排按日期所在年份分别录入，下一年的元旦录入到下一年）`

  for (const [i, h] of holidays.entries()) {
    if (!inYear(h.from)) return refuse(`holidays[${i}].from`, outside)
    if (!inYear(h.to)) return refuse(`holidays[${i}].to`, outside)
    if (h.from > h.to) return refuse(`holidays[${i}]`, `开始日期 ${h.from} 晚于结束日期 ${h.to}`)
  }
  const order = holidays.map((h, i) => ({ ...h, i })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.i - b.i))
  for (let k = 1; k < order.length; k++) {
    const [prev, cur] = [order[k - 1], order[k]]
    if (cur.from <= prev.to) {
      const [first, second] = prev.i < cur.i ? [prev, cur] : [cur, prev]
      return refuse(
        `holidays[${second.i}]`,
        `「${second.name}」${second.from}～${second.to} 与 holidays[${first.i}]「${first.name}」${first.from}～${first.to} 重叠`,
      )
    }
  }
  const seen = new Set<string>()
  for (const [i, day] of workdays.entries()) {
    const field = `workdays[${i}]`
    if (!inYear(day)) return refuse(field, outside)
    if (!isWeekend(day)) return refuse(field, `${day} 不是周六或周日，调休上班日只能是周末`)
    const range = holidays.find((h) => h.from <= day && day <= h.to)
    if (range) return refuse(field, `${day} 落在放假区间「${range.name}」${range.from}～${range.to} 内`)
    if (seen.has(day)) return refuse(field, `${day} 重复录入`)
    seen.add(day)
  }
  const value: YearArrangement = {
    year,
    holidays: order.map(({ name, from, to }) => ({ name, from, to })),
    workdays: [...workdays].sort(),
  }
  if (enteredBy !== undefined) value.enteredBy = enteredBy
  if (enteredAt !== undefined) value.enteredAt = enteredAt
  return ok(value)
}
