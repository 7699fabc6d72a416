// Cloud storage: files live under <data>/storage/<cloudPath>; who uploaded each client file (its
// `resource.openid`) and the URL-signing key live in <data>/storage-meta.json.
//
// Two doors, as on the real cloud:
// - the admin door (the SDK's storage.* actions, i.e. cloud functions): no rules apply;
// - the client door (what wx.cloud.uploadFile / getTempFileURL from the mini-program reach; the
//   H5 build's POST /dev/upload and /dev/temp-file-urls): database/storage-rules.json applies.
// Every URL handed out is signed and expires (urlSigner.ts): PUT /cos/<path> for the SDK's upload,
// GET /files/<path>?sign=…&t=… for downloads.
import fs from 'node:fs'
import path from 'node:path'
import { FILE_ID_PREFIX } from '../env'
import { JsonFile } from '../jsonFile'
import { type Refusal, StorageRules } from './storageRules'
import { UrlSigner, type Verdict } from './urlSigner'

/** getTempFileURL without maxAge: the server SDK's reference gives private files ten minutes. */
export const DEFAULT_MAX_AGE_SECONDS = 600
/** The platform resolves at most 50 file ids per getTempFileURL call. */
export const MAX_FILES_PER_URL_CALL = 50
/** How long the SDK's upload URL (step 2 of uploadFile) stays valid. */
const UPLOAD_URL_SECONDS = 600

interface StorageMeta { signingKey: string; owners: Record<string, string> }

export interface StorageOptions {
  now: () => number
  rules: StorageRules
}

export class StorageService {
  readonly root: string
  readonly rules: StorageRules
  private baseUrl = ''
  private readonly metaFile: JsonFile<StorageMeta>
  private readonly meta: StorageMeta
  private readonly signer: UrlSigner

  constructor(dataDir: string, private readonly opts: StorageOptions) {
    this.root = path.join(dataDir, 'storage')
    this.rules = opts.rules
    this.metaFile = new JsonFile<StorageMeta>(path.join(dataDir, 'storage-meta.json'), () => ({ signingKey: '', owners: {} }))
    this.meta = this.metaFile.read()
    if (!/^[0-9a-f]{64}$/.test(this.meta.signingKey)) {
      this.meta.signingKey = UrlSigner.newKey().toString('hex')
      this.meta.owners = this.meta.owners ?? {}
    }
    this.signer = new UrlSigner(Buffer.from(this.meta.signingKey, 'hex'))
  }

  async start(baseUrl: string): Promise<void> {
    this.baseUrl = baseUrl
    fs.mkdirSync(this.root, { recursive: true })
    this.metaFile.write(this.meta)
  }

  async stop(): Promise<void> {}

  getInfo() {
    return { name: 'storage', root: this.root, rules: this.rules.json.rule }
  }

  /** Drops every file and owner; the signing key stays. */
  reset(): void {
    fs.rmSync(this.root, { recursive: true, force: true })
    fs.mkdirSync(this.root, { recursive: true })
    this.meta.owners = {}
    this.metaFile.write(this.meta)
  }

