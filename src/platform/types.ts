/**
 * The one seam for platform differences. `seam.weapp.ts` talks to WeChat, `seam.h5.ts` to the local
 * cloud; Taro's multi-platform resolver picks one per build, so h5-only code never enters the weapp
 * bundle. `seam.ts` is the typed default that tsc checks and jest resolves.
 */
import type { GeoPoint } from '../domain/types'

/** A photo chosen on the device, before upload. */
export interface LocalFile {
  /** Local path (weapp) or object URL (h5), usable as an Image src. */
  path: string
  size: number
  /** h5 only: the picked file's bytes. */
  blob?: Blob
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
  /** Uploads to cloud storage; resolves to the fileID. */
  uploadFile(file: LocalFile, cloudPath: string): Promise<string>
  /** A URL an Image can show for a fileID (weapp shows cloud:// ids directly). */
  displayUrl(fileID: string): string
  /** Downloadable URLs for fileIDs. */
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

/** `issues/202611/Ab3…x.jpg`: month folders keep the bucket browsable. */
export function cloudPathFor(folder: 'issues' | 'visits', now = Date.now()): string {
  const d = new Date(now + 8 * 3_600_000)
  const yyyymm = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`
  return `${folder}/${yyyymm}/${randomId(24)}.jpg`
}
