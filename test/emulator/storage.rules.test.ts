// Files stay private: the client upload door enforces database/storage-rules.json, clients read
// nothing directly, and the storage answers only signed, expiring links issued to functions.
// Everything runs against the real wx-server-sdk; time moves with POST /dev/clock.
import storageRules from '../../database/storage-rules.json'
import { FIXTURE_FUNCTIONS, LocalCloudHandle, startLocalCloud, useLocalCloudEnv } from '../support/localCloud'

jest.setTimeout(60_000)

let cloud: LocalCloudHandle
let sdk: any
beforeAll(async () => {
  cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS })
  useLocalCloudEnv(cloud)
  sdk = require('wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
})
afterAll(async () => { await cloud?.stop() })
beforeEach(async () => { await cloud.reset() })

const OWNER = 'o_owner_0001'
const OTHER = 'o_other_0002'
const MAX_BYTES: number = storageRules.uploads.maxBytes
const pathOf = (openid: string, name = 'AbCdEfGh12345678.jpg', folder = 'issues') => `uploads/${openid}/${folder}/202611/${name}`

async function upload(openid: string | undefined, cloudPath: string, body: Uint8Array<ArrayBuffer> | string = 'bytes') {
  const headers: Record<string, string> = openid ? { 'x-wx-openid': openid } : {}
  return cloud.fetchJson(`/dev/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', body, headers })
}

async function expectRefused(reply: { status: number; body: any }, why: RegExp) {
  expect(reply.status).toBe(403)
  expect(reply.body).toMatchObject({ errCode: -503002, code: 'STORAGE_EXCEED_AUTHORITY' })
  expect(reply.body.errMsg).toMatch(/^uploadFile:fail STORAGE_EXCEED_AUTHORITY/)
  expect(reply.body.errMsg).toMatch(why)
}

/** A function's getTempFileURL (admin: the rules do not apply). */
async function linkFor(fileID: string, maxAge?: number): Promise<string> {
  const { result } = await cloud.call('files', { op: 'url', fileIDs: [maxAge === undefined ? fileID : { fileID, maxAge }] })
  expect(result.fileList[0]).toMatchObject({ status: 0 })
  return result.fileList[0].tempFileURL
}

const advanceClock = (ms: number) => cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ advanceMs: ms }) })

async function cosError(response: Response): Promise<string> {
  return /<Code>([^<]+)<\/Code><Message>([^<]*)<\/Message>/.exec(await response.text())!.slice(1).join(': ')
}

describe('the client upload door', () => {
  it('accepts an owner\'s photo, document and spreadsheet under their own prefix', async () => {
    for (const name of ['AbCdEfGh12345678.jpg', 'AbCdEfGh12345678.webp', 'LicenceScan000001.pdf', 'ContractDraft0001.docx', 'PriceTable0000001.xlsx']) {
      const reply = await upload(OWNER, pathOf(OWNER, name, name.endsWith('jpg') || name.endsWith('webp') ? 'issues' : 'materials'))
      expect([name, reply.status]).toEqual([name, 200])
      expect(reply.body.fileID).toMatch(new RegExp(`^cloud://local-env\\.[^/]+/uploads/${OWNER}/`))
    }
  })

  it('refuses a client with no openid', async () => {
    await expectRefused(await upload(undefined, pathOf(OWNER)), /signed in/)
  })

  it('refuses another user\'s prefix, and paths outside uploads/', async () => {
    await expectRefused(await upload(OTHER, pathOf(OWNER)), /only under uploads\/o_other_0002\//)
    await expectRefused(await upload(OWNER, 'exports/2026-11-18-0123456789abcdef.xlsx'), /only under/)
    await expectRefused(await upload(OWNER, `uploads/${OWNER}`), /only under/)
  })

  it('refuses types outside the list, whatever the bytes are', async () => {
    for (const name of ['AbCdEfGh12345678.exe', 'AbCdEfGh12345678.svg', 'AbCdEfGh12345678.gif', 'AbCdEfGh12345678', 'AbCdEfGh12345678.JPG', 'AbCdEfGh12345678.jpg.html']) {
      await expectRefused(await upload(OWNER, pathOf(OWNER, name)), /file type/)
    }
  })

  it(`refuses a file over ${MAX_BYTES} bytes and takes one of exactly that size`, async () => {
    await expectRefused(await upload(OWNER, pathOf(OWNER), Buffer.alloc(MAX_BYTES + 1)), /over the 10485760-byte limit/)
    const atLimit = await upload(OWNER, pathOf(OWNER), Buffer.alloc(MAX_BYTES))
    expect(atLimit.status).toBe(200)
    expect((await sdk.downloadFile({ fileID: atLimit.body.fileID })).fileContent.length).toBe(MAX_BYTES)
  })

  it('applies the rule expression itself: folder, month and name must have the upload shape', async () => {
    await expectRefused(await upload(OWNER, `uploads/${OWNER}/secrets/202611/AbCdEfGh12345678.jpg`), /security rule/)
    await expectRefused(await upload(OWNER, `uploads/${OWNER}/issues/2026-11/AbCdEfGh12345678.jpg`), /security rule/)
    await expectRefused(await upload(OWNER, `uploads/${OWNER}/issues/202611/short.jpg`), /security rule/)
  })

  it('lets an owner overwrite their own upload but not a file a function put under their prefix', async () => {
    expect((await upload(OWNER, pathOf(OWNER), 'one')).status).toBe(200)
    const again = await upload(OWNER, pathOf(OWNER), 'two')
    expect(again.status).toBe(200)
    expect((await sdk.downloadFile({ fileID: again.body.fileID })).fileContent.toString()).toBe('two')
    // A function (admin) writes anywhere; the file then has no owner, so resource.openid != auth.openid.
    const planted = pathOf(OWNER, 'WrittenByFunction1.pdf', 'materials')
    const { fileID } = await sdk.uploadFile({ cloudPath: planted, fileContent: Buffer.from('admin') })
    await expectRefused(await upload(OWNER, planted, 'client'), /security rule/)
    expect((await sdk.downloadFile({ fileID })).fileContent.toString()).toBe('admin')
  })

  it('has no back door: the SDK\'s upload URL needs the signature getUploadMetadata issued', async () => {
    const target = encodeURIComponent(pathOf(OWNER))
    const bare = await fetch(`${cloud.url}/cos/${target}`, { method: 'PUT', body: 'sneaky' })
    expect([bare.status, await cosError(bare)]).toEqual([403, 'AccessDenied: Access Denied.'])
    const forged = await fetch(`${cloud.url}/cos/${target}`, { method: 'PUT', body: 'sneaky', headers: { authorization: 'a'.repeat(64), 'x-cos-security-token': '9999999999' } })
    expect([forged.status, await cosError(forged)]).toEqual([403, 'SignatureDoesNotMatch: The Signature you specified is invalid.'])
    const urls = await cloud.call('files', { op: 'url', fileIDs: [`cloud://local-env.bucket/${pathOf(OWNER)}`] })
    expect(urls.result.fileList[0].status).toBe(-503003)
  })
})

