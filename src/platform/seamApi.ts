/**
 * The one seam for platform differences. `seam.weapp.ts` talks to WeChat, `seam.h5.ts` to the local
 * cloud; Taro's multi-platform resolver picks one per build, so h5-only code never enters the weapp
 * bundle. `seam.ts` is the typed default that tsc checks and jest resolves.
 */
import type { GeoPoint } from '../domain/types'
import { type UploadExtension, type UploadFolder, uploadPrefixOf } from '../domain/uploads'

/** A photo chosen on the device, before upload. */
export interface LocalFile {
  /** Local path (weapp) or object URL (h5), usable as an Image src. */
  path: string
  size: number
  /** h5 only: the picked file's bytes. */
  blob?: Blob
  /** h5 only: the picked file's name (weapp temp paths carry the extension themselves). */
  name?: string
}

/** What the function answered: the envelope, or a transport failure. */
export type RawCallResult = { result: unknown } | { transportError: string }

export interface Platform {
  kind: 'weapp' | 'h5' | 'test'
  /** Invokes a cloud function with `{ action, input, ...extra }`. Never throws. */
  callFunction(name: string, data: Record<string, unknown>): Promise<RawCallResult>
  /** Opened from a WeChat group (chatType 3/4, scene 1008/1044; h5: the dev group switch). */
  openedFromGroup(): boolean
  /**
   * The CloudID of the group the app was opened from, ready to go as the TOP-LEVEL `group` field of
   * an event; undefined when not opened from a group (or the group cannot be read).
   */
  groupCloudId(): Promise<unknown | undefined>
  /** Must be called synchronously from a tap handler. Resolves to templateId → 'accept' | 'reject' | … */
  requestSubscribe(templateIds: string[]): Promise<Record<string, string>>
  /** GCJ-02 position with its accuracy in metres. */
  getLocation(): Promise<GeoPoint>
  choosePhotos(max: number): Promise<LocalFile[]>
  /**
   * Uploads to cloud storage as the signed-in user (the storage rule admits only `cloudPathFor`'s
   * paths under the user's own prefix); resolves to the fileID.
   */
  uploadFile(file: LocalFile, cloudPath: string): Promise<string>
  /**
   * What an Image can show for a file: a function-issued link (http/https) as is, or the local
   * preview of a file uploaded from this device in this session. Clients read no file from storage
   * directly, so any other fileID shows nothing until a function issues its link.
   */
  displayUrl(fileID: string): string
  /** The client's own getTempFileURL: the storage rule lets clients read nothing, so expect no links. Views get links from the functions. */
  tempUrls(fileIDs: string[]): Promise<Record<string, string>>
  /** Opens a document (export) by URL: WeChat's viewer, or a new browser tab. */
  openDocument(url: string): Promise<void>
  /** Shows the share menu with shareTicket (weapp); no-op on h5. */
  enableGroupShare(): void
}

/** Random id for drafts and uploads: letters and digits only (matches the server's id patterns). */
export function randomId(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)]
  return out
}

/**
 * `uploads/<openid>/<folder>/<yyyymm>/<random>.<ext>` — the only shape the storage rule lets a client
 * write: under its own OPENID (from me.whoami), month folders keep the bucket browsable, the random
 * name (24 letters and digits) keeps uploads from colliding.
 */
export function cloudPathFor(folder: UploadFolder, openid: string, extension: UploadExtension, now = Date.now()): string {
  const d = new Date(now + 8 * 3_600_000)
  const yyyymm = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  return `${uploadPrefixOf(openid)}${folder}/${yyyymm}/${randomId(24)}.${extension}`
}

const localPreviews = new Map<string, string>()

/** Remembers what the device shows for a file it just uploaded (a temp path or an object URL). */
export function rememberLocalPreview(fileID: string, localPath: string): void {
  localPreviews.set(fileID, localPath)
}

/** The local preview of a file uploaded from this device in this session, if any. */
export const localPreviewOf = (fileID: string): string | undefined => localPreviews.get(fileID)

/** A link an Image can show as is: a function-issued http(s) URL. */
export const isWebLink = (url: string): boolean => /^https?:\/\//.test(url)
