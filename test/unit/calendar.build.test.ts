import { buildCalendar } from '../../src/domain/calendar/buildCalendar'
import { estimateNotice, estimatedYears, yearsNeedingArrangement } from '../../src/domain/calendar/notices'
import type { YearArrangement } from '../../src/domain/calendar/workCalendar'
import { isAppError } from '../../src/domain/errors'

const at = (iso: string) => Date.parse(iso)
const newYear2027: YearArrangement = {
  year: 2027,
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], // Fri–Sun
  workdays: [],
}

describe('buildCalendar merges zone > package > statutory, one layer per year', () => {
  test('with no zone entries: 2026 is decided by the package, 2027 and 2003 by the statutory estimate', () => {
    const cal = buildCalendar([])
    expect(cal.basis(2026)).toBe('package')
    expect(cal.basis(2004)).toBe('package')
    expect(cal.basis(2027)).toBe('statutory')
    expect(cal.basis(2003)).toBe('statutory')
    expect(cal.isWorkingDay('2027-01-01')).toBe(false) // Fri, 元旦 by the statutory layer
    expect(cal.isWorkingDay('2026-02-14')).toBe(true) // Sat, make-up day by the package
  })

  test("a zone entry decides its year, replacing the package's days for that year wholly", () => {
    const cal = buildCalendar([
      { year: 2026, holidays: [{ name: '春节', from: '2026-02-16', to: '2026-02-22' }], workdays: ['2026-02-15'] },
    ])
    expect(cal.basis(2026)).toBe('zone')
    expect(cal.isWorkingDay('2026-02-15')).toBe(true) // Sun, the zone's make-up day
    expect(cal.isWorkingDay('2026-02-23')).toBe(true) // Mon, rest in the package, not in the zone's entry
    expect(cal.isWorkingDay('2026-10-01')).toBe(true) // Thu: the zone entered no 国庆, and the package no longer speaks for 2026
    expect(cal.basis(2025)).toBe('package')
  })

  test('dayInfo says which layer decided a day and names its festival', () => {
    const cal = buildCalendar([newYear2027])
    expect(cal.dayInfo('2027-01-01')).toEqual({ day: '2027-01-01', working: false, basis: 'zone', name: '元旦' })
    expect(cal.dayInfo('2026-09-20')).toEqual({ day: '2026-09-20', working: true, basis: 'package', name: '国庆节调休上班' })
    expect(cal.dayInfo('2028-01-03')).toEqual({ day: '2028-01-03', working: false, basis: 'statutory', name: '元旦' }) // Mon, 补假
    expect(cal.dayInfo('2028-01-04')).toEqual({ day: '2028-01-04', working: true, basis: 'statutory' })
  })

  test('two entries for one year: the latest enteredAt wins, whatever the order', () => {
    const older = { ...newYear2027, enteredAt: 1 }
    const newer = { ...newYear2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }], enteredAt: 2 }
    expect(buildCalendar([older, newer]).isWorkingDay('2027-01-04')).toBe(false)
    expect(buildCalendar([newer, older]).isWorkingDay('2027-01-04')).toBe(false)
  })

  test('calendars are independent: entering 2027 in one does not change another (no module-level state)', () => {
    const zoned = buildCalendar([newYear2027])
    const plain = buildCalendar([])
    expect(zoned.basis(2027)).toBe('zone')
    expect(plain.basis(2027)).toBe('statutory')
    expect(buildCalendar([]).basis(2027)).toBe('statutory')
  })

  test('a stored arrangement that fails validation throws at the boundary instead of counting wrong days', () => {
    const broken = { year: 2027, holidays: [{ name: '元旦', from: '2027-01-03', to: '2027-01-01' }], workdays: [] }
    try {
      buildCalendar([broken])
      throw new Error('expected a throw')
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('INTERNAL')
      expect((e as Error).message).toContain('2027 年放假安排无效')
    }
  })
})

describe('notices for figures resting on the statutory estimate', () => {
  const from = at('2026-12-28T10:00:00+08:00') // Mon
  const to = at('2027-01-13T00:00:00+08:00')

  test('a span touching 2027 gets the notice until 2027 is entered, then none', () => {
    expect(estimateNotice(buildCalendar([]), from, to)).toBe('2027 年放假安排未录入，按法定节假日估算')
    expect(estimateNotice(buildCalendar([newYear2027]), from, to)).toBeUndefined()
  })

  test('a span inside a package year gets no notice; a span over two estimated years names both', () => {
    const cal = buildCalendar([])
    expect(estimateNotice(cal, at('2026-02-13T10:00:00+08:00'), at('2026-12-31T23:59:00+08:00'))).toBeUndefined()
    expect(estimatedYears(cal, at('2028-06-01T00:00:00+08:00'), from)).toEqual([2027, 2028])
    expect(estimateNotice(cal, from, at('2028-01-05T00:00:00+08:00'))).toBe('2027、2028 年放假安排未录入，按法定节假日估算')
  })

  test('the year is the Shanghai year: 2026-12-31T16:30Z already touches 2027', () => {
    const cal = buildCalendar([])
    expect(estimateNotice(cal, at('2026-12-31T15:59:00Z'), at('2026-12-31T15:59:59Z'))).toBeUndefined()
    expect(estimateNotice(cal, at('2026-12-31T15:00:00Z'), at('2026-12-31T16:30:00Z'))).toBeDefined()
  })
})

describe("yearsNeedingArrangement, the manager's home task", () => {
  test('in November 2026 the next year 2027 needs entering; the current year 2026 is known', () => {
    expect(yearsNeedingArrangement(buildCalendar([]), at('2026-11-25T09:00:00+08:00'))).toEqual([2027])
  })

  test('once 2027 is entered, nothing is asked in 2026', () => {
    expect(yearsNeedingArrangement(buildCalendar([newYear2027]), at('2026-11-25T09:00:00+08:00'))).toEqual([])
  })

  test('at 2026-12-31T16:30Z it is already 2027 in Shanghai: 2027 and 2028 are asked, or 2028 alone once 2027 is entered', () => {
    const now = at('2026-12-31T16:30:00Z')
    expect(yearsNeedingArrangement(buildCalendar([]), now)).toEqual([2027, 2028])
    expect(yearsNeedingArrangement(buildCalendar([newYear2027]), now)).toEqual([2028])
  })
})