describe('downloads: only signed, expiring links issued to functions', () => {
  let fileID: string
  beforeEach(async () => {
    fileID = (await upload(OWNER, pathOf(OWNER), 'site photo')).body.fileID
  })

  it('a stranger who knows the path gets 403 AccessDenied', async () => {
    const response = await fetch(`${cloud.url}/files/${pathOf(OWNER)}`)
    expect([response.status, await cosError(response)]).toEqual([403, 'AccessDenied: Access Denied.'])
  })

  it('no client may ask for a link — not another user, not one without openid, not even the owner', async () => {
    for (const openid of [OTHER, undefined, OWNER]) {
      const { status, body } = await cloud.fetchJson('/dev/temp-file-urls', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
        body: JSON.stringify({ fileList: [fileID, { fileID: 'cloud://local-env.bucket/exports/none.xlsx', maxAge: 60 }] }),
      })
      expect(status).toBe(200)
      expect(body.fileList).toEqual([
        { fileID, tempFileURL: '', status: -503002, errMsg: expect.stringMatching(/^STORAGE_EXCEED_AUTHORITY/) },
        { fileID: 'cloud://local-env.bucket/exports/none.xlsx', tempFileURL: '', status: -503002, errMsg: expect.stringMatching(/^STORAGE_EXCEED_AUTHORITY/) },
      ])
    }
  })

  it('a function\'s link opens until its maxAge has passed on the local cloud\'s clock', async () => {
    const url = await linkFor(fileID, 60)
    expect(url).toMatch(/\?sign=[0-9a-f]{64}&t=\d+$/)
    expect(await (await fetch(url)).text()).toBe('site photo')
    await advanceClock(59_000)
    expect((await fetch(url)).status).toBe(200)
    await advanceClock(2_000)
    const expired = await fetch(url)
    expect([expired.status, await cosError(expired)]).toEqual([403, 'AccessDenied: Request has expired'])
  })

  it('a link without maxAge lives ten minutes', async () => {
    const url = await linkFor(fileID)
    await advanceClock(599_000)
    expect((await fetch(url)).status).toBe(200)
    await advanceClock(2_000)
    expect((await fetch(url)).status).toBe(403)
  })

  it('a tampered signature, a stretched expiry or a link moved to another file answer 403 SignatureDoesNotMatch', async () => {
    const other = (await upload(OTHER, pathOf(OTHER), 'not yours')).body.fileID
    const url = new URL(await linkFor(fileID, 60))
    const sign = url.searchParams.get('sign')!
    const tampered = new URL(url); tampered.searchParams.set('sign', `${sign[0] === 'a' ? 'b' : 'a'}${sign.slice(1)}`)
    const stretched = new URL(url); stretched.searchParams.set('t', String(Number(url.searchParams.get('t')) + 86_400))
    const moved = new URL(url); moved.pathname = `/files/${/^cloud:\/\/[^/]+\/(.+)$/.exec(other)![1]}`
    const truncated = new URL(url); truncated.searchParams.set('sign', sign.slice(0, 10))
    for (const bad of [tampered, stretched, moved, truncated]) {
      const response = await fetch(bad)
      expect([bad.search, response.status, await cosError(response)]).toEqual([bad.search, 403, 'SignatureDoesNotMatch: The Signature you specified is invalid.'])
    }
  })

  it('a deleted file answers 404 NoSuchKey through a link that is still valid', async () => {
    const url = await linkFor(fileID, 60)
    await cloud.call('files', { op: 'delete', fileIDs: [fileID] })
    const gone = await fetch(url)
    expect([gone.status, await cosError(gone)]).toEqual([404, 'NoSuchKey: The specified key does not exist.'])
  })

  it('a guessed export name gets nothing: no file, no link, 403 at the door', async () => {
    const { fileID: exportId } = await sdk.uploadFile({ cloudPath: 'exports/2026-11-18-0123456789abcdef0123456789abcdef.xlsx', fileContent: Buffer.from('zone') })
    const guessed = await fetch(`${cloud.url}/files/exports/2026-11-18-0123456789abcdef0123456789abcdef.xlsx`)
    expect(guessed.status).toBe(403)
    const withFakeLink = await fetch(`${cloud.url}/files/exports/2026-11-18-0123456789abcdef0123456789abcdef.xlsx?sign=${'0'.repeat(64)}&t=9999999999`)
    expect(withFakeLink.status).toBe(403)
    expect(await (await fetch(await linkFor(exportId, 60))).text()).toBe('zone')
  })

  it('a getTempFileURL of more than 50 files is refused, as on the platform', async () => {
    const { result } = await cloud.call('files', { op: 'url', fileIDs: Array.from({ length: 51 }, () => fileID) })
    expect(result).toMatchObject({ ok: false, code: 'INVALID_PARAM' })
  })

  it('links survive a restart of the local cloud (the signing key lives in the data dir)', async () => {
    const url = await linkFor(fileID, 600)
    await cloud.restart()
    const sameUrl = url.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${cloud.port}`)
    expect(await (await fetch(sameUrl)).text()).toBe('site photo')
  })
})
