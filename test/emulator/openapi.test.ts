// Open APIs as the cloud answers them: the outbox, subscribe-message credits,
// simulated groups and CloudIDs (event replacement and cloud.getOpenData).
import { FIXTURE_FUNCTIONS, LocalCloudHandle, startLocalCloud } from '../support/localCloud'

jest.setTimeout(60_000)

let cloud: LocalCloudHandle
beforeAll(async () => { cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, extraArgs: ['--long-term-templates', 'TPL_LONG'] }) })
afterAll(async () => { await cloud?.stop() })
beforeEach(async () => { await cloud.reset() })

const message = (over: Record<string, unknown> = {}) => ({
  touser: 'oLiaison1', templateId: 'TPL_ISSUE', page: 'pages/issue/index?id=1',
  data: { thing1: { value: '道路积水' } }, miniprogramState: 'developer', ...over,
})
const grant = (body: unknown) => cloud.fetchJson('/dev/subscriptions', { method: 'POST', body: JSON.stringify(body) })
const outbox = async () => (await cloud.fetchJson('/dev/outbox')).body.messages

describe('subscribe messages', () => {
  it('sends once per granted credit, then fails with 43101, and records both in the outbox', async () => {
    await grant({ openid: 'oLiaison1', templateIds: ['TPL_ISSUE'] })
    const sent = await cloud.call('notifier', { message: message() })
    expect(sent.result).toMatchObject({ ok: true, res: { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' } })
    const refused = await cloud.call('notifier', { message: message() })
    expect(refused.result).toMatchObject({ ok: false, errCode: 43101 })
    const [first, second] = await outbox()
    expect(first).toMatchObject({
      id: 1, apiName: 'subscribeMessage.send', caller: 'notifier',
      payload: { touser: 'oLiaison1', template_id: 'TPL_ISSUE', page: 'pages/issue/index?id=1', data: { thing1: { value: '道路积水' } }, miniprogram_state: 'developer' },
      result: { errcode: 0, errmsg: 'ok' },
    })
    expect(Date.parse(first.at)).not.toBeNaN()
    expect(second.result.errcode).toBe(43101)
  })

  it('grants several credits and lists what is left', async () => {
    const granted = await grant({ openid: 'oLiaison1', templateIds: ['TPL_ISSUE', 'TPL_OTHER'], count: 2 })
    expect(granted.body.remaining).toEqual({ TPL_ISSUE: 2, TPL_OTHER: 2, TPL_LONG: -1 })
    await cloud.call('notifier', { message: message() })
    const left = await cloud.fetchJson('/dev/subscriptions?openid=oLiaison1')
    expect(left.body.remaining).toMatchObject({ TPL_ISSUE: 1, TPL_OTHER: 2 })
  })

  it('never runs out of a long-term template', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await cloud.call('notifier', { message: message({ templateId: 'TPL_LONG' }) })).result.ok).toBe(true)
    }
  })

  it('rejects a bad touser with 40003 and missing data with 47003', async () => {
    expect((await cloud.call('notifier', { message: message({ touser: '123' }) })).result.errCode).toBe(40003)
    expect((await cloud.call('notifier', { message: message({ data: undefined }) })).result.errCode).toBe(47003)
  })

  it('records legacy cloud.callOpenAPI (wx.api) calls without case conversion', async () => {
    await grant({ openid: 'oLiaison1', templateIds: ['TPL_ISSUE'] })
    const legacy = { touser: 'oLiaison1', template_id: 'TPL_ISSUE', data: { thing1: { value: 'x' } } }
    const { result } = await cloud.call('notifier', { legacy: true, message: legacy })
    expect(result.res.result).toMatchObject({ errcode: 0, errmsg: 'ok' })
    expect((await outbox())[0]).toMatchObject({ apiName: 'subscribeMessage.send', payload: legacy })
  })

  it('refuses -604101 when config.json does not permit the API, as the platform does', async () => {
    await grant({ openid: 'oLiaison1', templateIds: ['TPL_ISSUE'] })
    const { result } = await cloud.call('unpermitted', { message: message() })
    expect(result).toMatchObject({ ok: false, errCode: -604101 })
    expect((await outbox())[0]).toMatchObject({ caller: 'unpermitted', result: { errcode: -604101 } })
    expect((await cloud.fetchJson('/dev/subscriptions?openid=oLiaison1')).body.remaining.TPL_ISSUE).toBe(1)
  })

  it('clears the outbox on DELETE /dev/outbox', async () => {
    await cloud.call('notifier', { message: message() })
    expect(await outbox()).toHaveLength(1)
    await cloud.fetchJson('/dev/outbox', { method: 'DELETE' })
    expect(await outbox()).toEqual([])
  })
})

describe('groups and CloudIDs', () => {
  const newGroup = async () => (await cloud.fetchJson('/dev/groups', { method: 'POST', body: JSON.stringify({ name: '一号项目群' }) })).body

  it('replaces top-level {$cloudID} event fields with the open data, leaving nested ones', async () => {
    const { openGId, cloudID } = await newGroup()
    const { result } = await cloud.call('groupReader', { group: { $cloudID: cloudID }, nested: { inner: { $cloudID: cloudID } }, plain: 1 }, 'oUserA')
    expect(result.event.group).toEqual({
      cloudID,
      data: { openGId, opengid: openGId, chat_type: 3, watermark: { appid: 'wxlocalcloud0000', timestamp: expect.any(Number) } },
    })
    expect(result.event.nested).toEqual({ inner: { $cloudID: cloudID } })
    expect(result.event.plain).toBe(1)
  })

  it('replaces at most 5 CloudIDs per call', async () => {
    const { cloudID } = await newGroup()
    const event = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((i) => [`g${i}`, { $cloudID: cloudID }]))
    const { result } = await cloud.call('groupReader', event)
    const replaced = Object.values(result.event).filter((v: any) => v.cloudID === cloudID && v.data)
    expect(replaced).toHaveLength(5)
    expect(result.event.g6).toEqual({ $cloudID: cloudID })
  })

  it('resolves a CloudID through cloud.getOpenData to the same JSON', async () => {
    const { openGId, cloudID } = await newGroup()
    const { result } = await cloud.call('groupReader', { lookup: [cloudID] })
    expect(result).toMatchObject({ ok: true, list: [{ cloudID, data: { openGId, opengid: openGId, chat_type: 3 } }] })
    expect((await outbox()).map((m: any) => m.apiName)).toEqual(['getOpenData'])
  })

  it('issues a fresh CloudID per request, each valid for 5 minutes of emulator time', async () => {
    const { openGId } = await newGroup()
    const { body } = await cloud.fetchJson(`/dev/groups/${openGId}/cloudid`, { method: 'POST' })
    expect(typeof body.cloudID).toBe('string')
    await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 6 * 60_000 }) })
    const viaApi = await cloud.call('groupReader', { lookup: [body.cloudID] })
    expect(viaApi.result).toMatchObject({ ok: false, errCode: -601001 })
    expect(viaApi.result.errMsg).toContain('code 2')
    const viaEvent = await cloud.call('groupReader', { group: { $cloudID: body.cloudID } })
    expect(viaEvent.result.event.group).toEqual({ cloudID: body.cloudID, errCode: -601006, errMsg: 'cloudID expired' })
  })

  it('refuses an unknown CloudID and an unknown group', async () => {
    const { result } = await cloud.call('groupReader', { lookup: ['cid_nope'] })
    expect(result).toMatchObject({ ok: false, errCode: -601001 })
    expect((await cloud.fetchJson('/dev/groups/Gnope/cloudid', { method: 'POST' })).status).toBe(404)
  })
})
