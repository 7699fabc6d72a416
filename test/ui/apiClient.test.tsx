import { call } from '../../src/api/client'
import { ApiError, ERROR_ADVICE, describeError } from '../../src/api/errors'
import { platform } from '../../src/platform/seam'

jest.mock('../../src/platform/seam', () => ({ platform: { callFunction: jest.fn() } }))
const callFunction = platform.callFunction as jest.Mock

describe('the cloud client', () => {
  it('sends action and input with extra fields such as the group CloudID at the top level of the event', async () => {
    callFunction.mockResolvedValueOnce({ result: { ok: true, data: { project: null, member: false, boundNow: false } } })
    await call('me', 'enter', { projectId: 'p1' }, { group: { $cloudID: 'CID' } })
    expect(callFunction).toHaveBeenCalledWith('me', { group: { $cloudID: 'CID' }, action: 'enter', input: { projectId: 'p1' } })
  })

  it('returns the data of an ok envelope', async () => {
    callFunction.mockResolvedValueOnce({ result: { ok: true, data: { items: [] } } })
    await expect(call('issues', 'list', {})).resolves.toEqual({ items: [] })
  })

  it('throws the function\'s error code and message as an ApiError', async () => {
    callFunction.mockResolvedValueOnce({ result: { ok: false, error: { code: 'CONFLICT', message: 'version 7 ≠ 8' } } })
    await expect(call('issues', 'act', { issueId: 'i1', expectedVersion: 7, clientRequestId: 'req-ui-0001', command: { action: 'sign_for' } })).rejects.toMatchObject({ code: 'CONFLICT', message: 'version 7 ≠ 8' })
  })

  it('turns a transport failure into a network error', async () => {
    callFunction.mockResolvedValueOnce({ transportError: 'cloud.callFunction:fail timeout' })
    const err = await call('me', 'whoami', {}).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('NETWORK')
  })

  it('treats an answer without an envelope as an internal error', async () => {
    callFunction.mockResolvedValueOnce({ result: null })
    await expect(call('me', 'whoami', {})).rejects.toMatchObject({ code: 'INTERNAL' })
  })
})

describe('error messages', () => {
  it('has Chinese words and a next step for every code', () => {
    for (const [code, advice] of Object.entries(ERROR_ADVICE)) {
      expect(advice.title).toMatch(/[\u4e00-\u9fa5]/)
      expect(advice.hint).toMatch(/[\u4e00-\u9fa5]/)
      expect(code).toMatch(/^[A-Z_]+$/)
    }
    expect(ERROR_ADVICE.CONFLICT.title).toBe('已被他人处理，已为您刷新')
  })

  it('shows the server\'s own words for invalid input (they name the field)', () => {
    expect(describeError(new ApiError('INVALID_INPUT', '标题不超过 50 字')).title).toBe('标题不超过 50 字')
    expect(describeError(new ApiError('FORBIDDEN', 'no')).title).toBe('您没有权限进行此操作')
    expect(describeError(new Error('boom')).code).toBe('INTERNAL')
  })
})
