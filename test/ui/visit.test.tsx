import './support/quiet'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import VisitPage from '../../src/pkg-work/pages/visit/index'
import { answer, callsOf, resetApi } from './support/fakeApi'
import { UI_NOW, board } from './support/fixtures'
import type { Contract, OutputOf } from '../../src/domain/contract'
import type { Visit } from '../../src/domain/types'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())
jest.mock('../../src/hooks/useParams', () => ({ useParams: () => ({ visitId: 'p1_2026-W48' }) }))
const { ApiError } = jest.requireActual('../../src/api')

const visit = (over: Partial<Visit> = {}): OutputOf<Contract['visits']['get']> => ({
  _id: 'p1_2026-W48', projectId: 'p1', teamId: 't1', weekKey: '2026-W48', plannedDate: '2026-11-25', status: 'planned',
  attendees: [], minutes: '', photos: [], issueIds: [], followUps: [], agenda: [], version: 1, createdAt: 0, updatedAt: 0,
  agendaDraft: ['跟进：厂区道路积水'], issues: [], ...over,
})

beforeEach(() => {
  resetApi()
  Taro.removeStorageSync('draft:visit:p1_2026-W48')
  answer('visits.get', visit())
  answer('projects.board', board())
})

async function writeLog(container: HTMLElement) {
  await screen.findByText('回头看：项目未办结的问题')
  fireEvent.change(container.querySelector('input[name="attendeeName"]')!, { target: { value: '张总' } })
  fireEvent.click(screen.getByText('添加参加人'))
  fireEvent.change(container.querySelector('textarea[name="minutes"]')!, { target: { value: '企业扩产，用工缺口 50 人' } })
  fireEvent.change(await waitFor(() => container.querySelector('textarea[name="followUp-i1"]')!), { target: { value: '排水已开工' } })
}

describe('the visit log', () => {
  it('resumes the whole draft after the page is closed (a crash, a lost connection)', async () => {
    const first = render(<VisitPage />)
    await writeLog(first.container)
    first.unmount()
    const again = render(<VisitPage />)
    expect(await screen.findByText('已恢复本机保存的走访草稿')).toBeTruthy()
    expect(screen.getByText(/张总/)).toBeTruthy()
    expect((again.container.querySelector('textarea[name="minutes"]') as HTMLTextAreaElement).value).toBe('企业扩产，用工缺口 50 人')
    await waitFor(() => expect((again.container.querySelector('textarea[name="followUp-i1"]') as HTMLTextAreaElement).value).toBe('排水已开工'))
  })

  it('keeps the draft and says so when the submit fails, then sends it once with the same clientRequestId', async () => {
    answer('visits.complete', () => {
      throw new ApiError('NETWORK', 'offline')
    })
    const { container } = render(<VisitPage />)
    await writeLog(container)
    fireEvent.click(screen.getByText('提交走访记录'))
    expect(await screen.findByText('提交失败，草稿已保存在本机，网络恢复后可再次提交')).toBeTruthy()
    answer('visits.complete', visit({ status: 'done', completedAt: UI_NOW }))
    fireEvent.click(screen.getByText('提交走访记录'))
    await waitFor(() => expect(callsOf('visits.complete')).toHaveLength(2))
    const [a, b] = callsOf('visits.complete')
    expect(b.input.clientRequestId).toBe(a.input.clientRequestId)
    expect(b.input).toMatchObject({
      visitId: 'p1_2026-W48',
      attendees: [{ name: '张总', side: 'enterprise', title: '' }],
      minutes: '企业扩产，用工缺口 50 人',
      followUps: [{ issueId: 'i1', note: '排水已开工' }],
    })
    expect(await screen.findByText(/已完成/)).toBeTruthy()
    expect(Taro.getStorageSync('draft:visit:p1_2026-W48')).toBe('')
  })

  it('counts the minutes and a 回头看 note, and refuses an over-long one with the count instead of cutting it', async () => {
    const { container } = render(<VisitPage />)
    await writeLog(container)
    expect(screen.getByText('14/5000')).toBeTruthy()
    fireEvent.change(container.querySelector('textarea[name="minutes"]')!, { target: { value: '字'.repeat(5003) } })
    expect(screen.getByText('超出 3 字 · 5003/5000')).toBeTruthy()
    expect((container.querySelector('textarea[name="minutes"]') as HTMLTextAreaElement).value).toHaveLength(5003)
    fireEvent.click(screen.getByText('提交走访记录'))
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith({ title: '暂不能提交', content: '走访纪要最多 5000 字，现在 5003 字，请删减后再提交', showCancel: false }))
    fireEvent.change(container.querySelector('textarea[name="minutes"]')!, { target: { value: '短纪要' } })
    fireEvent.change(container.querySelector('textarea[name="followUp-i1"]')!, { target: { value: '进'.repeat(501) } })
    fireEvent.click(screen.getByText('提交走访记录'))
    await waitFor(() => expect(Taro.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ content: '回头看记录每条最多 500 字，「厂区道路积水」的记录现在 501 字，请删减后再提交' })))
    expect(callsOf('visits.complete')).toHaveLength(0)
  })

  it('a completed visit links to its record', async () => {
    answer('visits.get', visit({ status: 'done', completedAt: UI_NOW }))
    render(<VisitPage />)
    fireEvent.click(await screen.findByText('查看走访记录 ›'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pkg-work/pages/visit-record/index?visitId=p1_2026-W48' })
  })

  it('checks in with the location and its accuracy', async () => {
    answer('visits.checkIn', visit())
    render(<VisitPage />)
    fireEvent.click(await screen.findByText('定位签到'))
    expect(await screen.findByText(/精度 30 米/)).toBeTruthy()
    expect(callsOf('visits.checkIn')[0].input).toEqual({ visitId: 'p1_2026-W48', location: { latitude: 34.81, longitude: 117.32, accuracy: 30 } })
  })
})
