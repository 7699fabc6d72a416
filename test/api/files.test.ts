/**
 * server/files through the local cloud, with the real wx-server-sdk: which files a record may cite
 * (checkAttachments), links issued by the functions (linksFor), and the managers' exports — an
 * unguessable name, a link that lives minutes, deleted by the hourly job after a day.
 */
import { ATTACHMENT_LINK_SECONDS, EXPORT_LINK_SECONDS } from '../../src/domain/uploads'
import { MANAGER, dumpCollections, unindexedQueries } from './support/app'
import { PROBE, filesProbeFunctions } from './support/filesProbe'
import { useApiWorld } from './support/world'

jest.setTimeout(180_000)

// The product's functions plus the test-only filesProbe (server/files as the product bundles it).
const { app, w } = useApiWorld({ functions: filesProbeFunctions })

const DAY = 86_400_000
let counter = 0
const uniqueName = (ext: string) => `Upload${String(counter++).padStart(10, '0')}Ab.${ext}`

/** What wx.cloud.uploadFile does from the mini-program: the client door, as `openid`. */
async function uploadAs(openid: string, ext = 'jpg', folder = 'issues'): Promise<string> {
  const cloudPath = `uploads/${openid}/${folder}/202611/${uniqueName(ext)}`
  const { status, body } = await app.cloud.fetchJson(`/dev/upload?cloudPath=${cloudPath}`, { method: 'POST', body: `bytes of ${cloudPath}`, headers: { 'x-wx-openid': openid } })
  if (status !== 200) throw new Error(`upload refused: ${JSON.stringify(body)}`)
  return body.fileID
}

const probe = (openid: string, event: Record<string, unknown>) => app.as(openid).raw(PROBE, event)
const moveClock = (ms: number) => app.cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ advanceMs: ms }), headers: { 'content-type': 'application/json' } })

