// Date expression operators with MongoDB's semantics. mingo 7.2's $week, $isoWeekYear, %G/%U and
// $dateFromParts with ISO fields disagree with MongoDB (2024-12-30 is ISO year 2025, not 2024), so
// the whole family is computed here from one local-time breakdown.
import { evalExpr } from 'mingo/core'
import type { Options } from 'mingo/types'
import { DbError, isPlainObject } from './codec'

const DAY = 86_400_000
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const badDate = (op: string, v: unknown) =>
  new DbError('DATABASE_REQUEST_FAILED', `${op} requires a date, found ${v === null ? 'null' : typeof v}`)

const zoneFormats = new Map<string, Intl.DateTimeFormat>()

function zoneFormat(tz: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(tz)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
      })
    } catch {
      throw new DbError('DATABASE_REQUEST_FAILED', `unrecognized time zone identifier: "${tz}"`)
    }
    zoneFormats.set(tz, f)
  }
  return f
}

/** Minutes east of UTC of `tz` (Olson name or ±hh[:mm]) at instant `at`. */
export function zoneOffsetMinutes(tz: unknown, at: number): number {
  if (tz === undefined || tz === null) return 0
  if (typeof tz !== 'string') throw new DbError('DATABASE_REQUEST_FAILED', 'timezone must evaluate to a string')
  if (tz === 'UTC' || tz === 'GMT' || tz === 'Z') return 0
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz)
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0))
  const parts: Record<string, number> = {}
  for (const p of zoneFormat(tz).formatToParts(new Date(at))) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second)
  return Math.round((wall - (at - (at % 1000 + 1000) % 1000)) / 60_000)
}

export interface LocalParts {
  year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number
  dayOfYear: number; dayOfWeek: number; week: number; isoWeekYear: number; isoWeek: number; isoDayOfWeek: number; offset: number
}

/** The calendar fields of `date` as seen in `tz`, with MongoDB's week numbering. */
export function localParts(date: Date, tz?: unknown): LocalParts {
  const offset = zoneOffsetMinutes(tz, date.getTime())
  const local = new Date(date.getTime() + offset * 60_000)
  const year = local.getUTCFullYear()
  const dayOfYear = Math.floor((Date.UTC(year, local.getUTCMonth(), local.getUTCDate()) - Date.UTC(year, 0, 1)) / DAY) + 1
  const sunday0 = local.getUTCDay()
  const isoDayOfWeek = sunday0 || 7
  // The ISO week and its year are those of the Thursday of the same Monday-based week.
  const thursday = new Date(Date.UTC(year, local.getUTCMonth(), local.getUTCDate()) + (4 - isoDayOfWeek) * DAY)
  const isoWeekYear = thursday.getUTCFullYear()
  const isoWeek = Math.floor((thursday.getTime() - Date.UTC(isoWeekYear, 0, 1)) / DAY / 7) + 1
  return {
    year, month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(), millisecond: local.getUTCMilliseconds(), dayOfYear, dayOfWeek: sunday0 + 1,
    week: Math.floor((dayOfYear - 1 - sunday0 + 7) / 7), isoWeekYear, isoWeek, isoDayOfWeek, offset,
  }
}

/** `{ $op: <date> }`, `{ $op: [<date>] }` or `{ $op: { date, timezone } }` → the date and zone, or null for a missing date. */
function dateArgument(op: string, obj: any, expr: any, options: Options): { date: Date; tz: unknown } | null {
  let dateExpr = expr
  let tz: unknown
  if (isPlainObject(expr) && 'date' in expr) {
    dateExpr = expr.date
    tz = expr.timezone === undefined ? undefined : evalExpr(obj, expr.timezone, options)
  } else if (Array.isArray(expr)) {
    if (expr.length !== 1) throw new DbError('DATABASE_REQUEST_FAILED', `${op} takes exactly 1 argument`)
    dateExpr = expr[0]
  }
  const v = evalExpr(obj, dateExpr, options)
  if (v === null || v === undefined) return null
  if (v instanceof Date) return { date: v, tz }
  if ((v as any)?._bsontype === 'ObjectId') return { date: (v as any).getTimestamp(), tz }
  throw badDate(op, v)
}

