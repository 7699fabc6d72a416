import fc from 'fast-check'
import { buildCalendar } from '../../src/domain/calendar/buildCalendar'
import { estimateNotice } from '../../src/domain/calendar/notices'
import { packageIsWorkingDay } from '../../src/domain/calendar/packageLayer'
import type { WorkCalendar, YearArrangement } from '../../src/domain/calendar/workCalendar'
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import {
  addWorkingDays,
  addWorkingMs,
  receivedDay,
  spansEstimatedYear,
  workingDaysBetween,
  workingMsBetween,
} from '../../src/domain/calendar/workingTime'
import { DAY_MS, HOUR_MS } from '../../src/domain/time'

const sh = (local: string) => Date.parse(`${local}+08:00`) // an instant written in Shanghai time
const endOf = (ymd: string) => sh(`${ymd}T00:00:00`) + DAY_MS // 24:00 of that Shanghai day
const cal = buildCalendar([]) // 2026 from the package (State Council notice), 2027 statutory

describe('deadlines around 春节 2026 (rest 02-15…23; Sat 02-14 and Sat 02-28 work)', () => {
  test('received Fri 2026-02-13 10:00 with 5 working days → end of Fri 02-27 (02-14 Sat, 02-24, 25, 26, 27)', () => {
    expect(addWorkingDays(cal, sh('2026-02-13T10:00:00'), 5)).toBe(endOf('2026-02-27'))
  })

  test('received Fri 02-13 at 16:59 still counts Friday as day 0; at 17:00 exactly day 0 is the make-up Sat 02-14', () => {
    expect(receivedDay(cal, sh('2026-02-13T16:59:00'))).toBe('2026-02-13')
    expect(receivedDay(cal, sh('2026-02-13T16:59:59.999'))).toBe('2026-02-13')
    expect(receivedDay(cal, sh('2026-02-13T17:00:00'))).toBe('2026-02-14')
    expect(addWorkingDays(cal, sh('2026-02-13T16:59:00'), 5)).toBe(endOf('2026-02-27'))
    expect(addWorkingDays(cal, sh('2026-02-13T17:00:00'), 5)).toBe(endOf('2026-02-28')) // 02-24…27, Sat 02-28
  })

  test('received Fri 02-13 at 08:59 (before office hours) counts that day: 1 working day → end of the make-up Sat 02-14', () => {
    expect(addWorkingDays(cal, sh('2026-02-13T08:59:00'), 1)).toBe(endOf('2026-02-14'))
    expect(addWorkingDays(cal, sh('2026-02-13T17:00:00'), 1)).toBe(endOf('2026-02-24')) // Tue after the holiday
  })

  test('received on a rest day (Sun 02-15, 春节) 10:00: day 0 is Tue 02-24, 5 working days → end of Mon 03-02', () => {
    expect(receivedDay(cal, sh('2026-02-15T10:00:00'))).toBe('2026-02-24')
    expect(addWorkingDays(cal, sh('2026-02-15T10:00:00'), 5)).toBe(endOf('2026-03-02')) // 25, 26, 27, Sat 28, Mon 03-02
  })

  test('received on the make-up Sat 02-14 at 10:00 counts that Saturday as day 0', () => {
    expect(receivedDay(cal, sh('2026-02-14T10:00:00'))).toBe('2026-02-14')
    expect(addWorkingDays(cal, sh('2026-02-14T10:00:00'), 0)).toBe(endOf('2026-02-14'))
  })
})

describe('deadlines around 国庆 2026 (rest 10-01…07; Sun 09-20 and Sat 10-10 work)', () => {
  test('received Wed 09-30 10:00 with 1 working day → end of Thu 10-08', () => {
    expect(addWorkingDays(cal, sh('2026-09-30T10:00:00'), 1)).toBe(endOf('2026-10-08'))
  })

  test('received Wed 09-30 17:00 with 2 working days: day 0 is Thu 10-08 → Fri 10-09, Sat 10-10 (make-up)', () => {
    expect(addWorkingDays(cal, sh('2026-09-30T17:00:00'), 2)).toBe(endOf('2026-10-10'))
  })

  test('received Fri 09-18 at 17:00: day 0 is the make-up Sun 09-20; 2 working days → end of Tue 09-22', () => {
    expect(receivedDay(cal, sh('2026-09-18T17:00:00'))).toBe('2026-09-20')
    expect(addWorkingDays(cal, sh('2026-09-18T17:00:00'), 2)).toBe(endOf('2026-09-22'))
  })

  test('received Sat 10-03 (holiday) with 10 working days → day 0 Thu 10-08, then 10-09, Sat 10-10, 10-12…16, 19, 20, 21 → end of Wed 10-21', () => {
    expect(addWorkingDays(cal, sh('2026-10-03T11:00:00'), 10)).toBe(endOf('2026-10-21'))
  })

  test('from Thu 10-01 to Mon 10-12 there are three working days: Thu 10-08, Fri 10-09 and the make-up Sat 10-10', () => {
    expect(workingDaysBetween(cal, sh('2026-10-01T00:00:00'), sh('2026-10-12T00:00:00'))).toBe(3) // 10-08, 09, Sat 10
  })
})

