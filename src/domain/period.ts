/**
 * The managers' periods (本周/本月/本季度/本年) as [from, to) instants in Asia/Shanghai, resolved on the
 * server's clock: the mini-program asks for a kind, the function answers with the instants.
 */
import type { Period } from './metrics/figures'
import { addDays, startOfDay, weekBounds, weekKey, ymdOf } from './time'

export const PERIOD_KINDS = ['week', 'month', 'quarter', 'year'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

/** A period as the client asks for it: explicit instants, or "this month" etc. on the server's clock. */
export type PeriodInput = Period | { kind: PeriodKind }

export const resolvePeriod = (input: PeriodInput, now: number): Period =>
  'kind' in input ? periodFor(input.kind, now) : { from: input.from, to: input.to }

export const PERIOD_OPTIONS: { value: PeriodKind; label: string }[] = [
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'year', label: '本年' },
]

const monthStart = (y: number, m: number): number => {
  const yy = y + Math.floor((m - 1) / 12)
  const mm = ((m - 1) % 12 + 12) % 12 + 1
  return startOfDay(`${yy}-${String(mm).padStart(2, '0')}-01`)
}

/**
 * @example periodFor('month', Date.parse('2026-11-25T10:00+08:00')) // 2026-11-01 00:00 → 2026-12-01 00:00 (Shanghai)
 */
export function periodFor(kind: PeriodKind, now: number): Period {
  if (kind === 'week') {
    const b = weekBounds(weekKey(now))
    return { from: b.start, to: b.end }
  }
  const day = ymdOf(now)
  const y = Number(day.slice(0, 4))
  const m = Number(day.slice(5, 7))
  if (kind === 'month') return { from: monthStart(y, m), to: monthStart(y, m + 1) }
  if (kind === 'quarter') {
    const q = Math.floor((m - 1) / 3) * 3 + 1
    return { from: monthStart(y, q), to: monthStart(y, q + 3) }
  }
  return { from: startOfDay(`${y}-01-01`), to: startOfDay(addDays(`${y}-12-31`, 1)) }
}