describe('checkAttachments: a record cites only its caller\'s own uploads of allowed types', () => {
  it('accepts the caller\'s photos, each once', async () => {
    const a = await uploadAs(w.liaison.openid)
    const b = await uploadAs(w.liaison.openid, 'png')
    expect(await probe(w.liaison.openid, { op: 'check', fileIds: [a, b, a], kind: 'photos' })).toEqual({ ok: true, data: [a, b] })
  })

  it('refuses another user\'s upload, even one the caller learned the id of', async () => {
    const own = await uploadAs(w.liaison.openid)
    const theirs = await uploadAs(w.otherLiaison.openid)
    const reply = await probe(w.liaison.openid, { op: 'check', fileIds: [own, theirs], kind: 'photos' })
    expect(reply).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '附件不属于您或格式不支持：只能使用您本人上传的 jpg、jpeg、png、webp 照片', details: { fileIds: [theirs] } },
    })
  })

  it('refuses files no client uploaded (an export, another env\'s lookalike path, a web link)', async () => {
    const exported = await w.manager.call('dashboard', 'export', { period: { from: w.now - DAY, to: w.now + DAY } })
    for (const fileID of [exported.fileID, `cloud://other.bucket/uploads/${w.liaison.openid}/issues/202611/../x.jpg`, 'https://example.com/uploads/a.jpg']) {
      const reply = await probe(w.liaison.openid, { op: 'check', fileIds: [fileID], kind: 'materials' })
      expect([fileID, reply.ok, reply.error?.code]).toEqual([fileID, false, 'INVALID_INPUT'])
    }
  })

  it('takes a contract as material but not as a photo', async () => {
    const contract = await uploadAs(w.liaison.openid, 'pdf', 'materials')
    expect((await probe(w.liaison.openid, { op: 'check', fileIds: [contract], kind: 'materials' })).ok).toBe(true)
    expect(await probe(w.liaison.openid, { op: 'check', fileIds: [contract], kind: 'photos' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('linksFor: short-lived links issued by a function', () => {
  it('resolves many ids in one go, leaves out the missing, and each link dies after 10 minutes', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => uploadAs(w.staffA.openid, 'jpg', 'visits')))
    const missing = `cloud://local-env.bucket/uploads/${w.staffA.openid}/visits/202611/NeverUploaded0001.jpg`
    const { data: links } = await probe(w.staffA.openid, { op: 'links', fileIds: [...ids, missing, ids[0]] })
    expect(Object.keys(links).sort()).toEqual([...ids].sort())
    for (const id of ids) expect(await (await fetch(links[id])).text()).toMatch(/^bytes of uploads\//)
    await moveClock(ATTACHMENT_LINK_SECONDS * 1000 - 1000)
    expect((await fetch(links[ids[0]])).status).toBe(200)
    await moveClock(2000)
    expect((await fetch(links[ids[0]])).status).toBe(403)
  })

  it('handles more ids than one getTempFileURL call takes (50)', async () => {
    const ids = await Promise.all(Array.from({ length: 55 }, () => uploadAs(w.liaison.openid)))
    const { ok, data } = await probe(w.liaison.openid, { op: 'links', fileIds: ids, maxAgeSeconds: 60 })
    expect(ok).toBe(true)
    expect(Object.keys(data)).toHaveLength(55)
  })
})

describe('exports: unguessable, linked for minutes, gone after a day', () => {
  const exportNow = async () => w.manager.call('dashboard', 'export', { period: { from: w.now - 30 * DAY, to: w.now + DAY } })

  it('writes exports/<date>-<128 random bits>.xlsx and links it for 15 minutes', async () => {
    const out = await exportNow()
    expect(out.fileID).toMatch(/\/exports\/2026-11-18-[0-9a-f]{32}\.xlsx$/)
    const first = await fetch(out.tempFileURL)
    expect(first.status).toBe(200)
    expect(Buffer.from(await first.arrayBuffer()).subarray(0, 2).toString()).toBe('PK')
    await moveClock(EXPORT_LINK_SECONDS * 1000 + 1000)
    expect((await fetch(out.tempFileURL)).status).toBe(403)
  })

  it('no name is the same twice, and a guessed or known name without a function\'s link opens nothing', async () => {
    const [a, b] = [await exportNow(), await exportNow()]
    expect(a.fileID).not.toBe(b.fileID)
    const path = /^cloud:\/\/[^/]+\/(.+)$/.exec(a.fileID)![1]
    expect((await fetch(`${app.cloud.url}/files/${path}`)).status).toBe(403)
    expect((await fetch(`${app.cloud.url}/files/${path.replace(/[0-9a-f]{8}\.xlsx$/, '00000000.xlsx')}`)).status).toBe(403)
    const asClient = await app.cloud.fetchJson('/dev/temp-file-urls', { method: 'POST', body: JSON.stringify({ fileList: [a.fileID] }), headers: { 'content-type': 'application/json', 'x-wx-openid': MANAGER } })
    expect(asClient.body.fileList[0]).toMatchObject({ status: -503002, tempFileURL: '' })
  })

  it('the hourly job deletes exports older than a day, once, and keeps younger ones', async () => {
    const fire = async (at: number) => {
      const { body } = await app.cloud.fetchJson('/dev/timers/jobs', { method: 'POST', body: JSON.stringify({ time: new Date(at).toISOString() }), headers: { 'content-type': 'application/json' } })
      expect(body.result?.ok).toBe(true)
      return body.result.data.exports
    }
    const records = async () => (await dumpCollections(app, ['exports'])).exports as { fileID: string; createdAt: number; createdBy: string }[]
    const old = await exportNow()
    await moveClock(2 * 3_600_000)
    const young = await exportNow()
    const all = await records()
    const createdAt = (fileID: string) => all.find((r) => r.fileID === fileID)!.createdAt
    expect(all.find((r) => r.fileID === old.fileID)).toMatchObject({ createdBy: MANAGER })
    const earliest = Math.min(...all.map((r) => r.createdAt))

    expect(await fire(earliest + DAY - 60_000)).toEqual({ deleted: 0, kept: 0 })
    const cleanupAt = createdAt(old.fileID) + DAY + 60_000
    const expected = all.filter((r) => r.createdAt < cleanupAt - DAY).length
    expect(await fire(cleanupAt)).toEqual({ deleted: expected, kept: 0 })
    expect((await records()).map((r) => r.fileID)).toEqual([young.fileID])
    const { data: links } = await probe(MANAGER, { op: 'links', fileIds: [old.fileID, young.fileID] })
    expect(Object.keys(links)).toEqual([young.fileID])
    // Fired again (a retried timer): nothing more to do.
    expect(await fire(cleanupAt)).toEqual({ deleted: 0, kept: 0 })
    expect((await records()).map((r) => r.fileID)).toEqual([young.fileID])
  })
})

test('every query the functions issued is served by an index declared in database/', async () => {
  expect(await unindexedQueries(app)).toEqual([])
})
