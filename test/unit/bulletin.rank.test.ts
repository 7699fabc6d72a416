/** The ranking rule's tie-breaks one by one, the boards' sizes, and the bulletin's periods. */
import { buildCalendar } from '../../src/domain/calendar'
import {
  type RankCandidate,
  bulletinKeyAt,
  bulletinPeriod,
  changeText,
  firstWorkingDayOfMonth,
  honourBoards,
  rankDepartments,
  rateChange,
} from '../../src/domain/bulletin'
import { sh } from './support/metricsFactory'

const dept = (id: string, over: Partial<RankCandidate>): RankCandidate => ({
  id, name: id, order: 1, score: 0.8, resolution: 0.8, response: 0.8, overdue: 0, ...over,
})
const order = (c: RankCandidate[]) => [...rankDepartments(c)].sort((a, b) => a[1] - b[1]).map(([id]) => id)

describe('the ranking rule', () => {
  test('综合分 first, compared as shown: 80.04 and 79.96 both read 80.0 and tie, so 解决率 decides', () => {
    expect(order([dept('a', { score: 0.8004, resolution: 0.7 }), dept('b', { score: 0.7996, resolution: 0.9 })])).toEqual(['b', 'a'])
    expect(order([dept('a', { score: 0.8, resolution: 0.7 }), dept('b', { score: 0.81, resolution: 0.9 })])).toEqual(['b', 'a'])
  })
  test('then 响应率, then fewer overdue now, then the zone\'s order, then the name', () => {
    expect(order([dept('a', { response: 0.5 }), dept('b', { response: 0.6 })])).toEqual(['b', 'a'])
    expect(order([dept('a', { overdue: 2 }), dept('b', { overdue: 1 })])).toEqual(['b', 'a'])
    expect(order([dept('a', { order: 3 }), dept('b', { order: 2 })])).toEqual(['b', 'a'])
    // Names in code-unit order, as the database sorts strings: 住 (U+4F4F) before 商 (U+5546).
    expect(order([dept('z', { name: '商务局' }), dept('y', { name: '住建局' })])).toEqual(['y', 'z'])
  })
  test('a department without 综合分 gets no rank', () => {
    expect(rankDepartments([dept('a', { score: null }), dept('b', {})])).toEqual(new Map([['b', 1]]))
  })
})

test('红榜 / 黑榜 take min(3, ⌊n/2⌋) from each end, so nobody is on both', () => {
  expect(honourBoards([])).toEqual({ red: [], black: [] })
  expect(honourBoards(['a'])).toEqual({ red: [], black: [] })
  expect(honourBoards(['a', 'b', 'c'])).toEqual({ red: ['a'], black: ['c'] })
  expect(honourBoards(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])).toEqual({ red: ['a', 'b', 'c'], black: ['f', 'g', 'h'] })
})

test('changes are taken between the values as shown, in points, and read ↑ / ↓ / 持平 / —', () => {
  expect(rateChange(0.8534, 0.8)).toBe(5.3)
  expect(rateChange(0.5, 0.5)).toBe(0)
  expect(rateChange(null, 0.5)).toBeNull()
  expect([changeText(5.3), changeText(-25), changeText(0), changeText(null), changeText(3, true)]).toEqual(['↑5.3', '↓25.0', '持平', '—', '↑3'])
})

describe('periods', () => {
  test('a month and a quarter as Shanghai instants, with their titles', () => {
    expect(bulletinPeriod('2026-11')).toEqual({ key: '2026-11', kind: 'month', from: sh('2026-11-01T00:00:00'), to: sh('2026-12-01T00:00:00'), label: '2026年11月' })
    expect(bulletinPeriod('2026-Q4')).toEqual({ key: '2026-Q4', kind: 'quarter', from: sh('2026-10-01T00:00:00'), to: sh('2027-01-01T00:00:00'), label: '2026年第4季度' })
    expect(['2026-13', '2026-Q5', '26-11', '1999-01', '2026-1'].map(bulletinPeriod)).toEqual([undefined, undefined, undefined, undefined, undefined])
  })
  test('last month and last quarter from a moment, across the year', () => {
    expect(bulletinKeyAt('month', sh('2027-01-04T08:00:00'), 1)).toBe('2026-12')
    expect(bulletinKeyAt('quarter', sh('2027-01-04T08:00:00'), 1)).toBe('2026-Q4')
    expect(bulletinKeyAt('month', sh('2026-12-01T00:00:00'))).toBe('2026-12')
  })
  test('the first working day of a month skips weekends and holidays (2026: 国庆 10-01 … 10-07)', () => {
    const cal = buildCalendar([])
    expect(['2026-10', '2026-11', '2026-12', '2027-01'].map((m) => firstWorkingDayOfMonth(cal, m))).toEqual(['2026-10-08', '2026-11-02', '2026-12-01', '2027-01-04'])
  })
})
