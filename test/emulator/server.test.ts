// The HTTP surface: info, CORS, the admin protocol's error replies, the clock,
// metrics and reset, snapshots and the bulk import; bad input is answered, never crashes the server.
import { createRequire } from 'node:module'
import path from 'node:path'
import { FIXTURE_FUNCTIONS, LocalCloudHandle, REPO_ROOT, startLocalCloud } from '../support/localCloud'
import { PINNED_NOW } from '../support/clock'

jest.setTimeout(60_000)

let cloud: LocalCloudHandle
beforeAll(async () => { cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS }) })
afterAll(async () => { await cloud?.stop() })
beforeEach(async () => { await cloud.reset() })

const KEPT_PHOTO = 'uploads/o_user_0001/issues/202611/AbCdEfGh12345678.jpg'

const admin = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  cloud.fetchJson('/admin?env=local-env&seqId=x', { method: 'POST', headers, body })

it('GET / describes the local cloud', async () => {
  const { status, body } = await cloud.fetchJson('/')
  expect(status).toBe(200)
  expect(body).toMatchObject({ name: 'local cloud', env: 'local-env', adminUrl: `${cloud.url}/admin` })
  expect(body.services).toEqual(['database', 'functions', 'openapi', 'storage'])
})

it('answers CORS preflight on the dev routes', async () => {
  const response = await fetch(`${cloud.url}/functions/echo`, {
    method: 'OPTIONS',
    headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-wx-openid' },
  })
  expect(response.status).toBe(204)
  expect(response.headers.get('access-control-allow-origin')).toBe('*')
  expect(response.headers.get('access-control-allow-headers')).toContain('x-wx-openid')
  const call = await fetch(`${cloud.url}/functions/echo`, { method: 'POST', body: '{}' })
  expect(call.headers.get('access-control-expose-headers')).toContain('x-local-cloud-stats')
})

describe('the admin protocol answers bad requests with HTTP 200 and a code', () => {
  it.each([
    ['not JSON', '{oops'],
    ['not an object', '42'],
    ['no action', '{}'],
    ['an unknown action', '{"action":"nope.doSomething"}'],
    ['an unknown database action', '{"action":"database.nope","collectionName":"x"}'],
    ['a function call without request_data JSON', '{"action":"functions.invokeFunction","function_name":"echo","request_data":"{"}'],
    ['storage without a list', '{"action":"storage.batchGetDownloadUrl"}'],
    ['storage with a traversal path', '{"action":"storage.getUploadMetadata","path":"../x"}'],
    ['wx.api without apiName', '{"action":"wx.api"}'],
  ])('%s', async (_label, body) => {
    const reply = await admin(body)
    expect(reply.status).toBe(200)
    expect(reply.body.code).toBeTruthy()
    expect(typeof reply.body.message).toBe('string')
  })

  it('a malformed multipart wx.openApi', async () => {
    const boundary = 'xyz'
    const body = `--${boundary}\r\ncontent-disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n--${boundary}\r\ncontent-disposition: form-data; name="apiName"\r\n\r\nsubscribeMessage.send\r\n--${boundary}\r\ncontent-disposition: form-data; name="requestData"\r\ncontent-type: application/octet-stream\r\n\r\n\xff\xff\xff\r\n--${boundary}--\r\n`
    const reply = await admin(body, { 'content-type': `multipart/form-data; boundary=${boundary}` })
    expect(reply.status).toBe(200)
    expect(reply.body.code).toBe('INVALID_PARAM')
  })

  it('calls a function over functions.invokeFunction', async () => {
    const reply = await admin(JSON.stringify({ action: 'functions.invokeFunction', function_name: 'echo', request_data: '{"k":1}' }))
    expect(JSON.parse(reply.body.data.response_data).event).toEqual({ k: 1 })
    const failed = await admin(JSON.stringify({ action: 'functions.invokeFunction', function_name: 'crasher', request_data: '{"mode":"throw"}' }))
    expect(failed.body).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' })
  })
})

describe('dev routes refuse bad input without crashing', () => {
  it.each([
    ['/functions/echo', '{bad json'],
    ['/dev/clock', '{"now":"yesterday-ish"}'],
    ['/dev/subscriptions', '{"openid":"o1"}'],
    ['/dev/subscriptions', '{"openid":"o1","templateIds":["T"],"count":0}'],
    ['/dev/timers/weeklyReport', '{"time":"not a date"}'],
  ])('POST %s %s → 400', async (pathname, body) => {
    const reply = await cloud.fetchJson(pathname, { method: 'POST', body })
    expect(reply.status).toBe(400)
    expect(typeof reply.body.errMsg).toBe('string')
  })

  it('unknown routes are 404 and the server is still up', async () => {
    expect((await cloud.fetchJson('/dev/nothing')).status).toBe(404)
    expect((await cloud.fetchJson('/dev/subscriptions')).status).toBe(400)
    expect((await cloud.call('echo', {})).result).toBeDefined()
  })
})

