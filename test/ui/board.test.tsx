import './support/quiet'
import { render, screen, waitFor } from '@testing-library/react'
import { forgetWhoAmI } from '../../src/hooks/useWhoAmI'
import Board from '../../src/pages/board/index'
import { answer, callsOf, resetApi } from './support/fakeApi'
import { board, project, who } from './support/fixtures'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())
let mockParams: Record<string, string> = {}
jest.mock('../../src/hooks/useParams', () => ({ useParams: () => mockParams }))
const mockGroup = { opened: false }
jest.mock('../../src/platform/seam', () => {
  const actual = jest.requireActual('../../src/platform/seam').platform
  return { platform: { ...actual, openedFromGroup: () => mockGroup.opened, groupCloudId: async () => (mockGroup.opened ? { $cloudID: 'CID-1' } : undefined) } }
})

const mockShare: { fn?: (res: any) => { title: string; path: string } } = {}
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  return { __esModule: true, ...actual, default: actual.default, useShareAppMessage: (fn: any) => void (mockShare.fn = fn) }
})

beforeEach(() => {
  resetApi()
  forgetWhoAmI()
  mockGroup.opened = false
  mockParams = { projectId: 'p1' }
})

describe('the project board', () => {
  it('shows the open issues with their state labels and ladder, the recently closed and the digest', async () => {
    answer('me.whoami', who({ roles: ['liaison'], projects: [project] }))
    answer('projects.board', board())
    render(<Board />)
    expect(await screen.findByText('厂区道路积水')).toBeTruthy()
    expect(screen.getByText('部门办理中')).toBeTruthy()
    expect(screen.getByText('待受理')).toBeTruthy()
    expect(screen.getByText('黄牌')).toBeTruthy()
    expect(screen.getByText('电力增容')).toBeTruthy()
    expect(screen.getByText('办理中的问题（2）')).toBeTruthy()
    expect(screen.getByText('我要反映问题')).toBeTruthy()
  })

  it('opened from a group card, enters the group with its CloudID as a top-level field before reading the board', async () => {
    mockGroup.opened = true
    mockParams = { projectId: 'p1', bindToken: 'abcdefghijklmnop1234' }
    answer('me.enter', { project, member: true, boundNow: true })
    answer('me.whoami', who({ projects: [project], unregisteredIn: ['p1'] }))
    answer('projects.board', board())
    render(<Board />)
    expect(await screen.findByText('本群已绑定到此项目，群成员从卡片进入即可反映问题')).toBeTruthy()
    const enter = callsOf('me.enter')[0]
    expect(enter.input).toEqual({ projectId: 'p1', bindToken: 'abcdefghijklmnop1234' })
    expect(enter.extra).toEqual({ group: { $cloudID: 'CID-1' } })
    // The notice shows from me.enter; the registration button once whoami and the board have answered.
    expect(await screen.findByText('登记为企业联络员')).toBeTruthy()
  })

  it('shows why a binding was refused and still opens the group\'s own project', async () => {
    mockGroup.opened = true
    mockParams = { projectId: 'p9', bindToken: 'abcdefghijklmnop1234' }
    answer('me.enter', { project, member: true, boundNow: false, refused: { code: 'GROUP_ALREADY_BOUND', message: '本群已绑定项目「智能装备产业园」，一个群只能绑定一个项目' } })
    answer('me.whoami', who({ roles: ['liaison'], projects: [project] }))
    answer('projects.board', board())
    render(<Board />)
    expect(await screen.findByText('本群已绑定项目「智能装备产业园」，一个群只能绑定一个项目')).toBeTruthy()
    await waitFor(() => expect(callsOf('projects.board')[0]?.input).toEqual({ projectId: 'p1' }))
  })

  it('lets a team member share this week\'s digest card into the group and records the share', async () => {
    answer('me.whoami', who({ roles: ['staff'], team: { _id: 't1', name: '第一服务专班' } }))
    answer('projects.board', board())
    answer('projects.digest', { title: '本周走访待开展｜在办 2 · 本周办结 1 · 超期 0', path: '/pages/board/index?projectId=p1&from=digest', figures: board().digest, sharedThisWeek: false })
    answer('projects.digestShared', { weekKey: '2026-W48', sharedAt: 1, sharedBy: 'o_test', first: true })
    render(<Board />)
    expect(await screen.findByText('分享本周简报到项目群')).toBeTruthy()
    const card = mockShare.fn!({ from: 'button', target: { dataset: { share: 'digest' } } })
    expect(card).toEqual({ title: '本周走访待开展｜在办 2 · 本周办结 1 · 超期 0', path: '/pages/board/index?projectId=p1&from=digest' })
    await waitFor(() => expect(callsOf('projects.digestShared')).toHaveLength(1))
    expect(mockShare.fn!({ from: 'menu' }).path).toBe('/pages/board/index?projectId=p1')
  })
})
