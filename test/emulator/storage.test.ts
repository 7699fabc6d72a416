// Storage through the real wx-server-sdk: uploadFile, getTempFileURL, downloadFile,
// deleteFile, from a function and from this test process; plus the client upload door.
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

const FILE_ID = /^cloud:\/\/local-env\.6c6f-local-env-1250000000\//

describe('storage from inside a function', () => {
  it('uploads, lists a temp URL, downloads and deletes a file with a non-ASCII path', async () => {
    const up = await cloud.call('files', { op: 'upload', cloudPath: 'visits/2026-W10/现场 照片.txt', text: '走访记录' })
    expect(up.result.fileID).toBe('cloud://local-env.6c6f-local-env-1250000000/visits/2026-W10/现场 照片.txt')
    const { fileID } = up.result
    const urls = await cloud.call('files', { op: 'url', fileIDs: [fileID] })
    const [entry] = urls.result.fileList
    expect(entry).toMatchObject({ fileID, status: 0, errMsg: 'ok' })
    expect(entry.tempFileURL.startsWith(`${cloud.url}/files/`)).toBe(true)
    expect(entry.tempFileURL).not.toContain('%')
    expect((await cloud.call('files', { op: 'download', fileID })).result.text).toBe('走访记录')
    const deleted = await cloud.call('files', { op: 'delete', fileIDs: [fileID] })
    expect(deleted.result.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }])
    const gone = await cloud.call('files', { op: 'download', fileID })
    expect(gone.result).toMatchObject({ ok: false, code: 'STORAGE_FILE_NONEXIST' })
  })

  it('answers a missing file per file, without failing the whole call', async () => {
    const missing = 'cloud://local-env.6c6f-local-env-1250000000/none.png'
    const urls = await cloud.call('files', { op: 'url', fileIDs: [missing] })
    expect(urls.result.fileList).toEqual([{ fileID: missing, status: -503003, errMsg: 'storage file not exists', tempFileURL: '', maxAge: expect.any(Number) }])
    const deleted = await cloud.call('files', { op: 'delete', fileIDs: [missing] })
    expect(deleted.result.fileList[0]).toMatchObject({ fileID: missing, status: -503003 })
  })
})

describe('storage from a separate SDK user (this test process)', () => {
  it('round-trips a binary file', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 13, 10])
    const { fileID } = await sdk.uploadFile({ cloudPath: 'bin/data.bin', fileContent: bytes })
    expect(fileID).toMatch(FILE_ID)
    const { fileContent } = await sdk.downloadFile({ fileID })
    expect(Buffer.compare(fileContent, bytes)).toBe(0)
  })

  it('overwrites the same cloudPath', async () => {
    await sdk.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('one') })
    const { fileID } = await sdk.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('two') })
    expect((await sdk.downloadFile({ fileID })).fileContent.toString()).toBe('two')
  })
})

describe('the client upload door (the H5 build\'s wx.cloud.uploadFile)', () => {
  const OWNER = 'o_owner_0001'
  const PHOTO = `uploads/${OWNER}/issues/202611/AbCdEfGh12345678.jpg`

  it('stores an owner\'s upload; the file is served only through a function-issued link', async () => {
    const { status, body } = await cloud.fetchJson(`/dev/upload?cloudPath=${PHOTO}`, { method: 'POST', body: Buffer.from('jpegbytes'), headers: { 'x-wx-openid': OWNER } })
    expect(status).toBe(200)
    expect(body.fileID).toMatch(FILE_ID)
    expect((await fetch(`${cloud.url}/files/${PHOTO}`)).status).toBe(403)
    const urls = await cloud.call('files', { op: 'url', fileIDs: [body.fileID] })
    const response = await fetch(urls.result.fileList[0].tempFileURL)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/jpeg')
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(await response.text()).toBe('jpegbytes')
    const { fileContent } = await sdk.downloadFile({ fileID: body.fileID })
    expect(fileContent.toString()).toBe('jpegbytes')
  })

  it('refuses paths that leave the storage folder', async () => {
    const upload = await cloud.fetchJson('/dev/upload?cloudPath=../../etc/x', { method: 'POST', body: 'x', headers: { 'x-wx-openid': OWNER } })
    expect(upload.status).toBe(403)
    expect((await fetch(`${cloud.url}/files/..%2F..%2Fsubscriptions.json`)).status).toBe(403)
  })
})
