/**
 * The merged working-day calendar: (1) the zone's own entries > (2) the years chinese-days knows >
 * (3) the statutory estimate. Each year is decided by exactly one layer, reported by `basis(year)`.
 * Years are built lazily, once, into a cache held by the returned object (no module-level state).
 */
import { AppError } from '../errors'
import { addDays, isWeekend } from '../time'
import { packageExceptions, packageKnowsYear } from './packageLayer'
import { statutoryRestDays } from './statutory'
import type { CalendarBasis, WorkCalendar, YearArrangement } from './workCalendar'
import { validateArrangement } from './validateArrangement'

export interface DayInfo {
  day: string
  working: boolean
  basis: CalendarBasis
  /** The festival of a rest day, or e.g. '春节调休上班' for a make-up day; absent for ordinary days. */
  name?: string
}

/** A WorkCalendar that can also say why a day is what it is (for the UI). */
export interface MergedCalendar extends WorkCalendar {
  dayInfo(ymd: string): DayInfo
}

interface YearTable {
  basis: CalendarBasis
  /** Days that differ from, or name, the plain "Monday–Friday work" rule. */
  exceptions: Map<string, { working: boolean; name: string }>
}

function zoneExceptions(a: YearArrangement): YearTable['exceptions'] {
  const out: YearTable['exceptions'] = new Map()
  for (const h of a.holidays) {
    for (let day = h.from; day <= h.to; day = addDays(day, 1)) out.set(day, { working: false, name: h.name })
  }
  for (const day of a.workdays) out.set(day, { working: true, name: '调休上班' })
  return out
}

function statutoryExceptions(year: number): YearTable['exceptions'] {
  const out: YearTable['exceptions'] = new Map()
  for (const [day, name] of statutoryRestDays(year)) out.set(day, { working: false, name })
  return out
}

/** One arrangement per year: the latest `enteredAt` wins, and among equals the later in the list. */
function latestPerYear(arrangements: readonly YearArrangement[]): Map<number, YearArrangement> {
  const byYear = new Map<number, YearArrangement>()
  for (const a of arrangements) {
    const checked = validateArrangement(a)
    if (!checked.ok) {
      throw new AppError('INTERNAL', `已存储的 ${String(a?.year)} 年放假安排无效：${checked.error.message}`)
    }
    const held = byYear.get(checked.value.year)
    if (!held || (checked.value.enteredAt ?? 0) >= (held.enteredAt ?? 0)) byYear.set(checked.value.year, checked.value)
  }
  return byYear
}

/**
 * Merges the layers into the calendar every deadline rule takes as its argument. A stored arrangement
 * that fails `validateArrangement` is a broken invariant and throws (INTERNAL) here, at the boundary.
 * @example
 * const cal = buildCalendar([{ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [] }])
 * cal.basis(2026) // 'package';  cal.basis(2027) // 'zone';  cal.basis(2028) // 'statutory'
 */
export function buildCalendar(zoneArrangements: readonly YearArrangement[]): MergedCalendar {
  const zone = latestPerYear(zoneArrangements)
  const years = new Map<number, YearTable>()

  const basisOf = (year: number): CalendarBasis =>
    zone.has(year) ? 'zone' : packageKnowsYear(year) ? 'package' : 'statutory'

  function tableOf(year: number): YearTable {
    let t = years.get(year)
    if (!t) {
      const basis = basisOf(year)
      const exceptions =
        basis === 'zone'
          ? zoneExceptions(zone.get(year) as YearArrangement)
          : basis === 'package'
            ? packageExceptions(year)
            : statutoryExceptions(year)
      t = { basis, exceptions }
      years.set(year, t)
    }
    return t
  }

  function dayInfo(ymd: string): DayInfo {
    const t = tableOf(Number(ymd.slice(0, 4)))
    const e = t.exceptions.get(ymd)
    return e ? { day: ymd, working: e.working, basis: t.basis, name: e.name } : { day: ymd, working: !isWeekend(ymd), basis: t.basis }
  }

  return {
    isWorkingDay: (ymd) => {
      const e = tableOf(Number(ymd.slice(0, 4))).exceptions.get(ymd)
      return e ? e.working : !isWeekend(ymd)
    },
    basis: basisOf,
    dayInfo,
  }
}