  /** Every file (cloud path → bytes, base64) and its owner; the signing key is not part of it. */
  capture(): { files: Record<string, string>; owners: Record<string, string> } {
    const files: Record<string, string> = {}
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(full)
        else if (entry.isFile()) files[path.relative(this.root, full).split(path.sep).join('/')] = fs.readFileSync(full).toString('base64')
      }
    }
    if (fs.existsSync(this.root)) walk(this.root)
    return { files, owners: { ...this.meta.owners } }
  }

  /** reset(), then exactly the captured files and owners. */
  restore(captured: { files: Record<string, string>; owners: Record<string, string> }): void {
    this.reset()
    for (const [cloudPath, base64] of Object.entries(captured.files)) {
      const file = path.resolve(this.root, cloudPath)
      if (!file.startsWith(this.root + path.sep)) throw new Error(`a snapshot file outside storage: ${cloudPath}`)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, Buffer.from(base64, 'base64'))
    }
    this.meta.owners = { ...captured.owners }
    this.metaFile.write(this.meta)
  }

  fileIdFor(cloudPath: string): string {
    return FILE_ID_PREFIX + cloudPath
  }

  private nowSeconds(): number {
    return Math.floor(this.opts.now() / 1000)
  }

  // ---- admin door (the SDK) ------------------------------------------------------------------

  /** `storage.getUploadMetadata` → where (and with which signature) the SDK should PUT the bytes. */
  uploadMetadata(body: any): any {
    const cloudPath = normalizeCloudPath(body.path)
    if (!cloudPath) return { code: 'INVALID_PARAM', message: 'path is required and must be a relative cloud path' }
    const expiresAt = this.nowSeconds() + UPLOAD_URL_SECONDS
    return {
      data: {
        url: `${this.baseUrl}/cos/${encodeURIComponent(cloudPath)}`,
        token: String(expiresAt),
        authorization: this.signer.sign('put', cloudPath, expiresAt),
        fileId: this.fileIdFor(cloudPath),
        cosFileId: `cos-${Buffer.from(cloudPath).toString('hex')}`,
      },
    }
  }

  /** PUT /cos/<path>: the SDK sends `authorization` and `x-cos-security-token` from uploadMetadata. */
  verifyUpload(cloudPath: string, authorization: string | undefined, token: string | undefined): Verdict {
    return this.signer.verify('put', cloudPath, authorization, token, this.opts.now())
  }

  /** `storage.batchGetDownloadUrl`: a signed URL per existing file, valid `max_age` seconds. */
  downloadUrls(body: any): any {
    if (!Array.isArray(body.file_list)) return { code: 'INVALID_PARAM', message: 'file_list must be an array' }
    if (body.file_list.length > MAX_FILES_PER_URL_CALL) {
      return { code: 'INVALID_PARAM', message: `file_list has ${body.file_list.length} entries; at most ${MAX_FILES_PER_URL_CALL} per call` }
    }
    const downloadList = body.file_list.map((entry: any) => {
      const fileID = String(entry?.fileid ?? '')
      const requested = Number(entry?.max_age)
      const maxAge = Number.isInteger(requested) && requested > 0 ? requested : DEFAULT_MAX_AGE_SECONDS
      const cloudPath = this.cloudPathOf(fileID)
      if (!cloudPath || !this.read(cloudPath)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge }
      return { fileID, tempFileURL: this.signedDownloadUrl(cloudPath, maxAge), code: 'SUCCESS', maxAge }
    })
    return { data: { download_list: downloadList } }
  }

  /** GET /files/<path>?sign=…&t=… */
  verifyDownload(cloudPath: string, sign: string | null, t: string | null): Verdict {
    return this.signer.verify('get', cloudPath, sign, t, this.opts.now())
  }

  /** `storage.batchDeleteFile` */
  deleteFiles(body: any): any {
    if (!Array.isArray(body.fileid_list)) return { code: 'INVALID_PARAM', message: 'fileid_list must be an array' }
    const deleteList = body.fileid_list.map((raw: unknown) => {
      const fileID = String(raw ?? '')
      const cloudPath = this.cloudPathOf(fileID)
      const file = cloudPath ? this.fileFor(cloudPath) : undefined
      if (!file || !fs.existsSync(file)) return { fileID, code: 'STORAGE_FILE_NONEXIST' }
      fs.rmSync(file, { force: true })
      this.setOwner(cloudPath!, undefined)
      return { fileID, code: 'SUCCESS' }
    })
    return { data: { delete_list: deleteList } }
  }

  // ---- client door (the mini-program; the rules apply) -----------------------------------------

  /** A client upload as `openid` (undefined: not signed in); `size` is the body's full length. */
  clientUpload(openid: string | undefined, rawPath: string, bytes: Buffer, size: number): { fileID: string } | Refusal {
    const cloudPath = normalizeCloudPath(rawPath)
    if (!cloudPath || cloudPath !== rawPath) return { code: 'STORAGE_EXCEED_AUTHORITY', message: 'cloudPath must be a relative path without ./ or ../ segments' }
    const owner = this.read(cloudPath) ? this.ownerOf(cloudPath) : openid
    const refusal = this.rules.checkClientWrite({ openid, cloudPath, size, owner, now: this.opts.now() })
    if (refusal) return refusal
    return { fileID: this.write(cloudPath, bytes, openid) }
  }

  /** A client's getTempFileURL: each file is checked against the read rule. */
  clientDownloadUrls(openid: string | undefined, fileList: unknown): any {
    if (!Array.isArray(fileList)) return { code: 'INVALID_PARAM', message: 'fileList must be an array' }
    return {
      fileList: fileList.map((entry: any) => {
        const fileID = String(typeof entry === 'string' ? entry : entry?.fileID ?? '')
        const cloudPath = this.cloudPathOf(fileID)
        // The rule is judged before existence, so a refused caller cannot probe which files exist.
        const refusal = this.rules.checkClientRead({ openid, cloudPath: cloudPath ?? '', owner: cloudPath && this.ownerOf(cloudPath), now: this.opts.now() })
        if (refusal) return { fileID, tempFileURL: '', status: -503002, errMsg: `${refusal.code}: ${refusal.message}` }
        if (!cloudPath || !this.read(cloudPath)) return { fileID, tempFileURL: '', status: -503003, errMsg: 'STORAGE_FILE_NONEXIST' }
        const maxAge = Number(entry?.maxAge) > 0 ? Number(entry.maxAge) : DEFAULT_MAX_AGE_SECONDS
        return { fileID, tempFileURL: this.signedDownloadUrl(cloudPath, maxAge), status: 0, errMsg: 'ok', maxAge }
      }),
    }
  }

  // ---- files ------------------------------------------------------------------------------------

  /** Writes a file (owner: the uploading client's OPENID, none for the admin door); returns its fileID. */
  write(cloudPath: string, bytes: Buffer, owner?: string): string {
    const normalized = normalizeCloudPath(cloudPath)
    if (!normalized) throw new Error(`not a cloud path: ${cloudPath}`)
    const file = this.fileFor(normalized)!
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, bytes)
    this.setOwner(normalized, owner)
    return this.fileIdFor(normalized)
  }

  read(cloudPath: string): Buffer | undefined {
    const file = this.fileFor(cloudPath)
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined
    return fs.readFileSync(file)
  }

  ownerOf(cloudPath: string): string | undefined {
    return this.meta.owners[cloudPath]
  }

  /** cloud://<env>.<bucket>/<path> → <path>; any env/bucket is accepted. */
  cloudPathOf(fileID: string): string | undefined {
    const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
    return match ? normalizeCloudPath(match[1]) : undefined
  }

  private signedDownloadUrl(cloudPath: string, maxAgeSeconds: number): string {
    const expiresAt = this.nowSeconds() + maxAgeSeconds
    return `${this.baseUrl}/files/${urlSafePath(cloudPath)}?sign=${this.signer.sign('get', cloudPath, expiresAt)}&t=${expiresAt}`
  }

  private setOwner(cloudPath: string, owner: string | undefined): void {
    if (owner === this.meta.owners[cloudPath]) return
    if (owner) this.meta.owners[cloudPath] = owner
    else delete this.meta.owners[cloudPath]
    this.metaFile.write(this.meta)
  }

  private fileFor(cloudPath: string): string | undefined {
    const normalized = normalizeCloudPath(cloudPath)
    return normalized ? path.join(this.root, ...normalized.split('/')) : undefined
  }
}

/** A relative, traversal-free cloud path, or undefined. */
export function normalizeCloudPath(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined
  const segments = raw.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.')
  if (segments.length === 0 || segments.some((s) => s === '..' || s.includes('\0'))) return undefined
  return segments.join('/')
}

/**
 * The SDK GETs encodeURI(tempFileURL), which would double-encode any %-escape, so the URL
 * carries the path raw and only characters that would end the path (? #) and % are escaped.
 */
function urlSafePath(cloudPath: string): string {
  return cloudPath.replace(/[%?#]/g, (c) => encodeURIComponent(c))
}
