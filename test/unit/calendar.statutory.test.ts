import { Lunar, LunarYear, Solar } from 'lunar-javascript'
import { statutoryHolidays, statutoryRestDays } from '../../src/domain/calendar/statutory'
import { buildCalendar } from '../../src/domain/calendar/buildCalendar'
import { packageIsWorkingDay } from '../../src/domain/calendar/packageLayer'
import { addDays, isWeekend } from '../../src/domain/time'

const festival = (year: number, name: string) => {
  const f = statutoryHolidays(year).find((h) => h.name === name)
  if (!f) throw new Error(`${name} missing in ${year}`)
  return f
}
/** The statutory days alone (without 补假). */
const statutory = (year: number, name: string) => {
  const f = festival(year, name)
  return f.days.filter((d) => !f.compensatory.includes(d))
}
const solarOfLunar = (y: number, m: number, d: number) => Lunar.fromYmd(y, m, d).getSolar().toYmd()

describe('lunar festivals of the statutory layer agree with lunar-javascript', () => {
  test.each([2027, 2030])('春节 %i is 除夕 (last day of 腊月) and 正月初一 to 初三', (year) => {
    const lastOfLaYue = LunarYear.fromYear(year - 1).getMonth(12)!.getDayCount()
    expect(statutory(year, '春节')).toEqual([
      solarOfLunar(year - 1, 12, lastOfLaYue),
      solarOfLunar(year, 1, 1),
      solarOfLunar(year, 1, 2),
      solarOfLunar(year, 1, 3),
    ])
  })

  test('除夕 is right in years whose 腊月 has 29 days (2027: 除夕 is 腊月廿九, Fri 2027-02-05) and 30 days (2030: 腊月三十, Sat 2030-02-02)', () => {
    expect(LunarYear.fromYear(2026).getMonth(12)!.getDayCount()).toBe(29)
    expect(statutory(2027, '春节')[0]).toBe('2027-02-05')
    expect(LunarYear.fromYear(2029).getMonth(12)!.getDayCount()).toBe(30)
    expect(statutory(2030, '春节')[0]).toBe('2030-02-02')
  })

  test.each([
    [2027, '2027-06-09', '2027-09-15'], // Wed, Wed
    [2030, '2030-06-05', '2030-09-12'], // Wed, Thu
  ])('端午 and 中秋 %i are 五月初五 and 八月十五', (year, duanwu, zhongqiu) => {
    expect(statutory(year, '端午节')).toEqual([solarOfLunar(year, 5, 5)])
    expect(statutory(year, '中秋节')).toEqual([solarOfLunar(year, 8, 15)])
    expect([duanwu, zhongqiu]).toEqual([solarOfLunar(year, 5, 5), solarOfLunar(year, 8, 15)])
  })

  test.each([
    [2027, '2027-04-05'], // Mon
    [2030, '2030-04-05'], // Fri
    [2032, '2032-04-04'], // Sun
  ])('清明 %i is the solar term 清明 of the library table (%s)', (year, day) => {
    expect(Solar.fromYmd(year, 4, 20).getLunar().getJieQiTable()['清明'].toYmd()).toBe(day)
    expect(statutory(year, '清明节')).toEqual([day])
  })

  test('the fixed-date festivals: 元旦 1 Jan, 劳动节 1–2 May, 国庆 1–3 Oct', () => {
    expect(statutory(2030, '元旦')).toEqual(['2030-01-01'])
    expect(statutory(2030, '劳动节')).toEqual(['2030-05-01', '2030-05-02'])
    expect(statutory(2030, '国庆节')).toEqual(['2030-10-01', '2030-10-02', '2030-10-03'])
  })

  test('every statutory day of 2025 and 2026 is a rest day in the State Council arrangement (package data)', () => {
    for (const year of [2025, 2026]) {
      const days = statutoryHolidays(year).flatMap((f) => f.days.filter((d) => !f.compensatory.includes(d)))
      expect(days).toHaveLength(13)
      for (const d of days) expect([d, packageIsWorkingDay(d)]).toEqual([d, false])
    }
  })
})

describe('补假 (第六条): a statutory day on a weekend is given back on the next weekday that is not a rest day', () => {
  test('元旦 2028 falls on Saturday 2028-01-01 → rest on Monday 2028-01-03', () => {
    expect(festival(2028, '元旦')).toEqual({ name: '元旦', days: ['2028-01-01', '2028-01-03'], compensatory: ['2028-01-03'] })
  })

  test('中秋 2022 fell on Saturday 2022-09-10 → Monday 2022-09-12 (as the 2022 notice also gave)', () => {
    expect(festival(2022, '中秋节').compensatory).toEqual(['2022-09-12'])
  })

  test('端午 2028 falls on Sunday 2028-05-28 → Monday 2028-05-29', () => {
    expect(festival(2028, '端午节').compensatory).toEqual(['2028-05-29'])
  })

  test('劳动节 2027: Sat 05-01 and Sun 05-02 → Mon 05-03 and Tue 05-04', () => {
    expect(festival(2027, '劳动节').compensatory).toEqual(['2027-05-03', '2027-05-04'])
  })

  test('春节 2027: 初一 Sat 02-06 and 初二 Sun 02-07 skip 初三 Mon 02-08 (itself a holiday) → Tue 02-09, Wed 02-10', () => {
    expect(festival(2027, '春节')).toEqual({
      name: '春节',
      days: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10'],
      compensatory: ['2027-02-09', '2027-02-10'],
    })
  })

  test('中秋 on 国庆 (2028-10-03 Tue) is given back like a weekend day: 国庆 Sun 10-01 → Wed 10-04, the shared Tue 10-03 → Thu 10-05', () => {
    expect(statutory(2028, '中秋节')).toEqual(['2028-10-03'])
    expect(festival(2028, '国庆节').compensatory).toEqual(['2028-10-04', '2028-10-05'])
  })

  test('a statutory day on a weekday is not compensated (元旦 2027 is Friday 2027-01-01)', () => {
    expect(festival(2027, '元旦')).toEqual({ name: '元旦', days: ['2027-01-01'], compensatory: [] })
  })

  test('property over 2027–2100: every year has 13 statutory days, one 补假 per lost day, and every 补假 day is a distinct weekday', () => {
    for (let year = 2027; year <= 2100; year++) {
      const holidays = statutoryHolidays(year)
      const all = holidays.flatMap((f) => f.days.filter((d) => !f.compensatory.includes(d)))
      const lost = all.filter((d, i) => isWeekend(d) || all.indexOf(d) !== i).length
      const given = holidays.flatMap((f) => f.compensatory)
      expect(all).toHaveLength(13)
      expect(given).toHaveLength(lost)
      expect(new Set(given).size).toBe(given.length)
      for (const d of given) {
        expect(isWeekend(d)).toBe(false)
        expect(d.startsWith(`${year}-`)).toBe(true)
      }
    }
  })
})

describe('the statutory calendar has no make-up working days', () => {
  test('every Saturday and Sunday of 2027 rests, and only statutory and 补假 weekdays rest', () => {
    const cal = buildCalendar([])
    const rest = statutoryRestDays(2027)
    for (let d = '2027-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) {
      expect([d, cal.isWorkingDay(d)]).toEqual([d, !isWeekend(d) && !rest.has(d)])
    }
  })

  test('a year outside the supported range is refused', () => {
    expect(() => statutoryHolidays(1899)).toThrow(RangeError)
    expect(() => statutoryHolidays(2027.5)).toThrow(RangeError)
  })
})
