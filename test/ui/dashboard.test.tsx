import './support/quiet'
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { DashboardView } from '../../src/domain/contract/dashboard'
import type { Metric, MetricKey } from '../../src/domain/metrics/figures'
import DashboardPage from '../../src/pkg-admin/pages/dashboard/index'
import Drill from '../../src/pkg-admin/pages/drill/index'
import { answer, callsOf, resetApi } from './support/fakeApi'
import { card } from './support/fixtures'
import { absolutePath, links } from '../../src/domain/links'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())
let mockParams: Record<string, string> = {}
jest.mock('../../src/hooks/useParams', () => ({ useParams: () => mockParams }))

const m = (key: MetricKey, label: string, numerator: number, denominator: number, kind: Metric['kind'] = 'rate'): Metric => ({
  key, label, kind, numerator, denominator, value: denominator ? numerator / denominator : null,
})
const days = { count: 4, median: 3, capped: false, histogram: [] }
const view: DashboardView = {
  dashboard: {
    period: { from: 0, to: 1 }, now: 0, weights: { response: 30, resolution: 35, satisfaction: 35 },
    metrics: {
      response: m('response', '响应率', 9, 10), resolution: { ...m('resolution', '解决率', 6, 8), besides: [{ label: '部分解决', value: 0.25, kind: 'rate' }] },
      satisfaction: m('satisfaction', '满意率', 5, 6), onTime: m('onTime', '按期办结率', 7, 8), reopen: m('reopen', '重办率', 1, 8),
      returns: m('returns', '平均转派', 2, 10, 'average'), coverage: m('coverage', '走访覆盖率', 17, 20),
      score: { ...m('score', '综合分', 85, 100, 'score'), besides: [{ label: '响应率权重', value: 0.3, kind: 'rate' }] },
      overdue: m('overdue', '当前逾期', 2, 12),
    },
    answerDays: { key: 'answerDays', label: '答复用时中位数（工作日）', ...days },
    firstContactDays: { key: 'firstContactDays', label: '首次联系用时中位数（工作日）', ...days },
  },
  rows: [],
  weekly: [{ weekKey: '2026-W47', opened: 5, closed: 3 }, { weekKey: '2026-W48', opened: 4, closed: 6 }],
}

beforeEach(() => {
  resetApi()
  ;(Taro.navigateTo as jest.Mock).mockClear()
})

describe('the dashboard', () => {
  it('shows each rate with its numerator and denominator, the values beside it and the score weights', async () => {
    answer('dashboard.summary', view)
    render(<DashboardPage />)
    expect(await screen.findByText('90.0%')).toBeTruthy()
    expect(screen.getByText('9 / 10')).toBeTruthy()
    expect(screen.getByText('部分解决 25.0%')).toBeTruthy()
    expect(screen.getByText('85.0 分')).toBeTruthy()
    expect(screen.getByText('响应率权重 30.0%')).toBeTruthy()
    expect(screen.getByText('2 件')).toBeTruthy()
  })

  it('opens the issues behind a figure when it is tapped', async () => {
    answer('dashboard.summary', view)
    render(<DashboardPage />)
    fireEvent.click(await screen.findByText('解决率'))
    const { url } = (Taro.navigateTo as jest.Mock).mock.calls[0][0]
    const [route, search] = url.split('?')
    expect(route).toBe(absolutePath(links.drill.route))
    expect(callsOf('dashboard.summary')[0].input.period).toEqual({ kind: 'month' })
    expect(links.drill.parse(Object.fromEntries(new URLSearchParams(search)))).toEqual({ metric: 'resolution', part: 'denominator', from: String(view.dashboard.period.from), to: String(view.dashboard.period.to), label: '解决率' })
  })

  it('lists the drilled issues with the period and figure it came from', async () => {
    mockParams = { metric: 'resolution', part: 'denominator', from: '1000', to: '2000', label: '解决率' }
    answer('dashboard.drill', { total: 1, items: [card({ title: '电力增容', state: 'closed', label: '已办结' })] })
    render(<Drill />)
    expect(await screen.findByText('电力增容')).toBeTruthy()
    expect(callsOf('dashboard.drill')[0].input).toEqual({ period: { from: 1000, to: 2000 }, metric: 'resolution', part: 'denominator' })
  })
})
