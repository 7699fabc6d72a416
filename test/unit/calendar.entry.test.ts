/**
 * A manager's entry of a year names the seven statutory holidays, or says which it leaves out; and
 * every year the app knows (the package's data, the statutory estimate) can be shown as such an entry,
 * which is where the form starts from.
 */
import {
  buildCalendar,
  estimateArrangement,
  holidaysNamed,
  packageArrangement,
  packageYears,
  restDaysToRanges,
  statutoryRestDays,
  validateArrangementEntry,
} from '../../src/domain/calendar'
import { packageIsWorkingDay } from '../../src/domain/calendar/packageLayer'
import { addDays, isWeekend } from '../../src/domain/time'

const newYear = { name: '元旦', from: '2027-01-01', to: '2027-01-03' }
const refusal = (input: unknown) => {
  const r = validateArrangementEntry(input)
  if (r.ok) throw new Error('expected a refusal')
  expect(r.error.code).toBe('INVALID_INPUT')
  return r.error
}

/** Days of a year on which two calendars disagree about working. */
function disagreements(year: number, a: (d: string) => boolean, b: (d: string) => boolean): string[] {
  const out: string[] = []
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (a(d) !== b(d)) out.push(d)
  return out
}

describe('a range names the statutory holidays its name contains', () => {
  test.each([
    ['元旦', ['元旦']],
    ['中秋节、国庆节', ['中秋节', '国庆节']],
    ['国庆节、中秋节', ['中秋节', '国庆节']],
    ['清明', ['清明节']],
    ['五一', ['劳动节']],
    ['端午', ['端午节']],
    ['中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', []],
  ])('%s → %j', (name, holidays) => {
    expect(holidaysNamed(name)).toEqual(holidays)
  })
})

describe('validateArrangementEntry: the seven holidays, or the ones left out said so', () => {
  test('a year with only 元旦 is refused, naming the six holidays it would drop', () => {
    const error = refusal({ year: 2027, holidays: [newYear], workdays: [] })
    expect(error.message).toBe('2027 年放假安排缺少春节、清明节、劳动节、端午节、中秋节、国庆节的放假区间：请按通知录入；如当年确实不放假，请勾选“本年不放假”后再保存')
    expect(error.details).toEqual({ field: 'holidays', missing: ['春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] })
  })

  test('holidays left out on purpose are accepted, stored in calendar order', () => {
    const r = validateArrangementEntry({ year: 2027, holidays: [newYear], workdays: [], omitted: ['国庆节', '春节', '清明节', '劳动节', '端午节', '中秋节'] })
    expect(r.ok && r.value.omitted).toEqual(['春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'])
  })

  test('one missing holiday not ticked is still refused', () => {
    const estimate = estimateArrangement(2027)
    const noDragonBoat = { ...estimate, holidays: estimate.holidays.filter((h) => h.name !== '端午节') }
    expect(refusal(noDragonBoat).message).toMatch(/^2027 年放假安排缺少端午节的放假区间/)
    expect(validateArrangementEntry({ ...noDragonBoat, omitted: ['端午节'] }).ok).toBe(true)
  })

  test.each([
    ['a holiday both entered and left out', ['元旦'], '元旦已录入放假区间，不能同时列为不放假的节日'],
    ['a name that is not a statutory holiday', ['腊八节'], '第 1 个不放假的节日：只能是七个法定节日之一'],
    ['the same holiday twice', ['春节', '春节'], '不放假的节日有重复'],
  ])('%s is refused', (_, omitted, message) => {
    expect(refusal({ year: 2027, holidays: [newYear], workdays: [], omitted }).message).toBe(message)
  })

  test('an entry with nothing left out stores no omitted list', () => {
    const r = validateArrangementEntry(estimateArrangement(2027))
    expect(r.ok && 'omitted' in r.value).toBe(false)
  })
})

describe('the package\'s years as entries (shown read-only, and the start of 「以本区录入覆盖」)', () => {
  test.each(packageYears.map((y) => [y]))('%i is a valid entry with the same working days as the package', (year) => {
    const a = packageArrangement(year)
    expect(validateArrangementEntry(a)).toEqual({ ok: true, value: a })
    const zone = buildCalendar([a])
    expect(disagreements(year, zone.isWorkingDay, packageIsWorkingDay)).toEqual([])
    // 清明, 端午 and 中秋 became holidays in 2008; the built-in data of earlier years says so as omissions.
    expect(a.omitted ?? []).toEqual(year < 2008 ? ['清明节', '端午节', '中秋节'] : [])
  })

  test('2025: 中秋 inside the 国庆 week is one range named 中秋节、国庆节, as the notice wrote it', () => {
    const a = packageArrangement(2025)
    expect(a.holidays).toContainEqual({ name: '中秋节、国庆节', from: '2025-10-01', to: '2025-10-08' })
    expect(a.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'])
  })
})

describe('the statutory estimate as an entry (the form\'s start for a year not entered)', () => {
  const years = Array.from({ length: 101 }, (_, i) => 2000 + i)
  test('every year 2000–2100 is a valid entry naming all seven holidays, with the estimate\'s working days', () => {
    const wrong = years.flatMap((year) => {
      const a = estimateArrangement(year)
      const r = validateArrangementEntry(a)
      if (!r.ok) return [`${year}: ${r.error.message}`]
      if (a.omitted || a.workdays.length) return [`${year}: omits ${a.omitted} or has make-up days`]
      const rest = statutoryRestDays(year)
      const off = disagreements(year, buildCalendar([a]).isWorkingDay, (d) => !isWeekend(d) && !rest.has(d))
      return off.length ? [`${year}: differs on ${off.join(', ')}`] : []
    })
    expect(wrong).toEqual([])
  })

  test('2027: each holiday with the weekend beside it, as a notice writes it (元旦 Fri → Sun)', () => {
    expect(estimateArrangement(2027).holidays).toEqual([
      { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
      { name: '春节', from: '2027-02-05', to: '2027-02-10' },
      { name: '清明节', from: '2027-04-03', to: '2027-04-05' },
      { name: '劳动节', from: '2027-05-01', to: '2027-05-04' },
      { name: '端午节', from: '2027-06-09', to: '2027-06-09' },
      { name: '中秋节', from: '2027-09-15', to: '2027-09-15' },
      { name: '国庆节', from: '2027-10-01', to: '2027-10-05' },
    ])
  })

  test('rest days joined across a weekend, never past the year\'s edges', () => {
    expect(restDaysToRanges(2028, new Map([['2028-01-01', '元旦'], ['2028-01-03', '元旦']]), { weekends: true }))
      .toEqual([{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }]) // Sat, (Sun), Mon
    expect(restDaysToRanges(2023, new Map([['2023-01-02', '元旦']]), { weekends: true }))
      .toEqual([{ name: '元旦', from: '2023-01-01', to: '2023-01-02' }]) // Sun 01-01 taken in, Sat 2022-12-31 not
  })
})