describe('a limit from Mon 2026-12-28 that crosses into 2027', () => {
  const t = sh('2026-12-28T10:00:00')
  const zone2027: YearArrangement = {
    year: 2027,
    holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-04' }], // hypothetical: Fri–Mon
    workdays: [],
  }

  test('trusting chinese-days alone (Fri 2027-01-01 a working day), 10 working days would end on Mon 2027-01-11', () => {
    const packageOnly: WorkCalendar = { isWorkingDay: packageIsWorkingDay, basis: () => 'package' }
    expect(addWorkingDays(packageOnly, t, 10)).toBe(endOf('2027-01-11'))
  })

  test('under the statutory layer (元旦 Fri 2027-01-01 rests) 10 working days end on Tue 2027-01-12, with the notice', () => {
    expect(cal.basis(2027)).toBe('statutory')
    const due = addWorkingDays(cal, t, 10) // 12-29, 30, 31, 01-04…08, 01-11, 01-12
    expect(due).toBe(endOf('2027-01-12'))
    expect(spansEstimatedYear(cal, t, due)).toBe(true)
    expect(estimateNotice(cal, t, due)).toBe('2027 年放假安排未录入，按法定节假日估算')
  })

  test('after the zone enters 2027 (元旦 01-01…04 rest) the deadline moves to Wed 2027-01-13 and the notice disappears', () => {
    const zoned = buildCalendar([zone2027])
    expect(zoned.basis(2027)).toBe('zone')
    const due = addWorkingDays(zoned, t, 10)
    expect(due).toBe(endOf('2027-01-13'))
    expect(spansEstimatedYear(zoned, t, due)).toBe(false)
    expect(estimateNotice(zoned, t, due)).toBeUndefined()
  })

  test('a zone entry equal to the estimate (元旦 01-01…03, Fri–Sun) keeps the date but removes the notice', () => {
    const zoned = buildCalendar([{ ...zone2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }] }])
    const due = addWorkingDays(zoned, t, 10)
    expect(due).toBe(endOf('2027-01-12'))
    expect(estimateNotice(zoned, t, due)).toBeUndefined()
  })

  test('25 working days from 12-28 under the statutory layer end on Tue 2027-02-02, before the estimated 春节 (02-05…10)', () => {
    expect(addWorkingDays(cal, t, 25)).toBe(endOf('2027-02-02'))
  })
})

describe('argument checks', () => {
  test('a negative or fractional number of working days is refused', () => {
    expect(() => addWorkingDays(weekendCalendar, 0, -1)).toThrow(RangeError)
    expect(() => addWorkingDays(weekendCalendar, 0, 1.5)).toThrow(RangeError)
  })

  test('a pause over a weekend counts only the weekday time: Fri 12:00 → Mon 12:00 is one working day', () => {
    expect(workingMsBetween(weekendCalendar, sh('2027-01-08T12:00:00'), sh('2027-01-11T12:00:00'))).toBe(DAY_MS)
    expect(addWorkingMs(weekendCalendar, sh('2027-01-08T12:00:00'), DAY_MS)).toBe(sh('2027-01-11T12:00:00'))
  })
})

describe('properties of working time (fast-check, over late 2025 – early 2028 with the merged calendar)', () => {
  const calendars: [string, WorkCalendar][] = [
    ['merged (package + statutory)', cal],
    ['with a zone year 2027', buildCalendar([{ year: 2027, holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-13' }], workdays: ['2027-01-30', '2027-02-20'] }])],
    ['weekends only', weekendCalendar],
  ]
  const lo = sh('2025-12-01T00:00:00')
  const hi = sh('2028-02-01T00:00:00')
  const instant = fc.oneof(
    fc.integer({ min: lo, max: hi }),
    fc.integer({ min: 0, max: (hi - lo) / DAY_MS }).map((d) => lo + d * DAY_MS), // midnights
    fc.integer({ min: 0, max: (hi - lo) / HOUR_MS }).map((h) => lo + h * HOUR_MS), // whole hours (17:00 edges)
  )
  const ordered = (xs: number[]) => [...xs].sort((a, b) => a - b)

  test.each(calendars)('%s: addWorkingMs(t, workingMsBetween(t, u)) lands on or before u, in the same working span', (_, c) => {
    fc.assert(
      fc.property(instant, instant, (x, y) => {
        const [t, u] = ordered([x, y])
        const w = workingMsBetween(c, t, u)
        const r = addWorkingMs(c, t, w)
        return r >= t && r <= u && workingMsBetween(c, r, u) === 0 && workingMsBetween(c, t, r) === w
      }),
      { numRuns: 300 },
    )
  })

  test.each(calendars)('%s: workingMsBetween is additive over a split point', (_, c) => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, s, b] = ordered([x, y, z])
        return workingMsBetween(c, a, b) === workingMsBetween(c, a, s) + workingMsBetween(c, s, b)
      }),
      { numRuns: 200 },
    )
  })

  test.each(calendars)('%s: workingMsBetween(t, addWorkingMs(t, ms)) === ms', (_, c) => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * DAY_MS }), (t, ms) => workingMsBetween(c, t, addWorkingMs(c, t, ms)) === ms),
      { numRuns: 200 },
    )
  })

  test.each(calendars)('%s: addWorkingDays is monotonic in t and strictly increasing in n, and ends at 24:00 of a working day', (_, c) => {
    fc.assert(
      fc.property(instant, instant, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (x, y, m, n) => {
        const [t1, t2] = ordered([x, y])
        const [n1, n2] = ordered([m, n])
        const due = addWorkingDays(c, t1, n1)
        const lastDay = new Date(due - DAY_MS + 8 * HOUR_MS).toISOString().slice(0, 10)
        return (
          due <= addWorkingDays(c, t2, n1) &&
          (n1 === n2 ? due === addWorkingDays(c, t1, n2) : due < addWorkingDays(c, t1, n2)) &&
          c.isWorkingDay(lastDay) &&
          due > t1
        )
      }),
      { numRuns: 200 },
    )
  })
})
