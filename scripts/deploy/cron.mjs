// The timer trigger's cron: 7 fields, 秒 分 时 日 月 星期 年, UTC+8 (wechat-platform.md §5).

const WEEKDAYS = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 }
const MONTHS = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 }
export const CRON_FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'weekday', min: 0, max: 6, names: WEEKDAYS },
  { name: 'year', min: 1970, max: 2099 },
]

function cronValue(raw, field) {
  if (/^\d+$/.test(raw)) {
    const n = Number(raw)
    return n >= field.min && n <= field.max ? n : undefined
  }
  const upper = raw.toUpperCase()
  return field.names && upper in field.names ? field.names[upper] : undefined
}

function cronPart(part, field) {
  // part := ( '*' | value | value '-' value ) [ '/' step ]
  const [base, step, extra] = part.split('/')
  if (extra !== undefined) return `"${part}" has two steps`
  if (step !== undefined && !(/^\d+$/.test(step) && Number(step) >= 1 && Number(step) <= field.max - field.min + 1)) {
    return `"${part}": step must be an integer 1–${field.max - field.min + 1}`
  }
  if (base === '*') return null
  const range = base.split('-')
  if (range.length > 2) return `"${part}" is not a range`
  const lo = cronValue(range[0], field)
  if (lo === undefined) return `"${range[0]}" is out of range for ${field.name} (${field.min}–${field.max})`
  if (range.length === 2) {
    const hi = cronValue(range[1], field)
    if (hi === undefined) return `"${range[1]}" is out of range for ${field.name} (${field.min}–${field.max})`
    if (hi < lo) return `"${base}": range runs backwards`
  }
  return null
}

/** { ok, errors }: a WeChat timer-trigger cron expression, exactly 7 space-separated fields. */
export function validateCron(expr) {
  if (typeof expr !== 'string') return { ok: false, errors: ['cron must be a string'] }
  const fields = expr.trim().split(/\s+/)
  if (fields.length !== 7) return { ok: false, errors: [`cron needs 7 fields (秒 分 时 日 月 星期 年), got ${fields.length}: "${expr}"`] }
  const errors = []
  fields.forEach((f, i) => {
    const field = CRON_FIELDS[i]
    if (f === '') return errors.push(`${field.name}: empty`)
    for (const part of f.split(',')) {
      if (part === '') errors.push(`${field.name}: empty list item in "${f}"`)
      else {
        const e = cronPart(part, field)
        if (e) errors.push(`${field.name}: ${e}`)
      }
    }
  })
  return { ok: errors.length === 0, errors }
}

