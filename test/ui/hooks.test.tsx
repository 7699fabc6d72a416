import { act, renderHook } from '@testing-library/react'
import { useAction } from '../../src/hooks/useAction'
import { useDraft } from '../../src/hooks/useDraft'
import { periodFor } from '../../src/domain/period'
import { queryFor } from '../../src/pkg-work/pages/queue/useQueue'
import { who } from './support/fixtures'

describe('useAction', () => {
  it('runs an action once for two taps in the same frame, and again after it finished', async () => {
    let resolve!: () => void
    const fn = jest.fn(() => new Promise<void>((r) => (resolve = r)))
    const { result } = renderHook(() => useAction(fn))
    let first!: Promise<unknown>
    act(() => {
      first = result.current.run()
      void result.current.run()
    })
    expect(fn).toHaveBeenCalledTimes(1)
    expect(result.current.pending).toBe(true)
    await act(async () => {
      resolve()
      await first
    })
    expect(result.current.pending).toBe(false)
    act(() => void result.current.run())
    expect(fn).toHaveBeenCalledTimes(2)
  })
})

describe('useDraft', () => {
  it('keeps every change on the device and forgets it once cleared', () => {
    const fresh = () => ({ text: '', id: Math.random().toString(36) })
    const a = renderHook(() => useDraft('t1', fresh))
    act(() => a.result.current.update({ text: '写了一半' }))
    const id = a.result.current.draft.id
    a.unmount()
    const b = renderHook(() => useDraft('t1', fresh))
    expect(b.result.current.draft).toEqual({ text: '写了一半', id })
    expect(b.result.current.resumed).toBe(true)
    act(() => b.result.current.clear())
    b.unmount()
    const c = renderHook(() => useDraft('t1', fresh))
    expect(c.result.current.resumed).toBe(false)
    expect(c.result.current.draft.id).not.toBe(id)
  })
})

describe('the issue queue', () => {
  it('shows a handler the issues their department leads, or assists with', () => {
    const handler = who({ roles: ['handler'], department: { _id: 'd_zj', name: '住建局' } })
    expect(queryFor(handler, { scope: 'mine', overdue: false, state: 'open' })).toEqual({ state: 'open', pageSize: 20, departmentId: 'd_zj', departmentRole: 'lead' })
    expect(queryFor(handler, { scope: 'assist', overdue: true, state: 'open' })).toMatchObject({ departmentRole: 'assist', overdue: true })
  })

  it('shows a service team member their team\'s issues', () => {
    const staff = who({ roles: ['staff'], team: { _id: 't1', name: '第一服务专班' } })
    expect(queryFor(staff, { scope: 'mine', overdue: false, state: 'submitted' })).toEqual({ state: 'submitted', pageSize: 20, teamId: 't1' })
    expect(queryFor(staff, { scope: 'all', overdue: false, state: 'open' })).toEqual({ state: 'open', pageSize: 20 })
  })
})

describe('dashboard periods', () => {
  const now = Date.parse('2026-11-25T10:00:00+08:00') // Wednesday
  it('are calendar periods in Shanghai time', () => {
    expect(periodFor('week', now)).toEqual({ from: Date.parse('2026-11-23T00:00:00+08:00'), to: Date.parse('2026-11-30T00:00:00+08:00') })
    expect(periodFor('month', now)).toEqual({ from: Date.parse('2026-11-01T00:00:00+08:00'), to: Date.parse('2026-12-01T00:00:00+08:00') })
    expect(periodFor('quarter', now)).toEqual({ from: Date.parse('2026-10-01T00:00:00+08:00'), to: Date.parse('2027-01-01T00:00:00+08:00') })
    expect(periodFor('year', now)).toEqual({ from: Date.parse('2026-01-01T00:00:00+08:00'), to: Date.parse('2027-01-01T00:00:00+08:00') })
  })
})

describe('deadline wording', () => {
  const { formatDateTime } = jest.requireActual('../../src/components/format')
  const now = Date.parse('2026-11-25T10:00:00+08:00')
  it('reads a midnight deadline as the end of the day before', () => {
    expect(formatDateTime(Date.parse('2026-11-28T00:00:00+08:00'), now)).toBe('11月27日 24:00')
    expect(formatDateTime(Date.parse('2026-11-28T17:30:00+08:00'), now)).toBe('11月28日 17:30')
  })
})
