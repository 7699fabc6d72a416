import './support/quiet'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { forgetWhoAmI } from '../../src/hooks/useWhoAmI'
import Index from '../../src/pages/index/index'
import { absolutePath, links } from '../../src/domain/links'
import { answer, callsOf, resetApi } from './support/fakeApi'
import { card, project, who } from './support/fixtures'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())

const navigateTo = Taro.navigateTo as jest.Mock

beforeEach(() => {
  resetApi()
  forgetWhoAmI()
  navigateTo.mockClear()
})

async function landing(me: ReturnType<typeof who>) {
  answer('me.whoami', me)
  answer('issues.list', { items: [] })
  render(<Index />)
  await act(async () => undefined)
}

describe('home routes each user by role', () => {
  it('takes a liaison of one project straight to that project board', async () => {
    await landing(who({ roles: ['liaison'], projects: [project] }))
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: absolutePath(links.board({ projectId: 'p1' })) }))
  })

  it('lists the projects of a liaison of several projects instead of guessing', async () => {
    await landing(who({ roles: ['liaison'], projects: [project, { ...project, _id: 'p2', name: '新能源电池' }] }))
    expect(await screen.findByText('新能源电池')).toBeTruthy()
    expect(navigateTo).not.toHaveBeenCalled()
  })

  it('takes a service team member to this week\'s visits', async () => {
    await landing(who({ roles: ['staff'], team: { _id: 't1', name: '第一服务专班' } }))
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: absolutePath(links.week({})) }))
  })

  it('takes a department handler to the department\'s to-do queue', async () => {
    await landing(who({ roles: ['handler'], department: { _id: 'd_zj', name: '住建局' } }))
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: absolutePath(links.queue({})) }))
  })

  it('shows a manager the calendar task, the entries and the issues under 督办', async () => {
    answer('me.whoami', who({ roles: ['manager'], calendarTasks: [2027] }))
    answer('issues.list', { items: [card({ title: '土地证办理滞后', supervised: true, label: '办理中 · 督办' })] })
    render(<Index />)
    expect(await screen.findByText('2027 年放假安排未录入')).toBeTruthy()
    expect(screen.getByText('数据看板')).toBeTruthy()
    expect(await screen.findByText('土地证办理滞后')).toBeTruthy()
    expect(callsOf('issues.list')[0].input).toMatchObject({ supervised: true, state: 'open' })
    expect(navigateTo).not.toHaveBeenCalled()
  })

  it('lets a newcomer join with an invite code and then shows their role', async () => {
    let joined = false
    answer('me.whoami', () => (joined ? who({ roles: ['staff'], name: '李明' }) : who()))
    answer('me.acceptInvite', () => {
      joined = true
      return who({ roles: ['staff'] })
    })
    const { container } = render(<Index />)
    await screen.findByText('填写邀请码')
    fireEvent.change(container.querySelector('input[name="code"]')!, { target: { value: 'ab12cd34' } })
    fireEvent.change(container.querySelector('input[name="name"]')!, { target: { value: '李明' } })
    fireEvent.click(screen.getByText('加入'))
    await waitFor(() => expect(callsOf('me.acceptInvite')).toHaveLength(1))
    expect(callsOf('me.acceptInvite')[0].input).toEqual({ code: 'AB12CD34', name: '李明' })
    expect(await screen.findByText(/李明 · 服务专员/)).toBeTruthy()
  })

  it('shows the Chinese message and 重试 when whoami fails', async () => {
    const { ApiError } = jest.requireActual('../../src/api')
    answer('me.whoami', () => {
      throw new ApiError('NETWORK', 'timeout')
    })
    render(<Index />)
    expect(await screen.findByText('网络连接失败')).toBeTruthy()
    answer('me.whoami', who({ roles: ['manager'] }))
    answer('issues.list', { items: [] })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('数据看板')).toBeTruthy()
  })
})
