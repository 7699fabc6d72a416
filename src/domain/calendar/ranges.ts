/**
 * A year's rest days as the ranges a notice (and the managers' form) writes: 「春节 2月5日至11日」.
 * Used to show the built-in years and to start the form from the package's data or the estimate.
 */
import { addDays, isWeekend } from '../time'
import { STATUTORY_NAMES, holidaysNamed } from './coverage'
import type { YearArrangement } from './workCalendar'

type Range = YearArrangement['holidays'][number]

/** 「中秋、国庆节」 → 「中秋节、国庆节」: statutory names in calendar order, then any other name as given. */
export function rangeName(names: readonly string[]): string {
  const statutory = new Set(names.flatMap((n) => holidaysNamed(n)))
  const others = names.filter((n) => holidaysNamed(n).length === 0)
  return [...STATUTORY_NAMES.filter((h) => statutory.has(h)), ...new Set(others)].join('、')
}

/**
 * Groups rest days (day → festival name) into ranges of consecutive days.
 * `weekends: true` also takes in the Saturdays and Sundays next to a run (never past the year's
 * edges), as notices write them, and joins runs that then touch; weekends rest anyway, so the
 * working days are the same either way.
 * @example restDaysToRanges(2028, new Map([['2028-01-01', '元旦'], ['2028-01-03', '元旦']]), { weekends: true })
 * // [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }]  (Sat, Sun, Mon)
 */
export function restDaysToRanges(year: number, rest: ReadonlyMap<string, string>, opts: { weekends: boolean }): Range[] {
  const first = `${year}-01-01`
  const last = `${year}-12-31`
  const days = new Map<string, string[]>()
  for (const [day, name] of rest) if (day >= first && day <= last) days.set(day, [...(days.get(day) ?? []), name])
  if (opts.weekends) {
    for (const day of [...days.keys()]) {
      for (const step of [-1, 1]) {
        for (let d = addDays(day, step); d >= first && d <= last && isWeekend(d) && !days.has(d); d = addDays(d, step)) days.set(d, [])
      }
    }
  }
  const ranges: { names: string[]; from: string; to: string }[] = []
  for (const day of [...days.keys()].sort()) {
    const open = ranges.at(-1)
    if (open && addDays(open.to, 1) === day) {
      open.to = day
      open.names.push(...days.get(day)!)
    } else ranges.push({ names: [...days.get(day)!], from: day, to: day })
  }
  return ranges.map((r) => ({ name: rangeName(r.names), from: r.from, to: r.to }))
}
