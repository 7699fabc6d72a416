import { getDayDetail, isWorkday } from 'chinese-days'
import { packageExceptions, packageIsWorkingDay, packageKnowsYear, packageYears } from '../../src/domain/calendar/packageLayer'
import { addDays } from '../../src/domain/time'

/** chinese-days works on local-time dates; local noon keeps the argument on the intended day. */
const localNoon = (ymd: string) => new Date(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)), 12)

describe('the package layer (chinese-days 1.5.7)', () => {
  test('knows the years 2004–2026, detected from its data, and not 2027', () => {
    expect(packageYears[0]).toBe(2004)
    expect(packageYears[packageYears.length - 1]).toBe(2026)
    expect(packageYears).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i))
    expect(packageKnowsYear(2026)).toBe(true)
    expect(packageKnowsYear(2027)).toBe(false)
  })

  test("the package's own isWorkday calls Friday 2027-01-01 (元旦) a working day — why it cannot be trusted alone", () => {
    expect(isWorkday(localNoon('2027-01-01'))).toBe(true)
    expect(getDayDetail(localNoon('2027-01-01')).work).toBe(true)
  })

  // chinese-days 1.5.7 builds its lookup keys in the machine's local time: west of UTC (e.g. TZ=America/
  // Los_Angeles) its isWorkday misses its own table. Our layer reads the prebuilt JSON and does not
  // care; the cross-check against the package's functions is only meaningful on a UTC machine.
  const machineInUtc = new Date(2026, 0, 1).getTimezoneOffset() === 0
  ;(machineInUtc ? test : test.skip)('agrees with chinese-days isWorkday on every day of every year it knows (UTC machine)', () => {
    for (const year of packageYears) {
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
        if (packageIsWorkingDay(d) !== isWorkday(localNoon(d))) throw new Error(`disagree on ${d}`)
      }
    }
  })

  test('matches the State Council 2026 notice: 春节 and 国庆 with their make-up days', () => {
    expect(packageIsWorkingDay('2026-02-14')).toBe(true) // Sat, 上班
    expect(packageIsWorkingDay('2026-02-28')).toBe(true) // Sat, 上班
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) expect([d, packageIsWorkingDay(d)]).toEqual([d, false])
    expect(packageIsWorkingDay('2026-02-24')).toBe(true) // Tue
    expect(packageIsWorkingDay('2026-09-20')).toBe(true) // Sun, 上班
    expect(packageIsWorkingDay('2026-10-10')).toBe(true) // Sat, 上班
    for (let d = '2026-10-01'; d <= '2026-10-07'; d = addDays(d, 1)) expect([d, packageIsWorkingDay(d)]).toEqual([d, false])
    expect(packageIsWorkingDay('2026-10-08')).toBe(true) // Thu
  })

  test('names its exceptions in Chinese', () => {
    const e = packageExceptions(2026)
    expect(e.get('2026-02-17')).toEqual({ working: false, name: '春节' })
    expect(e.get('2026-10-10')).toEqual({ working: true, name: '国庆节调休上班' })
    expect([...e.keys()].every((d) => d.startsWith('2026-'))).toBe(true)
  })
})
