/**
 * Case numbers: what people call an issue, sequential per year of raising (Asia/Shanghai):
 * 2026-000123. The function takes the year's highest number + 1 and stores it under a unique index,
 * so two raises at once can never share one (the loser takes the next).
 */
import { ymdOf } from '../time'

const CASE_NO = /^(\d{4})-(\d{6})$/

/** @example formatCaseNo(2026, 123) // '2026-000123' */
export const formatCaseNo = (year: number, seq: number): string => `${year}-${String(seq).padStart(6, '0')}`

export const caseYearOf = (raisedAt: number): number => Number(ymdOf(raisedAt).slice(0, 4))

/** The number after the year's highest one (undefined: the first of the year). */
export function nextCaseNo(year: number, highest: string | undefined): string {
  const m = highest ? CASE_NO.exec(highest) : null
  return formatCaseNo(year, m && Number(m[1]) === year ? Number(m[2]) + 1 : 1)
}

/** The [from, to) range of the year's case numbers, for the query that finds the highest one. */
export const caseNoRange = (year: number): { from: string; to: string } => ({ from: `${year}-`, to: `${year + 1}-` })

/**
 * A search word that names a case: the full number (2026-000123) or its last digits (123, 000123).
 * @example caseNoQuery('123') // { suffix: '000123' }
 */
export function caseNoQuery(keyword: string): { exact: string } | { suffix: string } | undefined {
  const k = keyword.trim()
  if (CASE_NO.test(k)) return { exact: k }
  if (/^\d{1,6}$/.test(k)) return { suffix: k.padStart(6, '0') }
  return undefined
}
