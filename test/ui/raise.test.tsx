import './support/quiet'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Raise from '../../src/pages/raise/index'
import { answer, callsOf, resetApi } from './support/fakeApi'
import { detail, who } from './support/fixtures'
import { platform } from '../../src/platform/seam'
import { forgetWhoAmI } from '../../src/hooks/useWhoAmI'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())
jest.mock('../../src/hooks/useParams', () => ({ useParams: () => ({ projectId: 'p1', source: 'group' }) }))

beforeEach(() => {
  resetApi()
  forgetWhoAmI()
  answer('me.whoami', who({ roles: ['liaison'] }))
  Taro.removeStorageSync('draft:raise:p1:group')
})

function fill(container: HTMLElement) {
  fireEvent.click(screen.getByText('水电气路'))
  fireEvent.change(container.querySelector('input[name="title"]')!, { target: { value: '厂区道路积水' } })
  fireEvent.change(container.querySelector('textarea[name="description"]')!, { target: { value: '雨后门口积水，货车进出困难' } })
}

describe('raising an issue', () => {
  it('keeps the draft when the user leaves the page and comes back', async () => {
    const first = render(<Raise />)
    await act(async () => undefined)
    fill(first.container)
    first.unmount()
    const again = render(<Raise />)
    await act(async () => undefined)
    expect((again.container.querySelector('input[name="title"]') as HTMLInputElement).value).toBe('厂区道路积水')
    expect((again.container.querySelector('textarea[name="description"]') as HTMLTextAreaElement).value).toBe('雨后门口积水，货车进出困难')
    expect(screen.getByText('已恢复您上次未提交的内容')).toBeTruthy()
  })

  it('submits once for a double tap, with one clientRequestId, and asks for subscriptions on the tap', async () => {
    let release!: () => void
    answer('issues.raise', () => new Promise((r) => (release = () => r(detail()))))
    const subscribe = jest.spyOn(platform, 'requestSubscribe')
    const { container } = render(<Raise />)
    await act(async () => undefined) // whoami (with the template ids) has loaded
    fill(container)
    const submit = screen.getByText('提交')
    fireEvent.click(submit)
    fireEvent.click(submit)
    await waitFor(() => expect(callsOf('issues.raise')).toHaveLength(1))
    await act(async () => release())
    expect(callsOf('issues.raise')).toHaveLength(1)
    const sent = callsOf('issues.raise')[0].input
    expect(sent).toMatchObject({ projectId: 'p1', source: 'group', category: 'utilities', title: '厂区道路积水', urgency: 'normal' })
    expect(sent.clientRequestId).toMatch(/^[A-Za-z0-9]{24}$/)
    expect(subscribe).toHaveBeenCalledTimes(1)
    expect(subscribe).toHaveBeenCalledWith(['TPL_STATUS'])
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/issue/index?id=i1' }))
  })

  it('retries a failed submit with the same clientRequestId and keeps the draft meanwhile', async () => {
    const { ApiError } = jest.requireActual('../../src/api')
    answer('issues.raise', () => {
      throw new ApiError('NETWORK', 'offline')
    })
    const { container } = render(<Raise />)
    await act(async () => undefined)
    fill(container)
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(callsOf('issues.raise')).toHaveLength(1))
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络连接失败' })))
    answer('issues.raise', detail())
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(callsOf('issues.raise')).toHaveLength(2))
    const [a, b] = callsOf('issues.raise')
    expect(b.input.clientRequestId).toBe(a.input.clientRequestId)
  })

  it('refuses to send without a category and says what is missing', async () => {
    render(<Raise />)
    await act(async () => undefined)
    fireEvent.click(screen.getByText('提交'))
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请选择问题类别' })))
    expect(callsOf('issues.raise')).toHaveLength(0)
  })
})
