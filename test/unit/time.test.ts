import { spawnSync } from 'child_process'
import * as path from 'path'
import fc from 'fast-check'
import {
  addDays,
  addWeeks,
  dayOfWeek,
  isWeekKey,
  isoWeekday,
  mondayOf,
  shanghaiHour,
  startOfDay,
  weekBounds,
  weekKey,
  weekKeyOfDay,
  ymdOf,
} from '../../src/domain/time'

const DAY = 86_400_000

describe('ISO week keys across the 2026/2027 year end (Asia/Shanghai)', () => {
  test.each([
    ['2026-12-28', '2026-W53'], // Mon
    ['2026-12-31', '2026-W53'], // Thu
    ['2027-01-01', '2026-W53'], // Fri, 元旦 — still the last week of 2026
    ['2027-01-03', '2026-W53'], // Sun
    ['2027-01-04', '2027-W01'], // Mon
    ['2025-12-29', '2026-W01'], // Mon — 2026-W01 starts in 2025
    ['2020-12-31', '2020-W53'], // Thu
    ['2021-01-03', '2020-W53'], // Sun
  ])('the day %s belongs to week %s', (day, key) => {
    expect(weekKeyOfDay(day)).toBe(key)
  })

  test('an instant of 2026-12-31T16:30Z is already Friday 2027-01-01 00:30 in Shanghai, week 2026-W53', () => {
    const t = Date.parse('2026-12-31T16:30:00Z')
    expect(ymdOf(t)).toBe('2027-01-01')
    expect(shanghaiHour(t)).toBeCloseTo(0.5)
    expect(weekKey(t)).toBe('2026-W53')
  })

  test('the instant Monday 2027-01-04 00:00 Shanghai (2027-01-03T16:00Z) starts 2027-W01; one ms before is 2026-W53', () => {
    const t = Date.parse('2027-01-03T16:00:00Z')
    expect(startOfDay('2027-01-04')).toBe(t)
    expect(weekKey(t)).toBe('2027-W01')
    expect(weekKey(t - 1)).toBe('2026-W53')
    expect(weekBounds('2027-W01')).toEqual({ start: t, end: t + 7 * DAY })
  })

  test('shanghaiHour is within [0, 24) also for instants before 1970', () => {
    expect(shanghaiHour(Date.parse('1969-12-31T10:00:00Z'))).toBe(18)
    expect(shanghaiHour(-1)).toBeCloseTo(8, 5)
  })

  test('the same answers come out when the machine runs in America/Los_Angeles', () => {
    const script = `
      const t = require('./src/domain/time.ts')
      const i = Date.parse('2026-12-31T16:30:00Z')
      console.log(JSON.stringify({
        offset: new Date(i).getTimezoneOffset(),
        ymd: t.ymdOf(i), hour: t.shanghaiHour(i), key: t.weekKey(i),
        keys: ['2026-12-31', '2027-01-01', '2027-01-04'].map(t.weekKeyOfDay),
        monday: t.mondayOf('2027-W01'), start: t.startOfDay('2027-01-01'), weekday: t.isoWeekday('2027-01-01'),
      }))`
    const root = path.resolve(__dirname, '../..')
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), '-e', script], {
      cwd: root,
      env: { ...process.env, TZ: 'America/Los_Angeles' },
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    const out = JSON.parse(run.stdout)
    expect(out.offset).toBe(480) // really running 8 h behind UTC (PST), 16 h behind Shanghai
    expect(out).toMatchObject({
      ymd: '2027-01-01',
      hour: 0.5,
      key: '2026-W53',
      keys: ['2026-W53', '2026-W53', '2027-W01'],
      monday: '2027-01-04',
      start: Date.parse('2026-12-31T16:00:00Z'),
      weekday: 5,
    })
  }, 30_000)
})

describe('week key helpers', () => {
  test('mondayOf gives the Monday of a week, including weeks that start in the previous year', () => {
    expect(mondayOf('2026-W53')).toBe('2026-12-28')
    expect(mondayOf('2026-W01')).toBe('2025-12-29')
    expect(mondayOf('2027-W01')).toBe('2027-01-04')
    expect(() => mondayOf('2026-53')).toThrow(RangeError)
  })

  test('isWeekKey accepts real weeks only: 2026 has 53, 2027 has 52', () => {
    expect(isWeekKey('2026-W53')).toBe(true)
    expect(isWeekKey('2027-W52')).toBe(true)
    expect(isWeekKey('2027-W53')).toBe(false)
    expect(isWeekKey('2026-W00')).toBe(false)
    expect(isWeekKey('2026-W1')).toBe(false)
    expect(isWeekKey('2026W10')).toBe(false)
  })

  test('addWeeks crosses year ends by whole weeks', () => {
    expect(addWeeks('2026-W52', 1)).toBe('2026-W53')
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01')
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53')
  })

  const anyDay = fc.integer({ min: 0, max: 200 * 366 }).map((n) => addDays('1950-01-01', n))
  const anyWeek = anyDay.map(weekKeyOfDay)

  test('property: every day of a week maps back to that week, and the key is a valid week key', () => {
    fc.assert(
      fc.property(anyWeek, fc.integer({ min: 1, max: 7 }), (key, weekday) => {
        const day = dayOfWeek(key, weekday)
        return weekKeyOfDay(day) === key && isoWeekday(day) === weekday && isWeekKey(key)
      }),
    )
  })

  test('property: weekBounds spans exactly the seven Shanghai days from mondayOf', () => {
    fc.assert(
      fc.property(anyWeek, (key) => {
        const { start, end } = weekBounds(key)
        return end - start === 7 * DAY && ymdOf(start) === mondayOf(key) && weekKey(start) === key && weekKey(end - 1) === key && weekKey(end) === addWeeks(key, 1)
      }),
    )
  })

  test('property: addWeeks(k, n) then addWeeks(-n) returns to k, and moves the Monday by 7n days', () => {
    fc.assert(
      fc.property(anyWeek, fc.integer({ min: -600, max: 600 }), (key, n) => {
        const moved = addWeeks(key, n)
        return addWeeks(moved, -n) === key && mondayOf(moved) === addDays(mondayOf(key), 7 * n)
      }),
    )
  })
})