describe('the emulator clock', () => {
  it('is set, offset, advanced and reset through /dev/clock', async () => {
    const at = Date.parse('2026-06-01T00:00:00Z')
    const set = await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ now: at }) })
    expect(Math.abs(set.body.now - at)).toBeLessThan(1000)
    const advanced = await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ advanceMs: 3_600_000 }) })
    expect(Math.abs(advanced.body.now - at - 3_600_000)).toBeLessThan(1000)
    const offset = await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ offsetMs: -1000 }) })
    expect(offset.body.offsetMs).toBe(-1000)
    const reset = await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ reset: true }) })
    // The test cloud starts pinned (test/support/clock.ts): reset returns it to that instant.
    expect(reset.body.pinnedAt).toBe(new Date(PINNED_NOW).toISOString())
    expect(Math.abs(reset.body.now - Date.parse(PINNED_NOW))).toBeLessThan(60_000)
  })

  it('runs on real time when started without --clock', async () => {
    const real = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, clock: null })
    try {
      const { body } = await real.fetchJson('/dev/clock')
      expect(body).toMatchObject({ offsetMs: 0, pinnedAt: null })
    } finally {
      await real.stop()
    }
  })

  it('drives the database serverDate', async () => {
    await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ now: Date.parse('2030-01-01T00:00:00Z') }) })
    const { result } = await cloud.call('dbCounter', { adds: 1 })
    expect(result.latest.startsWith('2030-01-01T00:00')).toBe(true)
  })
})

describe('GET /dev/db/<collection>', () => {
  it('dumps every document as plain JSON, and 404s an unknown collection', async () => {
    await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ now: Date.parse('2030-01-01T00:00:00Z') }) })
    await cloud.call('dbCounter', { adds: 2 })
    const { status, body } = await cloud.fetchJson('/dev/db/things')
    expect(status).toBe(200)
    expect(body.documents).toHaveLength(2)
    expect(body.documents[0]).toMatchObject({ _id: expect.any(String), n: 0, at: expect.stringMatching(/^2030-01-01T00:00/) })
    expect((await cloud.fetchJson('/dev/db/noSuchCollection')).status).toBe(404)
  })
})

describe('metrics and reset', () => {
  it('counts invocations, errors, timeouts, latency and database work per function', async () => {
    await cloud.call('crasher', {})
    await cloud.call('crasher', { mode: 'throw' })
    await cloud.call('sleepy', { ms: 3000 })
    await cloud.call('dbCounter', { adds: 2 })
    const { body } = await cloud.fetchJson('/dev/metrics')
    expect(body.functions.crasher).toMatchObject({ invocations: 2, errors: 1, timeouts: 0 })
    expect(body.functions.sleepy).toMatchObject({ invocations: 1, errors: 1, timeouts: 1 })
    expect(body.functions.sleepy.latencyMs.p50).toBeGreaterThanOrEqual(1000)
    expect(body.functions.dbCounter).toMatchObject({ invocations: 1, dbRoundTrips: 4, docsReturned: 2 })
    expect(body.functions.dbCounter.latencyMs).toEqual({ p50: expect.any(Number), p95: expect.any(Number), p99: expect.any(Number), max: expect.any(Number) })
    expect(body.database.actions['database.insertDocument'].calls).toBe(2)
  })

  it('POST /dev/reset drops data, outbox, subscriptions, storage, groups, clock and metrics', async () => {
    await cloud.call('dbCounter', { adds: 2 })
    await cloud.fetchJson('/dev/subscriptions', { method: 'POST', body: JSON.stringify({ openid: 'o1', templateIds: ['T'] }) })
    await cloud.call('notifier', { message: { touser: 'o1', templateId: 'T', data: {} } })
    await cloud.fetchJson('/dev/groups', { method: 'POST', body: '{}' })
    const { body: uploaded } = await cloud.fetchJson(`/dev/upload?cloudPath=${KEPT_PHOTO}`, { method: 'POST', body: 'x', headers: { 'x-wx-openid': 'o_user_0001' } })
    expect(uploaded.fileID).toBeTruthy()
    await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ offsetMs: 5000 }) })
    await cloud.reset()
    expect((await cloud.fetchJson('/dev/outbox')).body.messages).toEqual([])
    expect((await cloud.fetchJson('/dev/subscriptions?openid=o1')).body.remaining).toEqual({})
    expect((await cloud.fetchJson('/dev/groups')).body.groups).toEqual([])
    expect(Math.abs((await cloud.fetchJson('/dev/clock')).body.now - Date.parse(PINNED_NOW))).toBeLessThan(60_000)
    expect((await cloud.fetchJson('/dev/metrics')).body.functions).toEqual({})
    expect((await cloud.call('dbCounter', { adds: 1 })).result.count).toBe(1)
    expect((await cloud.call('files', { op: 'url', fileIDs: [uploaded.fileID] })).result.fileList[0].status).toBe(-503003)
  })
})

