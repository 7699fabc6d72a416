import './support/quiet'
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import IssuePage from '../../src/pages/issue/index'
import { answer, callsOf, resetApi } from './support/fakeApi'
import { detail, issue, who } from './support/fixtures'
import { forgetWhoAmI } from '../../src/hooks/useWhoAmI'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())
jest.mock('../../src/hooks/useParams', () => ({ useParams: () => ({ id: 'i1' }) }))
const { ApiError } = jest.requireActual('../../src/api')

beforeEach(() => {
  resetApi()
  forgetWhoAmI()
  answer('me.whoami', who({ roles: ['liaison'] }))
  ;(Taro.showModal as jest.Mock).mockClear()
  ;(Taro.showToast as jest.Mock).mockClear()
})

describe('the issue page', () => {
  it('shows exactly the actions the server allows, and the whole timeline in Chinese', async () => {
    answer('issues.get', detail({ actions: ['confirm', 'note'] }))
    render(<IssuePage />)
    const actions = await screen.findByTestId('actions')
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['确认评价', '记录进展'])
    expect(screen.queryByText('签收')).toBeNull()
    expect(screen.getByText('企业提出问题')).toBeTruthy()
    expect(screen.getByText('服务专员交办：主办 住建局')).toBeTruthy()
    // The enterprise does not read the desk's internal steps: a department's return and its reason.
    expect(screen.queryByText(/退回/)).toBeNull()
    expect(screen.getByText('待您确认')).toBeTruthy()
  })

  it('shows no action buttons to someone who may only read', async () => {
    answer('issues.get', detail({ issue: issue({}, 'lead'), viewer: 'lead', actions: [], role: 'handler', label: '待企业确认' }))
    render(<IssuePage />)
    await screen.findByText('待企业确认')
    expect(screen.queryByTestId('actions')).toBeNull()
  })

  it('asks once when 部分解决 comes with 满意, then resends on purpose with the version seen', async () => {
    answer('issues.get', detail())
    answer('issues.act', (input: any) => {
      if (!input.command.acknowledgeMismatch) throw new ApiError('CONFIRMATION_MISMATCH', 'mismatch')
      return detail({ issue: issue({ state: 'closed', version: 8 }), label: '已办结', actions: [] })
    })
    render(<IssuePage />)
    fireEvent.click(await screen.findByText('确认评价'))
    await act(async () => undefined) // the sheet loads who I am
    fireEvent.click(screen.getByText('部分解决'))
    fireEvent.click(screen.getByText('满意'))
    fireEvent.click(screen.getByText('提交评价'))
    await waitFor(() => expect(callsOf('issues.act')).toHaveLength(2))
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '您选择了「部分解决」却评价「满意」，确认提交吗？' }))
    const [first, second] = callsOf('issues.act')
    expect(first.input).toEqual({ issueId: 'i1', expectedVersion: 7, clientRequestId: expect.any(String), command: { action: 'confirm', resolution: 'partly', rating: 'satisfied', comment: undefined } })
    expect(second.input.clientRequestId).toBe(first.input.clientRequestId) // the same attempt, sent on purpose
    expect(second.input.command.acknowledgeMismatch).toBe(true)
    expect(await screen.findByText('已办结')).toBeTruthy()
  })

  it('does not resend when the liaison wants to change the answers', async () => {
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    answer('issues.get', detail())
    answer('issues.act', () => {
      throw new ApiError('CONFIRMATION_MISMATCH', 'mismatch')
    })
    render(<IssuePage />)
    fireEvent.click(await screen.findByText('确认评价'))
    await act(async () => undefined) // the sheet loads who I am
    fireEvent.click(screen.getByText('未解决'))
    fireEvent.click(screen.getByText('满意'))
    fireEvent.click(screen.getByText('提交评价'))
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled())
    expect(callsOf('issues.act')).toHaveLength(1)
    expect(screen.getByText('提交评价')).toBeTruthy()
  })

  it('refreshes and says so when someone else acted first (CONFLICT)', async () => {
    answer('issues.get', detail({ issue: issue({ state: 'dispatched' }, 'lead'), viewer: 'lead', role: 'handler', label: '待签收', actions: ['sign_for', 'return'] }))
    answer('issues.act', () => {
      throw new ApiError('CONFLICT', 'version')
    })
    render(<IssuePage />)
    fireEvent.click(await screen.findByText('签收'))
    await act(async () => undefined) // the sheet loads who I am
    answer('issues.get', detail({ issue: issue({ state: 'in_progress', version: 8 }, 'lead'), viewer: 'lead', role: 'handler', label: '办理中', actions: ['answer'] }))
    fireEvent.click(screen.getByText('确认签收'))
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已被他人处理，已为您刷新' })))
    expect(await screen.findByText('办理中')).toBeTruthy()
    expect(callsOf('issues.get')).toHaveLength(2)
  })

  it('shows the reviewer the reply lint flags as warnings', async () => {
    answer('issues.get', detail({ issue: issue({ state: 'under_review' }, 'staff'), viewer: 'staff', role: 'staff', label: '待审核', actions: ['review'], lint: [{ word: '尽快', hint: '请给出具体日期或期限', index: 3 }] }))
    render(<IssuePage />)
    fireEvent.click(await screen.findByText('督核'))
    await act(async () => undefined) // the sheet loads who I am
    expect(within(screen.getByTestId('lint')).getByText('「尽快」请给出具体日期或期限')).toBeTruthy()
    expect(screen.getByText('企业的每一项诉求是否都已答复？')).toBeTruthy()
  })
})

describe('dispatching', () => {
  it('offers every department of the zone and sends the command with the version seen', async () => {
    answer('issues.get', detail({ issue: issue({ state: 'submitted', leadDepartmentId: undefined, answer: undefined }, 'staff'), viewer: 'staff', role: 'staff', label: '待交办', actions: ['dispatch', 'decline'], departments: {} }))
    answer('org.listDepartments', [{ _id: 'd_zj', name: '住建局', order: 1 }, { _id: 'd_sw', name: '商务局', order: 2 }])
    answer('issues.act', detail({ issue: issue({ state: 'dispatched', version: 8 }, 'staff'), viewer: 'staff', role: 'staff', label: '待签收', actions: [] }))
    render(<IssuePage />)
    fireEvent.click(await screen.findByText('交办'))
    await act(async () => undefined) // the sheet loads who I am
    fireEvent.click((await screen.findAllByText('住建局'))[0])
    fireEvent.click(screen.getAllByText('商务局')[1]) // [0] is in the lead row
    fireEvent.click(screen.getByText('确认交办'))
    await waitFor(() => expect(callsOf('issues.act')).toHaveLength(1))
    expect(callsOf('issues.act')[0].input).toEqual({
      issueId: 'i1',
      expectedVersion: 7,
      clientRequestId: expect.any(String),
      command: { action: 'dispatch', leadDepartmentId: 'd_zj', assistDepartmentIds: ['d_sw'], category: 'utilities', complexity: 'complex', urgency: 'normal' },
    })
  })
})
