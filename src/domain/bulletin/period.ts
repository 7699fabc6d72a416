/**
 * A bulletin's period: a month ('2026-11') or a quarter ('2026-Q4'), as [from, to) instants in
 * Asia/Shanghai (the metrics count an instant exactly at `to` — a deadline at 24:00 of the last
 * day — in this period: (from, to]). Pure string and calendar arithmetic, light enough for the page.
 */
import type { WorkCalendar } from '../calendar/workCalendar'
import { addDays, startOfDay, ymdOf } from '../time'

export type BulletinKind = 'month' | 'quarter'

/** '2026-11' or '2026-Q4'. */
export const BULLETIN_KEY = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/

export interface BulletinPeriod {
  key: string
  kind: BulletinKind
  from: number
  to: number
  /** '2026年11月' · '2026年第4季度' */
  label: string
}

const monthStart = (index: number): number => {
  const y = Math.floor(index / 12)
  const m = (index % 12) + 1
  return startOfDay(`${y}-${String(m).padStart(2, '0')}-01`)
}

/** Months since year 0 of the period's first month, and how many months it spans. */
function position(key: string): { first: number; months: number; kind: BulletinKind } | undefined {
  const m = BULLETIN_KEY.exec(key)
  if (!m) return undefined
  const year = Number(m[1])
  if (year < 2000 || year > 2100) return undefined
  if (m[2]) return { first: year * 12 + Number(m[2]) - 1, months: 1, kind: 'month' }
  return { first: year * 12 + (Number(m[3]) - 1) * 3, months: 3, kind: 'quarter' }
}

function keyOf(kind: BulletinKind, firstMonth: number): string {
  const y = Math.floor(firstMonth / 12)
  const m = firstMonth % 12
  return kind === 'month' ? `${y}-${String(m + 1).padStart(2, '0')}` : `${y}-Q${Math.floor(m / 3) + 1}`
}

/** @example bulletinPeriod('2026-Q4') // { key: '2026-Q4', kind: 'quarter', from: 10-01 00:00, to: 2027-01-01 00:00, label: '2026年第4季度' } */
export function bulletinPeriod(key: string): BulletinPeriod | undefined {
  const p = position(key)
  if (!p) return undefined
  const y = Math.floor(p.first / 12)
  const label = p.kind === 'month' ? `${y}年${(p.first % 12) + 1}月` : `${y}年第${Math.floor((p.first % 12) / 3) + 1}季度`
  return { key, kind: p.kind, from: monthStart(p.first), to: monthStart(p.first + p.months), label }
}

/** The key n periods after (before, for n < 0). @example shiftBulletinKey('2026-01', -1) // '2025-12' */
export function shiftBulletinKey(key: string, n: number): string {
  const p = position(key)
  if (!p) throw new Error(`not a bulletin period: ${key}`)
  return keyOf(p.kind, p.first + n * p.months)
}

/** The month or quarter containing `now`, or `back` periods before it. @example bulletinKeyAt('month', dec1, 1) // '2026-11' */
export function bulletinKeyAt(kind: BulletinKind, now: number, back = 0): string {
  const day = ymdOf(now)
  const month = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1
  const first = kind === 'month' ? month : month - (month % 3)
  return shiftBulletinKey(keyOf(kind, first), -back)
}

/** 「2026年11月企业诉求办理情况通报」 · 「2026年第4季度企业诉求办理情况通报」 */
export const bulletinTitle = (p: Pick<BulletinPeriod, 'label'>): string => `${p.label}企业诉求办理情况通报`

/** How the text names the period before: 上月 / 上季度. */
export const previousName = (kind: BulletinKind): string => (kind === 'month' ? '上月' : '上季度')

/**
 * The month's first working day (holidays and 调休 from the calendar).
 * @example firstWorkingDayOfMonth(cal, '2026-10') // '2026-10-08' (国庆 rests 10-01 … 10-07)
 */
export function firstWorkingDayOfMonth(cal: WorkCalendar, month: string): string {
  let day = `${month}-01`
  while (!cal.isWorkingDay(day)) day = addDays(day, 1)
  return day
}
