import './support/quiet'
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { ApiError } from '../../src/api/errors'
import Org from '../../src/pkg-admin/pages/org/index'
import { answer, callsOf, resetApi } from './support/fakeApi'

jest.mock('../../src/api', () => require('./support/fakeApi').apiModule())

const departments = [
  { _id: 'd_zj', name: '住建局', contactName: '王科长', contactPhone: '13800000001', order: 1, handlerCount: 2 },
  { _id: 'd_sw', name: '商务局', order: 2 },
]

beforeEach(() => {
  resetApi()
  answer('org.listTeams', [{ _id: 't1', name: '第一服务专班' }])
  answer('org.listDepartments', departments)
  answer('org.listInvites', [])
})

async function openDepartments() {
  render(<Org />)
  fireEvent.click(await screen.findByText('部门'))
  return screen.findByText('住建局')
}

describe("the manager's departments", () => {
  it('lists each department with its contact, edits one in place and saves it', async () => {
    answer('org.upsertDepartment', (input: any) => ({ _id: input.departmentId, order: 1, ...input }))
    const row = await openDepartments()
    expect(screen.getByText('联系人 王科长 13800000001 · 经办人 2 位')).toBeTruthy()
    fireEvent.click(row)
    const name = document.querySelector('input[name="departmentName"]') as HTMLInputElement
    expect(name.value).toBe('住建局')
    fireEvent.change(document.querySelector('input[name="contactName"]')!, { target: { value: '李主任' } })
    fireEvent.change(document.querySelector('input[name="contactPhone"]')!, { target: { value: '0539-8888888' } })
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(callsOf('org.upsertDepartment')).toHaveLength(1))
    expect(callsOf('org.upsertDepartment')[0].input).toEqual({ departmentId: 'd_zj', name: '住建局', contactName: '李主任', contactPhone: '0539-8888888' })
    await waitFor(() => expect(callsOf('org.listDepartments')).toHaveLength(2)) // reloaded
    expect(document.querySelector('input[name="departmentName"]')).toBeNull()
  })

  it('refuses a bad phone before any call, in the words the function would use', async () => {
    await openDepartments()
    fireEvent.click(screen.getByText('新增部门'))
    fireEvent.change(document.querySelector('input[name="departmentName"]')!, { target: { value: '人社局' } })
    fireEvent.change(document.querySelector('input[name="contactPhone"]')!, { target: { value: '123' } })
    fireEvent.click(screen.getByText('保存'))
    expect(await screen.findByText('联系电话：电话号码格式不正确')).toBeTruthy()
    expect(callsOf('org.upsertDepartment')).toEqual([])
  })

  it('adds a department and shows a refusal of the server under the form', async () => {
    answer('org.upsertDepartment', () => {
      throw new ApiError('INVALID_INPUT', '部门名称已存在')
    })
    await openDepartments()
    fireEvent.click(screen.getByText('新增部门'))
    fireEvent.change(document.querySelector('input[name="departmentName"]')!, { target: { value: '人社局' } })
    fireEvent.change(document.querySelector('input[name="contactPhone"]')!, { target: { value: '0571-88001234' } })
    fireEvent.click(screen.getByText('保存'))
    expect(await screen.findByText('部门名称已存在')).toBeTruthy()
    expect(callsOf('org.upsertDepartment')[0].input).toEqual({ name: '人社局', contactName: '', contactPhone: '0571-88001234' })
  })
})

describe("the manager's invite codes", () => {
  const DAY = 86_400_000
  const base = { kind: 'staff' as const, teamId: 't1', maxUses: 10, expiresAt: Date.parse('2026-12-02T10:00:00+08:00') }
  const invites = [
    { ...base, code: 'EXPIRED1', used: 2, status: 'expired' as const, expiresAt: base.expiresAt - 20 * DAY },
    { ...base, code: 'ACTIVE01', used: 1, status: 'active' as const },
    { ...base, code: 'USEDUP01', used: 10, status: 'used_up' as const },
    { ...base, code: 'ACTIVE02', kind: 'manager' as const, maxUses: 1, used: 0, status: 'active' as const },
  ]

  it('lists usable codes first, marks expired and used-up ones, and offers to copy only a usable code', async () => {
    answer('org.listInvites', invites)
    render(<Org />)
    await screen.findByText('ACTIVE01 · 服务专员')
    const rows = Array.from(document.querySelectorAll('[data-testid^="invite-"]'))
    expect(rows.map((r) => r.getAttribute('data-testid'))).toEqual(['invite-ACTIVE01', 'invite-ACTIVE02', 'invite-EXPIRED1', 'invite-USEDUP01'])
    const row = (code: string) => within(document.querySelector(`[data-testid="invite-${code}"]`) as HTMLElement)
    expect(row('EXPIRED1').getByText('已过期')).toBeTruthy()
    expect(row('USEDUP01').getByText('已用完')).toBeTruthy()
    expect(row('ACTIVE01').getByText('可用')).toBeTruthy()
    expect(row('EXPIRED1').queryByText('复制')).toBeNull()
    expect(row('USEDUP01').queryByText('复制')).toBeNull()
    fireEvent.click(row('ACTIVE02').getByText('复制'))
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'ACTIVE02' })
  })
})
