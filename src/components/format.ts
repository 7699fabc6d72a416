/** Dates and durations as people read them, in Asia/Shanghai. */
import { serverNow } from '../api/serverClock'

const SHANGHAI = 8 * 3_600_000
const pad = (n: number) => String(n).padStart(2, '0')

function parts(ms: number) {
  const d = new Date(ms + SHANGHAI)
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes() }
}

/** '11月28日 17:00' (with the year when it is not this year); a deadline at midnight reads '11月27日 24:00'. */
export function formatDateTime(ms: number, now = serverNow()): string {
  const midnight = parts(ms).h === 0 && parts(ms).min === 0
  const p = midnight ? { ...parts(ms - 60_000), h: 24, min: 0 } : parts(ms)
  const year = parts(now).y === p.y ? '' : `${p.y}年`
  return `${year}${p.m}月${p.d}日 ${pad(p.h)}:${pad(p.min)}`
}

/** '2026-11-28' */
export function formatDay(ms: number): string {
  const p = parts(ms)
  return `${p.y}-${pad(p.m)}-${pad(p.d)}`
}

/** 0.853 → '85.3%'; null → '—' */
export const percent = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`
