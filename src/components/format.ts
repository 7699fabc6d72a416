/** Dates and durations as people read them, in Asia/Shanghai. */
import { serverNow } from '../api/serverClock'

const SHANGHAI = 8 * 3_600_000
const DAY = 86_400_000
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

/**
 * How long until a deadline, or how long past it.
 * @example remainingText(now + 3.2 * DAY, now) // '剩余 4 天'
 * @example remainingText(now - 2 * DAY, now) // '已超期 2 天'
 */
export function remainingText(due: number, now = serverNow()): { text: string; overdue: boolean } {
  const diff = due - now
  if (diff < 0) {
    const days = Math.floor(-diff / DAY)
    return { text: days >= 1 ? `已超期 ${days} 天` : '已超期', overdue: true }
  }
  if (diff < DAY) return { text: `剩余 ${Math.max(1, Math.ceil(diff / 3_600_000))} 小时`, overdue: false }
  return { text: `剩余 ${Math.ceil(diff / DAY)} 天`, overdue: false }
}

/** 0.853 → '85.3%'; null → '—' */
export const percent = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`
