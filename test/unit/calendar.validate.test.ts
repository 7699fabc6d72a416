import { validateArrangement } from '../../src/domain/calendar/validateArrangement'

const good = {
  year: 2027,
  holidays: [
    { name: '春节', from: '2027-02-05', to: '2027-02-13' }, // Fri–Sat
    { name: ' 元旦 ', from: '2027-01-01', to: '2027-01-03' }, // Fri–Sun
  ],
  workdays: ['2027-02-20', '2027-01-30'], // Sat, Sat
  enteredBy: 'openid-manager',
  enteredAt: 1_790_000_000_000,
}
const withHolidays = (holidays: unknown) => ({ ...good, holidays })
const withWorkdays = (workdays: unknown) => ({ ...good, workdays })

function refusal(input: unknown) {
  const r = validateArrangement(input)
  if (r.ok) throw new Error('expected a refusal')
  expect(r.error.code).toBe('INVALID_INPUT')
  expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/) // Chinese
  return r.error.message
}

describe('validateArrangement accepts a published arrangement', () => {
  test('a good 2027 entry is accepted, normalised (names trimmed, ranges and days sorted)', () => {
    const r = validateArrangement(good)
    expect(r).toEqual({
      ok: true,
      value: {
        year: 2027,
        holidays: [
          { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
          { name: '春节', from: '2027-02-05', to: '2027-02-13' },
        ],
        workdays: ['2027-01-30', '2027-02-20'],
        enteredBy: 'openid-manager',
        enteredAt: 1_790_000_000_000,
      },
    })
  })

  test('single-day ranges, adjacent ranges, no make-up days and the years 2000 and 2100 are accepted', () => {
    expect(validateArrangement({ year: 2100, holidays: [{ name: '元旦', from: '2100-01-01', to: '2100-01-01' }, { name: '假', from: '2100-01-02', to: '2100-01-02' }], workdays: [] }).ok).toBe(true)
    expect(validateArrangement({ year: 2000, holidays: [{ name: '国庆节', from: '2000-10-01', to: '2000-10-07' }], workdays: ['2000-09-30'] }).ok).toBe(true) // Sat
  })
})

describe('validateArrangement refuses bad input with INVALID_INPUT naming the field', () => {
  test.each([
    ['not an object', null, '放假安排格式不正确'],
    ['year missing', { holidays: good.holidays, workdays: [] }, '缺少年份'],
    ['year not an integer', { ...good, year: 2027.5 }, '年份应为整数'],
    ['year before 2000', { ...good, year: 1999 }, '年份须在 2000–2100 之间'],
    ['year after 2100', { ...good, year: 2101 }, '年份须在 2000–2100 之间'],
    ['year as a string', { ...good, year: '2027' }, '年份应为数字'],
  ])('%s', (_, input, message) => {
    expect(refusal(input)).toContain(message)
  })

  test.each([
    ['no ranges', [], '至少录入一个放假区间'],
    ['more than 40 ranges', Array.from({ length: 41 }, (_, i) => ({ name: `假${i}`, from: '2027-03-01', to: '2027-03-01' })), '最多 40 个放假区间'],
    ['an empty name', [{ name: '  ', from: '2027-01-01', to: '2027-01-01' }], '请填写第 1 个假期的节日名称'],
    ['a name over 40 characters', [{ name: '春'.repeat(41), from: '2027-01-01', to: '2027-01-01' }], '第 1 个假期的节日名称不能超过 40 个字'],
    ['a date in another format', [{ name: '元旦', from: '2027/01/01', to: '2027-01-01' }], '第 1 个假期的开始日期：应为“2027-01-01”这样的日期'],
    ['a date that does not exist (Feb 29 of 2027)', [{ name: '春节', from: '2027-02-05', to: '2027-02-29' }], '第 1 个假期的结束日期：日历上没有这一天'],
    ['a date in another year', [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }], '第 1 个假期的开始日期 2028-01-01 须在 2027 年内'],
    ['a range crossing into the next year', [{ name: '元旦', from: '2027-12-31', to: '2028-01-02' }], '第 1 个假期的结束日期 2028-01-02 须在 2027 年内'],
    ['a range ending before it starts', [{ name: '国庆节', from: '2027-10-07', to: '2027-10-01' }], '第 1 个假期「国庆节」的开始日期 2027-10-07 晚于结束日期 2027-10-01'],
  ])('holidays: %s', (_, holidays, message) => {
    expect(refusal(withHolidays(holidays))).toContain(message)
  })

  test('holidays: two ranges that overlap are refused, naming both', () => {
    const message = refusal(
      withHolidays([
        { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
        { name: '元旦', from: '2027-01-01', to: '2027-01-01' },
        { name: '中秋节', from: '2027-09-15', to: '2027-10-01' },
      ]),
    )
    expect(message).toBe('第 3 个假期「中秋节」2027-09-15～2027-10-01 与第 1 个假期「国庆节」2027-10-01～2027-10-07 重叠')
  })

  test.each([
    ['a weekday (Wed 2027-02-17)', ['2027-02-17'], '第 1 个调休上班日 2027-02-17 不是周六或周日，调休上班日只能是周末'],
    ['a Saturday inside a holiday range (Sat 2027-02-06)', ['2027-02-06'], '第 1 个调休上班日 2027-02-06 落在放假区间「春节」2027-02-05～2027-02-13 内'],
    ['a day of another year (Sat 2026-12-26)', ['2026-12-26'], '第 1 个调休上班日 2026-12-26 须在 2027 年内'],
    ['the same day twice', ['2027-01-30', '2027-01-30'], '第 2 个调休上班日 2027-01-30 重复录入'],
    ['more than 20 days', Array.from({ length: 21 }, () => '2027-01-30'), '最多 20 个调休上班日'],
    ['not a list', '2027-01-30', '调休上班日应为列表'],
    ['a non-date', ['soon'], '第 1 个调休上班日：应为“2027-01-01”这样的日期'],
  ])('workdays: %s', (_, workdays, message) => {
    expect(refusal(withWorkdays(workdays))).toContain(message)
  })

  test('the refusal carries the field in its details, and serialises to { code, message, details }', () => {
    const r = validateArrangement({ ...good, year: 1999 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.toJSON()).toEqual({ code: 'INVALID_INPUT', message: '年份须在 2000–2100 之间', details: { field: 'year' } })
  })
})
