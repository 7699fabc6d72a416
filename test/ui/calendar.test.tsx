import './support/quiet'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { estimateArrangement, packageArrangement } from '../../src/domain/calendar'
import type { CalendarView } from '../../src/domain/contract/org'
import CalendarPage from '../../src/pkg-admin/pages/calendar/index'
import { answer, callsOf, resetApi } from './support/fakeApi'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())
const { ApiError } = jest.requireActual('../../src/api')

const entered2028 = { ...estimateArrangement(2028), omitted: ['端午节' as const], enteredBy: 'o_manager', enteredAt: 1_800_000_000_000 }
entered2028.holidays = entered2028.holidays.filter((h) => h.name !== '端午节')
const view: CalendarView = {
  years: [
    { year: 2026, basis: 'package', effective: packageArrangement(2026) },
    { year: 2027, basis: 'statutory', effective: estimateArrangement(2027) },
    { year: 2028, basis: 'zone', arrangement: entered2028, effective: entered2028 },
  ],
  needsArrangement: [2027],
}

const nameInputs = () => Array.from(document.querySelectorAll<HTMLInputElement>('input[name^="holiday-"]'), (i) => i.value)

beforeEach(() => {
  resetApi()
  ;(Taro.showModal as jest.Mock).mockClear()
  answer('org.getCalendar', view)
})

describe('放假安排', () => {
  it('a year not entered opens with the seven holidays on their statutory dates, to be adjusted', async () => {
    render(<CalendarPage />)
    await screen.findByText('2027 年放假安排')
    expect(screen.getByText(/尚未录入。下面已按法定节假日预估填好/)).toBeTruthy()
    expect(nameInputs()).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'])
    expect(screen.getByText('2027-02-05')).toBeTruthy() // 春节 from 除夕
    expect(screen.getByText('端午节：已录入')).toBeTruthy()
    expect(screen.queryByText('本年不放假')).toBeNull()
  })

  it('a built-in year is read-only until 以本区录入覆盖, which opens the form on the built-in data', async () => {
    answer('org.setCalendarYear', { year: 2026, issuesMoved: 0 })
    render(<CalendarPage />)
    fireEvent.click(await screen.findByText('2026（内置数据）'))
    expect(await screen.findByText('2026 年放假安排（内置数据）')).toBeTruthy()
    expect(screen.getByText('2026-02-15 至 2026-02-23')).toBeTruthy()
    expect(screen.getByText('2026-01-04、2026-02-14、2026-02-28、2026-05-09、2026-09-20、2026-10-10')).toBeTruthy()
    expect(nameInputs()).toEqual([])
    expect(screen.queryByText('保存 2026 年安排')).toBeNull()

    fireEvent.click(screen.getByText('以本区录入覆盖'))
    expect(nameInputs()).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'])
    fireEvent.click(screen.getByText('保存 2026 年安排'))
    await waitFor(() => expect(callsOf('org.setCalendarYear')).toHaveLength(1))
    const { omitted, ...builtIn } = packageArrangement(2026)
    expect(omitted).toBeUndefined()
    expect(callsOf('org.setCalendarYear')[0].input).toEqual({ arrangement: builtIn })
    expect(await screen.findByText(/已保存 2026 年放假安排。未办结问题的期限均无变化。/)).toBeTruthy()
  })

  it('leaving a holiday out takes a tick and a confirmation; the save says how many deadlines moved', async () => {
    answer('org.setCalendarYear', { year: 2027, issuesMoved: 3 })
    render(<CalendarPage />)
    fireEvent.click(await screen.findByText('删除第 5 个假期'))
    expect(nameInputs()).not.toContain('端午节')
    fireEvent.click(screen.getByText('保存 2027 年安排'))
    expect(await screen.findByText(/^2027 年放假安排缺少端午节的放假区间/)).toBeTruthy()
    expect(callsOf('org.setCalendarYear')).toHaveLength(0)
    expect(Taro.showModal).not.toHaveBeenCalled()

    fireEvent.click(screen.getByText('本年不放假'))
    fireEvent.click(screen.getByText('保存 2027 年安排'))
    await waitFor(() => expect(callsOf('org.setCalendarYear')).toHaveLength(1))
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('确认 2027 年端午节不放假？') }))
    const sent = callsOf('org.setCalendarYear')[0].input.arrangement
    expect(sent.omitted).toEqual(['端午节'])
    expect(sent.holidays.map((h: { name: string }) => h.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '中秋节', '国庆节'])
    expect(await screen.findByText(/已保存 2027 年放假安排。3 件未办结问题的期限已按新日历重算。/)).toBeTruthy()
    await waitFor(() => expect(callsOf('org.getCalendar')).toHaveLength(2)) // reloaded, and the message stays
    expect(screen.getByText(/3 件未办结问题的期限已按新日历重算/)).toBeTruthy()
  })

  it('declining the confirmation sends nothing', async () => {
    ;(Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true })
    render(<CalendarPage />)
    fireEvent.click(await screen.findByText('删除第 5 个假期'))
    fireEvent.click(screen.getByText('本年不放假'))
    fireEvent.click(screen.getByText('保存 2027 年安排'))
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled())
    expect(callsOf('org.setCalendarYear')).toHaveLength(0)
  })

  it('an entered year opens as entered, its left-out holiday ticked; the server\'s refusal names the field in Chinese', async () => {
    answer('org.setCalendarYear', () => {
      throw new ApiError('INVALID_INPUT', '第 2 个假期的开始日期：应为“2027-01-01”这样的日期')
    })
    render(<CalendarPage />)
    fireEvent.click(await screen.findByText('2028（本区已录入）'))
    expect(await screen.findByText('本区已录入。修改后保存，将替换原来的安排。')).toBeTruthy()
    expect(nameInputs()).toEqual(['元旦', '春节', '清明节', '劳动节', '中秋节、国庆节'])
    expect(screen.getByText('本年不放假').className).toContain('chip--on')
    fireEvent.click(screen.getByText('保存 2028 年安排'))
    expect(await screen.findByText('第 2 个假期的开始日期：应为“2027-01-01”这样的日期')).toBeTruthy()
  })
})
