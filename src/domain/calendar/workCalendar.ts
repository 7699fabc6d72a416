import type { StatutoryName } from './coverage'

/** Which layer of the calendar decided a year: zone entries > the package's data > statutory estimate. */
export type CalendarBasis = 'zone' | 'package' | 'statutory'

/** A zone's own entry of one year's published arrangement (layer 1). */
export interface YearArrangement {
  year: number
  /** Inclusive ranges of rest days, e.g. { name: '春节', from: '2027-02-06', to: '2027-02-13' }. */
  holidays: { name: string; from: string; to: string }[]
  /** Weekend days that are working days (调休 make-up days), 'YYYY-MM-DD'. */
  workdays: string[]
  /**
   * Statutory holidays the manager confirmed this year's notice gives no day (元旦 … 国庆节, see
   * coverage.ts); an entry must name every other one. Absent when none is left out.
   */
  omitted?: StatutoryName[]
  enteredBy?: string
  enteredAt?: number
}

/**
 * The working-day calendar every rule takes as an argument (never a module-level lookup).
 * Days are 'YYYY-MM-DD' in Asia/Shanghai.
 */
export interface WorkCalendar {
  isWorkingDay(ymd: string): boolean
  basis(year: number): CalendarBasis
}
