import './support/quiet'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { CoverageRow } from '../../src/domain/contract/visits'
import { addWeeks, weekKey } from '../../src/domain/time'
import DashboardPage from '../../src/pkg-admin/pages/dashboard/index'
import { coverageWeeks } from '../../src/pkg-admin/pages/dashboard/useCoverage'
import { type PeriodKind, periodFor } from '../../src/domain/period'
import { UI_NOW } from './support/fixtures'
import { answer, callsOf, resetApi } from './support/fakeApi'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())

const metric = { key: 'response', label: '响应率', kind: 'rate', numerator: 1, denominator: 2, value: 0.5 }
const days = { count: 0, median: null, capped: false, histogram: [] }
const summary = {
  dashboard: { period: { from: 0, to: 1 }, now: 0, weights: {}, metrics: { response: metric }, answerDays: { key: 'answerDays', label: '答复', ...days }, firstContactDays: { key: 'firstContactDays', label: '首次联系', ...days } },
  weekly: [],
}
const row = (weekKey: string, done: number, missed: number): CoverageRow => ({ weekKey, activeProjects: 20, done, missed, planned: 20 - done - missed })

beforeEach(() => {
  resetApi()
  answer('dashboard.summary', (input: { period: { kind: PeriodKind } }) => ({ ...summary, dashboard: { ...summary.dashboard, period: periodFor(input.period.kind, UI_NOW), now: UI_NOW } }))
})

describe('走访覆盖 on the dashboard', () => {
  it('shows done / active and missed per week, most recent first, for the period\'s weeks', async () => {
    const now = weekKey(UI_NOW)
    answer('visits.coverage', [row(addWeeks(now, -1), 18, 2), row(now, 5, 0)])
    render(<DashboardPage />)
    expect(await screen.findByText('走访覆盖')).toBeTruthy()
    expect(await screen.findByText('18 / 20')).toBeTruthy()
    expect(screen.getByText('未走访 2')).toBeTruthy()
    const weeks = Array.from(document.querySelectorAll('[data-week]')).map((e) => e.getAttribute('data-week'))
    expect(weeks).toEqual([now, addWeeks(now, -1)])
    expect(callsOf('visits.coverage')[0].input).toEqual(coverageWeeks(periodFor('month', UI_NOW), UI_NOW))
  })

  it('asks for at most the latest 13 weeks of the year, up to this week', async () => {
    answer('visits.coverage', [])
    render(<DashboardPage />)
    await screen.findByText('本期还没有走访计划')
    fireEvent.click(screen.getByText('本年'))
    await waitFor(() => expect(callsOf('visits.coverage')).toHaveLength(2))
    const { fromWeek, toWeek } = callsOf('visits.coverage')[1].input
    expect(toWeek).toBe(weekKey(UI_NOW))
    expect(fromWeek >= addWeeks(toWeek, -12)).toBe(true)
  })

  it('shows 13 rows at most', () => {
    const p = { from: Date.parse('2026-01-01T00:00:00+08:00'), to: Date.parse('2027-01-01T00:00:00+08:00') }
    expect(coverageWeeks(p, Date.parse('2026-11-25T10:00:00+08:00'))).toEqual({ fromWeek: '2026-W36', toWeek: '2026-W48' })
  })
})
