import './support/quiet'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { VisitRecord, VisitSummary } from '../../src/domain/visitRecord'
import { forgetWhoAmI } from '../../src/hooks/useWhoAmI'
import Board from '../../src/pages/board/index'
import VisitRecordPage from '../../src/pkg-work/pages/visit-record/index'
import Visits from '../../src/pkg-work/pages/visits/index'
import { answer, callsOf, resetApi } from './support/fakeApi'
import { UI_NOW, board, project, who } from './support/fixtures'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())
jest.mock('../../src/hooks/useParams', () => ({ useParams: () => ({ visitId: 'p1_2026-W47', projectId: 'p1' }) }))

const base = {
  _id: 'p1_2026-W47', projectId: 'p1', projectName: '智能装备产业园', enterpriseName: '鲁南机床', weekKey: '2026-W47',
  plannedDate: '2026-11-18', status: 'done' as const, completedAt: UI_NOW - 3_600_000,
  attendees: [{ name: '周厂长', side: 'enterprise' as const, title: '生产副总' }, { name: '钱科长', side: 'government' as const }],
  minutes: '四季度订单饱满。\n希望协调夜间物流通行。',
}
const forLiaison: VisitRecord = { ...base, viewer: 'liaison' }
const forTeam: VisitRecord = {
  ...base,
  viewer: 'staff',
  author: { teamName: '第一服务专班', completedBy: '李明' },
  checkIn: { latitude: 30.297, longitude: 120.15, accuracy: 20, at: UI_NOW - 7_200_000, distanceMeters: 3002, far: true, farMeters: 1000 },
  photos: [{ id: 'cloud://env/uploads/o1/visits/202611/a.jpg', url: 'https://files.example/a.jpg?sign=1' }, { id: 'cloud://env/uploads/o1/visits/202611/b.jpg' }],
  issuesRaised: [{ _id: 'i9', caseNo: '2026-000042', title: '物流车辆夜间通行', state: 'submitted' }],
  followUps: [{ issue: { _id: 'i1', caseNo: '2026-000007', title: '厂区道路积水', state: 'in_progress' }, note: '排水工程已开工' }],
}

beforeEach(() => {
  resetApi()
  forgetWhoAmI()
  ;(Taro.navigateTo as jest.Mock).mockClear()
})

describe('the visit record page', () => {
  it('shows the liaison the attendees and the minutes, and nothing the reply does not hold', async () => {
    answer('visits.record', forLiaison)
    render(<VisitRecordPage />)
    expect(await screen.findByText('走访纪要')).toBeTruthy()
    expect(callsOf('visits.record')[0].input).toEqual({ visitId: 'p1_2026-W47' })
    expect(screen.getByText('参加人（2）')).toBeTruthy()
    expect(screen.getByText(/周厂长（生产副总） · 企业方/)).toBeTruthy()
    expect(screen.getByText(/四季度订单饱满。\s*希望协调夜间物流通行。/)).toBeTruthy()
    for (const heading of ['签到地点', /^照片/, /^回头看/, /本次走访提出的问题/, /第一服务专班/]) expect(screen.queryByText(heading)).toBeNull()
  })

  it('shows the team who, when, where — 3.0 公里 from the site, flagged — the photos, the issues by case number and the 回头看', async () => {
    answer('visits.record', forTeam)
    const { container } = render(<VisitRecordPage />)
    expect(await screen.findByText('签到地点')).toBeTruthy()
    expect(screen.getByText('第一服务专班 · 李明 提交')).toBeTruthy()
    expect(screen.getByText('距项目地址 3.0 公里')).toBeTruthy()
    expect(screen.getByText('签到地点距项目超过 1.0 公里')).toBeTruthy()
    expect(screen.getByText(/定位精度 20 米/)).toBeTruthy()
    expect(container.querySelector('img')?.getAttribute('src')).toBe('https://files.example/a.jpg?sign=1')
    expect(screen.getByText('照片已失效')).toBeTruthy()
    expect(screen.getByText('2026-000042')).toBeTruthy()
    expect(screen.getByText('回头看（1）')).toBeTruthy()
    expect(screen.getByText('排水工程已开工')).toBeTruthy()
    fireEvent.click(screen.getByText('厂区道路积水'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/issue/index?id=i1' })
  })

  it('says so when the project has no location, and when the week\'s visit is not done yet', async () => {
    const { distanceMeters: _d, far: _f, farMeters: _m, ...unplaced } = forTeam.checkIn!
    answer('visits.record', { ...forTeam, status: 'planned', completedAt: undefined, checkIn: unplaced })
    render(<VisitRecordPage />)
    expect(await screen.findByText('项目未设置位置，无法计算签到距离')).toBeTruthy()
    expect(screen.getByText('本周走访尚未完成，完成后这里显示走访记录')).toBeTruthy()
    expect(screen.queryByText(/签到地点距项目超过/)).toBeNull()
  })
})

const summary = (over: Partial<VisitSummary> = {}): VisitSummary => ({
  _id: 'p1_2026-W47', projectId: 'p1', weekKey: '2026-W47', plannedDate: '2026-11-18', status: 'done', completedAt: UI_NOW - 3_600_000,
  firstLine: '四季度订单饱满。', attendeeCount: 2, ...over,
})

describe('where records are opened from', () => {
  it('the board\'s 走访记录: a liaison opens a completed visit\'s record', async () => {
    answer('me.whoami', who({ roles: ['liaison'], projects: [project] }))
    answer('projects.board', board({ recentVisits: [summary()] }))
    render(<Board />)
    expect(await screen.findByText('走访记录')).toBeTruthy()
    expect(screen.getByText('四季度订单饱满。')).toBeTruthy()
    expect(screen.getByText('参加 2 人')).toBeTruthy()
    fireEvent.click(screen.getByText('查看走访记录 ›'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-work/pages/visit-record/index?visitId=p1_2026-W47' })
    fireEvent.click(screen.getByText('全部走访记录 ›'))
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pkg-work/pages/visits/index?projectId=p1' })
  })

  it('the visit list: done weeks open their record, a missed one does not; the team sees the far flag', async () => {
    answer('visits.listByProject', {
      items: [
        summary({ far: true, checkedIn: true, photoCount: 3, followUpCount: 1 }),
        summary({ _id: 'p1_2026-W46', weekKey: '2026-W46', status: 'missed', completedAt: undefined, firstLine: undefined, attendeeCount: 0 }),
      ],
    })
    render(<Visits />)
    expect(await screen.findByText('2026-W47 走访')).toBeTruthy()
    expect(screen.getByText('签到地点距项目较远')).toBeTruthy()
    expect(screen.getByText('参加 2 人 · 照片 3 张 · 回头看 1 条')).toBeTruthy()
    expect(screen.getAllByText('查看走访记录 ›')).toHaveLength(1)
    fireEvent.click(screen.getByText('2026-W46 走访'))
    fireEvent.click(screen.getByText('2026-W47 走访'))
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledTimes(1))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-work/pages/visit-record/index?visitId=p1_2026-W47' })
  })
})