function partOperator(op: string, pick: (p: LocalParts) => number) {
  return (obj: any, expr: any, options: Options) => {
    const a = dateArgument(op, obj, expr, options)
    return a ? pick(localParts(a.date, a.tz)) : null
  }
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0')
const signed = (n: number) => (n < 0 ? '-' : '+')

/** One `%x` format specifier of $dateToString. */
function formatSpecifier(c: string, p: LocalParts): string {
  switch (c) {
    case 'b': return MONTHS[p.month - 1].slice(0, 3)
    case 'B': return MONTHS[p.month - 1]
    case 'd': return pad(p.day, 2)
    case 'G': return pad(p.isoWeekYear, 4)
    case 'H': return pad(p.hour, 2)
    case 'j': return pad(p.dayOfYear, 3)
    case 'L': return pad(p.millisecond, 3)
    case 'm': return pad(p.month, 2)
    case 'M': return pad(p.minute, 2)
    case 'S': return pad(p.second, 2)
    case 'w': return String(p.dayOfWeek)
    case 'u': return String(p.isoDayOfWeek)
    case 'U': return pad(p.week, 2)
    case 'V': return pad(p.isoWeek, 2)
    case 'Y': return pad(p.year, 4)
    case 'z': return signed(p.offset) + pad(Math.floor(Math.abs(p.offset) / 60), 2) + pad(Math.abs(p.offset) % 60, 2)
    case 'Z': return signed(p.offset) + String(Math.abs(p.offset))
    case '%': return '%'
  }
  throw new DbError('DATABASE_REQUEST_FAILED', `$dateToString: invalid format character '%${c}'`)
}

const $dateToString = (obj: any, expr: any, options: Options) => {
  if (!isPlainObject(expr)) throw new DbError('DATABASE_REQUEST_FAILED', '$dateToString expects an object')
  const a = dateArgument('$dateToString', obj, { date: expr.date, timezone: expr.timezone }, options)
  if (!a) return 'onNull' in expr ? evalExpr(obj, expr.onNull, options) : null
  const format = expr.format === undefined ? '%Y-%m-%dT%H:%M:%S.%LZ' : evalExpr(obj, expr.format, options)
  if (typeof format !== 'string') throw new DbError('DATABASE_REQUEST_FAILED', '$dateToString format must be a string')
  const p = localParts(a.date, a.tz)
  return format.replace(/%(.?)/g, (_m, c: string) => formatSpecifier(c, p))
}

const $dateToParts = (obj: any, expr: any, options: Options) => {
  if (!isPlainObject(expr)) throw new DbError('DATABASE_REQUEST_FAILED', '$dateToParts expects an object')
  const a = dateArgument('$dateToParts', obj, { date: expr.date, timezone: expr.timezone }, options)
  if (!a) return null
  const p = localParts(a.date, a.tz)
  const time = { hour: p.hour, minute: p.minute, second: p.second, millisecond: p.millisecond }
  return evalExpr(obj, expr.iso8601 ?? false, options) === true
    ? { isoWeekYear: p.isoWeekYear, isoWeek: p.isoWeek, isoDayOfWeek: p.isoDayOfWeek, ...time }
    : { year: p.year, month: p.month, day: p.day, ...time }
}

/** The instant whose wall-clock time in `tz` is `wall` (epoch ms read as UTC fields). */
function fromWallClock(wall: number, tz: unknown): number {
  let t = wall - zoneOffsetMinutes(tz, wall) * 60_000
  t = wall - zoneOffsetMinutes(tz, t) * 60_000
  return t
}

const $dateFromParts = (obj: any, expr: any, options: Options) => {
  if (!isPlainObject(expr)) throw new DbError('DATABASE_REQUEST_FAILED', '$dateFromParts expects an object')
  const iso = 'isoWeekYear' in expr
  if (iso && 'year' in expr) throw new DbError('DATABASE_REQUEST_FAILED', "$dateFromParts: 'year' cannot be combined with 'isoWeekYear'")
  const names = iso ? ['isoWeekYear', 'isoWeek', 'isoDayOfWeek'] : ['year', 'month', 'day']
  const defaults: Record<string, number> = { isoWeek: 1, isoDayOfWeek: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 }
  const v: Record<string, number> = {}
  for (const name of [...names, 'hour', 'minute', 'second', 'millisecond']) {
    const value = name in expr ? evalExpr(obj, expr[name], options) : defaults[name]
    if (value === null || value === undefined) return null
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new DbError('DATABASE_REQUEST_FAILED', `$dateFromParts: '${name}' must evaluate to an integer`)
    v[name] = value
  }
  const first = iso ? v.isoWeekYear : v.year
  if (first < 1 || first > 9999) throw new DbError('DATABASE_REQUEST_FAILED', `$dateFromParts: '${names[0]}' must evaluate to an integer in the range 1 to 9999`)
  const time = ((v.hour * 60 + v.minute) * 60 + v.second) * 1000 + v.millisecond
  let wall: number
  if (iso) {
    const jan4 = Date.UTC(v.isoWeekYear, 0, 4)
    const week1Monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * DAY
    wall = week1Monday + ((v.isoWeek - 1) * 7 + v.isoDayOfWeek - 1) * DAY + time
  } else {
    const d = new Date(0)
    d.setUTCFullYear(v.year, v.month - 1, v.day)
    wall = d.getTime() + time
  }
  const tz = expr.timezone === undefined ? undefined : evalExpr(obj, expr.timezone, options)
  return new Date(fromWallClock(wall, tz))
}

export const dateOperators = {
  $year: partOperator('$year', p => p.year),
  $month: partOperator('$month', p => p.month),
  $dayOfMonth: partOperator('$dayOfMonth', p => p.day),
  $hour: partOperator('$hour', p => p.hour),
  $minute: partOperator('$minute', p => p.minute),
  $second: partOperator('$second', p => p.second),
  $millisecond: partOperator('$millisecond', p => p.millisecond),
  $dayOfYear: partOperator('$dayOfYear', p => p.dayOfYear),
  $dayOfWeek: partOperator('$dayOfWeek', p => p.dayOfWeek),
  $week: partOperator('$week', p => p.week),
  $isoWeek: partOperator('$isoWeek', p => p.isoWeek),
  $isoWeekYear: partOperator('$isoWeekYear', p => p.isoWeekYear),
  $isoDayOfWeek: partOperator('$isoDayOfWeek', p => p.isoDayOfWeek),
  $dateToString,
  $dateToParts,
  $dateFromParts,
}