describe('POST /dev/snapshot and /dev/restore', () => {
  const post = (pathname: string, body: unknown) => cloud.fetchJson(pathname, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
  const upload = (cloudPath: string, text: string, openid = 'o_user_0001') => cloud.fetchJson(`/dev/upload?cloudPath=${cloudPath}`, { method: 'POST', body: text, headers: { 'x-wx-openid': openid } })
  const OTHER_PHOTO = 'uploads/o_user_0001/issues/202611/ZyXwVuTs87654321.jpg'
  /** Everything a snapshot holds, as the routes and the functions see it. */
  const state = async () => ({
    things: (await cloud.fetchJson('/dev/db/things')).body.documents,
    credits: (await cloud.fetchJson('/dev/subscriptions?openid=o1')).body.remaining,
    outbox: (await cloud.fetchJson('/dev/outbox')).body.messages,
    groups: (await cloud.fetchJson('/dev/groups')).body.groups,
    files: (await filesCall({ op: 'url', fileIDs: [`cloud://local-env.6c6f/${KEPT_PHOTO}`, `cloud://local-env.6c6f/${OTHER_PHOTO}`] })).fileList.map((f: any) => f.status),
  })
  /** The `files` fixture; a cold start (3 s limit, the SDK loading) that times out on a busy machine is tried once more. */
  const filesCall = async (event: unknown) => {
    let reply = await cloud.call('files', event)
    if (reply.errCode === -504003) reply = await cloud.call('files', event)
    if (!reply.result) throw new Error(`files failed: ${reply.errCode} ${reply.errMsg}`)
    return reply.result
  }

  it('restores documents, run-time collections, credits, the outbox, groups, files, owners and the clock; a restart keeps it', async () => {
    await post('/dev/clock', { now: Date.parse('2030-01-01T00:00:00Z') })
    await cloud.call('dbCounter', { adds: 2 })
    await post('/dev/subscriptions', { openid: 'o1', templateIds: ['T'], count: 2 })
    await cloud.call('notifier', { message: { touser: 'o1', templateId: 'T', data: {} } })
    const group = (await post('/dev/groups', { name: '项目群' })).body
    expect((await upload(KEPT_PHOTO, 'kept bytes')).status).toBe(200)
    const before = await state()
    expect(before).toMatchObject({ things: [expect.anything(), expect.anything()], credits: { T: 1 }, outbox: [expect.anything()], groups: [expect.objectContaining({ name: '项目群' })], files: [0, -503003] })
    const { status, body: snap } = await post('/dev/snapshot', {})
    expect(status).toBe(200)

    await cloud.call('dbCounter', { adds: 3 })
    await post('/dev/subscriptions', { openid: 'o1', templateIds: ['T', 'U'], count: 5 })
    await cloud.call('notifier', { message: { touser: 'o1', templateId: 'T', data: {} } })
    await post('/dev/groups', { name: '另一个群' })
    await filesCall({ op: 'delete', fileIDs: [`cloud://local-env.6c6f/${KEPT_PHOTO}`] })
    expect((await upload(OTHER_PHOTO, 'other bytes')).status).toBe(200)
    await post('/dev/clock', { advanceMs: 86_400_000 })
    expect(await state()).not.toEqual(before)

    const restored = await post('/dev/restore', snap)
    expect(restored.status).toBe(200)
    expect((await cloud.fetchJson('/dev/metrics')).body.functions).toEqual({})
    expect(Math.abs((await cloud.fetchJson('/dev/clock')).body.now - Date.parse('2030-01-01T00:00:00Z'))).toBeLessThan(60_000)
    expect(await state()).toEqual(before)
    // The CloudID issued before the snapshot resolves again; the owner is back: another user may not overwrite the file.
    const lookup = await cloud.call('groupReader', { lookup: [group.cloudID] })
    expect(JSON.stringify(lookup.result)).toContain(group.openGId)
    expect((await upload(KEPT_PHOTO, 'not mine', 'o_user_0002')).status).toBe(403)
    expect((await filesCall({ op: 'download', fileID: `cloud://local-env.6c6f/${KEPT_PHOTO}` })).text).toBe('kept bytes')
    // A new document after the restore does not collide with a restored one.
    expect((await cloud.call('dbCounter', { adds: 1 })).result.count).toBe(3)

    await cloud.restart()
    const afterRestart = await state()
    expect(afterRestart.things).toHaveLength(3)
    expect(afterRestart.things.slice(0, 2)).toEqual(expect.arrayContaining(before.things))
    expect({ ...afterRestart, things: [], outbox: [] }).toEqual({ ...before, things: [], outbox: [] })
  })

  it('refuses a body that is not a snapshot, and changes nothing', async () => {
    await cloud.call('dbCounter', { adds: 1 })
    for (const body of [{}, { format: 'local-cloud-snapshot/1' }, { format: 'other', now: 1 }]) {
      const reply = await post('/dev/restore', body)
      expect(reply.status).toBe(400)
      expect(typeof reply.body.errMsg).toBe('string')
    }
    expect((await cloud.fetchJson('/dev/db/things')).body.documents).toHaveLength(1)
  })
})

describe('POST /dev/import/<collection>: bulk import for benchmarks', () => {
  const importDocs = (collection: string, docs: object[], flags = '') =>
    cloud.fetchJson(`/dev/import/${collection}${flags}`, { method: 'POST', body: docs.map((d) => JSON.stringify(d)).join('\n') })
  const codes = async () => Object.fromEntries(((await cloud.fetchJson('/dev/db/invites')).body.documents as { _id: string; code: string }[]).map((d) => [d._id, d.code]))
  /** The real wx-server-sdk, pointed at the local cloud. */
  const sdkDb = () => {
    Object.assign(process.env, cloud.env)
    const sdk = createRequire(path.join(REPO_ROOT, 'package.json'))('wx-server-sdk')
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
    return sdk.database()
  }

  it('puts documents in all or nothing, unique keys checked and indexed; persisted, a restart keeps them', async () => {
    const docs = Array.from({ length: 3000 }, (_, i) => ({ _id: `inv${i}`, code: `C${i}`, kind: 'staff' }))
    expect(await importDocs('invites', docs)).toMatchObject({ status: 200, body: { imported: 3000 } })
    // A taken _id, or a taken unique key, anywhere in a batch refuses the whole batch.
    expect((await importDocs('invites', [{ _id: 'new1', code: 'N1' }, { _id: 'inv5', code: 'N2' }])).status).toBe(400)
    expect((await importDocs('invites', [{ _id: 'new2', code: 'N3' }, { _id: 'new3', code: 'C7' }])).status).toBe(400)
    expect((await importDocs('invites', [{ code: 'no id' }])).status).toBe(400)
    expect((await importDocs('undeclared', [{ _id: 'x' }])).status).toBe(404)
    expect(await importDocs('invites', [{ _id: 'inv1', code: 'R1', kind: 'handler' }], '?replace=1&persist=1')).toMatchObject({ status: 200, body: { imported: 1 } })
    const stored = await codes()
    expect(Object.keys(stored)).toHaveLength(3000)
    expect([stored.inv0, stored.inv1, stored.inv2999, stored.new1, stored.new2]).toEqual(['C0', 'R1', 'C2999', undefined, undefined])
    // The indexes know the imported documents: an equality on the unique key is served by its index.
    const { data } = await sdkDb().collection('invites').where({ code: 'C2999' }).get()
    expect(data).toEqual([{ _id: 'inv2999', code: 'C2999', kind: 'staff' }])
    expect((await cloud.fetchJson('/dev/metrics')).body.database.unindexedQueries).toEqual([])
    expect((await sdkDb().collection('invites').add({ data: { code: 'C42' } }).catch((e: Error) => e)) instanceof Error).toBe(true)
    await cloud.restart()
    expect(await codes()).toEqual(stored)
  })

  it('reports the memory of the local cloud', async () => {
    const { memory } = (await cloud.fetchJson('/dev/metrics')).body
    expect(memory.rss).toBeGreaterThan(memory.heapUsed)
    expect(memory.heapUsed).toBeGreaterThan(1e6)
  })
})
