/**
 * What a client may put into cloud storage, shared by the mini-program (where it uploads) and the
 * cloud functions (which files a record may cite). The platform's storage rule
 * (database/storage-rules.json) and the local cloud's client door enforce the same policy; a unit
 * test keeps the three in step.
 *
 * - Every client upload lives under `uploads/<openid>/<folder>/<yyyymm>/<random>.<ext>`.
 * - Photos: jpg, jpeg, png, webp. Materials (licences, contracts, tables): those plus pdf, doc,
 *   docx, xls, xlsx.
 * - At most 10 MB a file: a compressed phone photo is well under 1 MB and an original one 3–8 MB;
 *   a scanned licence or contract PDF is a few MB. Larger files are almost always videos or
 *   uncompressed scans that the desk does not need, and they cost every reader download time on a
 *   phone network.
 */

export const UPLOAD_ROOT = 'uploads'
export const UPLOAD_FOLDERS = ['issues', 'visits', 'materials'] as const
export type UploadFolder = (typeof UPLOAD_FOLDERS)[number]

export const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp'] as const
export const DOCUMENT_EXTENSIONS = ['pdf', 'doc', 'docx', 'xls', 'xlsx'] as const
export const UPLOAD_EXTENSIONS = [...PHOTO_EXTENSIONS, ...DOCUMENT_EXTENSIONS] as const
export type UploadExtension = (typeof UPLOAD_EXTENSIONS)[number]

/** 10 MB (see above). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** What a record may cite: photos only, or photos and documents. */
export type AttachmentKind = 'photos' | 'materials'

export const EXTENSIONS_BY_KIND: Record<AttachmentKind, readonly UploadExtension[]> = {
  photos: PHOTO_EXTENSIONS,
  materials: UPLOAD_EXTENSIONS,
}

/** An OPENID as it may appear in a path: WeChat's are 28 characters of [A-Za-z0-9_-]. */
export const OPENID_IN_PATH = /^[A-Za-z0-9_-]{6,64}$/

/** The shape of every client upload path: character for character the pattern the storage rule tests. */
export const UPLOAD_PATH = /^uploads\/[A-Za-z0-9_-]{6,64}\/(issues|visits|materials)\/[0-9]{6}\/[A-Za-z0-9]{16,64}\.(jpg|jpeg|png|webp|pdf|doc|docx|xls|xlsx)$/

/** `uploads/<openid>/`: the only prefix a client may write under. */
export const uploadPrefixOf = (openid: string): string => `${UPLOAD_ROOT}/${openid}/`

/** The lower-case extension of a file name or path ('' when it has none). */
export function extensionOf(name: string): string {
  const base = name.split(/[?#]/)[0].split('/').pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

export interface UploadPathParts {
  openid: string
  folder: UploadFolder
  yyyymm: string
  extension: UploadExtension
}

/** The parts of a client upload path, or undefined when the path is not one. */
export function parseUploadPath(cloudPath: string): UploadPathParts | undefined {
  if (!UPLOAD_PATH.test(cloudPath)) return undefined
  const [, openid, folder, yyyymm, name] = cloudPath.split('/')
  return { openid, folder: folder as UploadFolder, yyyymm, extension: extensionOf(name) as UploadExtension }
}

/** `cloud://<env>.<bucket>/<path>` → `<path>`; undefined for anything else. */
export function cloudPathOfFileId(fileID: string): string | undefined {
  const m = /^cloud:\/\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\/([^?#]+)$/.exec(fileID)
  if (!m) return undefined
  const segments = m[1].split('/')
  return segments.some((s) => s === '' || s === '.' || s === '..') ? undefined : m[1]
}

/**
 * How long a function-issued link to an attachment lives: 10 minutes. A view is rendered seconds
 * after its call and a phone loads its images while the page is open; a page left open longer
 * reloads its view (and fresh links) when it is shown again. Short enough that a link copied out
 * of the app — into a chat, a browser history — is dead before it can travel far.
 */
export const ATTACHMENT_LINK_SECONDS = 10 * 60

/**
 * How long the link to an export lives: 15 minutes — the download starts at once, and 复制下载链接
 * to open it on a computer takes a minute or two. Every export carries all of the zone's issues.
 */
export const EXPORT_LINK_SECONDS = 15 * 60

/** Exports are deleted by the hourly job once older than a day. */
export const EXPORT_RETENTION_MS = 24 * 3600 * 1000
