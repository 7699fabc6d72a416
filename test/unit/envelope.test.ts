/** The one helper that opens a function's reply: what it accepts as an envelope, what it throws. */
import { envelopeError, readEnvelope, unwrap } from '../../src/domain/contract/envelope'

describe('readEnvelope', () => {
  it('reads a result and a refusal, the server time kept', () => {
    expect(readEnvelope({ ok: true, data: { n: 1 }, now: 5 })).toEqual({ ok: true, data: { n: 1 }, now: 5 })
    expect(readEnvelope({ ok: true })).toEqual({ ok: true }) // an action with no output
    const refusal = { ok: false, error: { code: 'FORBIDDEN', message: '无权限' } }
    expect(readEnvelope(refusal)).toBe(refusal)
  })

  it.each([
    ['nothing', undefined],
    ['null', null],
    ['a string', 'ok'],
    ['no ok', { data: 1 }],
    ['ok as a string', { ok: 'true', data: 1 }],
    ['a refusal without an error', { ok: false }],
    ['a refusal without a code', { ok: false, error: { message: '坏了' } }],
    ['a refusal without a message', { ok: false, error: { code: 'INTERNAL' } }],
  ])('is undefined for %s', (_label, reply) => {
    expect(readEnvelope(reply)).toBeUndefined()
  })
})

describe('unwrap', () => {
  it('returns the data', () => {
    expect(unwrap({ ok: true, data: [1, 2] }, 'issues.list')).toEqual([1, 2])
  })

  it('throws a refusal as an Error carrying its code, details and the call it came from', () => {
    const reply = { ok: false, error: { code: 'CONFLICT', message: '已被他人处理', details: { version: 3 } } }
    let thrown: unknown
    try {
      unwrap(reply, 'issues.act')
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(Error)
    expect(thrown).toMatchObject({ code: 'CONFLICT', details: { version: 3 }, message: 'issues.act: CONFLICT 已被他人处理' })
  })

  it('throws, naming the reply, when it is no envelope', () => {
    expect(() => unwrap({ errCode: -1 }, 'me.whoami')).toThrow('me.whoami: the reply is not an envelope: {"errCode":-1}')
    expect(() => unwrap(undefined, 'me.whoami')).toThrow('me.whoami: the reply is not an envelope')
  })
})

test('envelopeError leaves details out when the refusal has none', () => {
  const err = envelopeError('org.createInvite', { code: 'FORBIDDEN', message: '无权限' })
  expect(err.code).toBe('FORBIDDEN')
  expect('details' in err).toBe(false)
})
