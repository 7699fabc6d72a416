// Cloud storage: files live under <data>/storage/<cloudPath>; upload and download
// URLs point back at the emulator (PUT /cos/<path>, GET /files/<path>).
import fs from 'node:fs'
import path from 'node:path'
import { FILE_ID_PREFIX } from '../env'

const DEFAULT_MAX_AGE = 7200

export class StorageService {
  readonly root: string
  private baseUrl = ''

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'storage')
  }

  async start(baseUrl: string): Promise<void> {
    this.baseUrl = baseUrl
    fs.mkdirSync(this.root, { recursive: true })
  }

  async stop(): Promise<void> {}

  getInfo() {
    return { name: 'storage', root: this.root }
  }

  reset(): void {
    fs.rmSync(this.root, { recursive: true, force: true })
    fs.mkdirSync(this.root, { recursive: true })
  }

  fileIdFor(cloudPath: string): string {
    return FILE_ID_PREFIX + cloudPath
  }

  /** `storage.getUploadMetadata` → where the SDK should PUT the bytes. */
  uploadMetadata(body: any): any {
    const cloudPath = normalizeCloudPath(body.path)
    if (!cloudPath) return { code: 'INVALID_PARAM', message: 'path is required and must be a relative cloud path' }
    return {
      data: {
        url: `${this.baseUrl}/cos/${encodeURIComponent(cloudPath)}`,
        token: 'local-token',
        authorization: 'local-authorization',
        fileId: this.fileIdFor(cloudPath),
        cosFileId: `cos-${Buffer.from(cloudPath).toString('hex')}`,
      },
    }
  }

  /** Writes a file; returns its fileID, or undefined for a bad path. */
  write(cloudPath: string, bytes: Buffer): string | undefined {
    const file = this.fileFor(cloudPath)
    if (!file) return undefined
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, bytes)
    return this.fileIdFor(normalizeCloudPath(cloudPath)!)
  }

  read(cloudPath: string): Buffer | undefined {
    const file = this.fileFor(cloudPath)
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined
    return fs.readFileSync(file)
  }

  /** `storage.batchGetDownloadUrl` */
  downloadUrls(body: any): any {
    if (!Array.isArray(body.file_list)) return { code: 'INVALID_PARAM', message: 'file_list must be an array' }
    const downloadList = body.file_list.map((entry: any) => {
      const fileID = String(entry?.fileid ?? '')
      const maxAge = Number(entry?.max_age) || DEFAULT_MAX_AGE
      const cloudPath = this.cloudPathOf(fileID)
      if (!cloudPath || !this.read(cloudPath)) return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge }
      return { fileID, tempFileURL: `${this.baseUrl}/files/${urlSafePath(cloudPath)}`, code: 'SUCCESS', maxAge }
    })
    return { data: { download_list: downloadList } }
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
      return { fileID, code: 'SUCCESS' }
    })
    return { data: { delete_list: deleteList } }
  }

  /** cloud://<env>.<bucket>/<path> → <path>; any env/bucket is accepted. */
  cloudPathOf(fileID: string): string | undefined {
    const match = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
    return match ? normalizeCloudPath(match[1]) : undefined
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
