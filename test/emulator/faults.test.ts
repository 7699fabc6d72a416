// Planned faults (POST /dev/faults): a function instance dies at an exact request; what it wrote
// before stays, the request that tripped the fault is never served, the next call runs on a fresh instance.
import { FIXTURE_FUNCTIONS, type LocalCloudHandle, startLocalCloud } from '../support/localCloud'

jest.setTimeout(60_000)

let cloud: LocalCloudHandle
beforeAll(async () => { cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS }) })
afterAll(async () => { await cloud?.stop() })
beforeEach(async () => { await cloud.reset() })

const arm = (spec: unknown) => cloud.fetchJson('/dev/faults', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) })
const things = async () => (await cloud.fetchJson('/dev/db/things')).body.documents as { n: number }[]

describe('a planned fault', () => {
  it('kills the instance at the third insert: the first two are kept, the call fails as a crash, the next call is served', async () => {
    const { status, body } = await arm({ function: 'dbCounter', action: 'database.insertDocument', collection: 'things', skip: 2 })
    expect(status).toBe(200)
    expect(body.fault).toMatchObject({ id: expect.any(Number), fired: false })
    const crashed = await cloud.call('dbCounter', { adds: 5 })
    expect(crashed.errCode).toBe(-504002)
    expect(crashed.errMsg).toMatch(/planned fault/)
    expect((await things()).map((t) => t.n).sort()).toEqual([0, 1])
    const { body: listed } = await cloud.fetchJson('/dev/faults')
    expect(listed.faults[0]).toMatchObject({ fired: true, seen: 3 })
    // It fired once: the same call now runs to the end.
    const again = await cloud.call('dbCounter', { adds: 1 })
    expect(again.result.count).toBe(3)
  })

  it('at an open-API call: the message is never sent', async () => {
    await cloud.fetchJson('/dev/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'o_fault', templateIds: ['tpl'] }) })
    await arm({ action: 'wx.openApi', api: 'subscribeMessage.send' })
    const res = await cloud.call('notifier', { message: { touser: 'o_fault', templateId: 'tpl', data: { thing1: { value: 'x' } } } })
    expect(res.errCode).toBe(-504002)
    expect((await cloud.fetchJson('/dev/outbox')).body.messages).toEqual([])
  })

  it('matches only the function named, and requests from outside a function never trip it', async () => {
    await arm({ function: 'someoneElse', action: 'database.insertDocument' })
    expect((await cloud.call('dbCounter', { adds: 1 })).result.count).toBe(1)
  })

  it('refuses a malformed plan with 400 and a reason', async () => {
    expect(await arm({})).toMatchObject({ status: 400 })
    expect(await arm({ action: 'database.insertDocument', skip: -1 })).toMatchObject({ status: 400 })
    expect(await arm({ action: 'database.insertDocument', when: 'now' })).toMatchObject({ status: 400 })
  })

  it('is cleared by DELETE and by /dev/reset', async () => {
    await arm({ action: 'database.insertDocument' })
    await cloud.fetchJson('/dev/faults', { method: 'DELETE' })
    expect((await cloud.fetchJson('/dev/faults')).body.faults).toEqual([])
    await arm({ action: 'database.insertDocument' })
    await cloud.reset()
    expect((await cloud.call('dbCounter', { adds: 1 })).result.count).toBe(1)
  })
})
