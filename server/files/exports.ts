/**
 * The managers' spreadsheets (every issue of the zone): written under a name nobody can guess,
 * handed out as a link that lives minutes, and deleted by the hourly job once a day old.
 *
 * - Name: `exports/<yyyy-mm-dd>-<32 hex>.xlsx`, the hex being 128 bits from node:crypto — guessing
 *   one is hopeless, and even a known name gives a client nothing (the storage rule lets clients
 *   read no file; only a function-issued, signed link opens it).
 * - Each export is recorded in `exports` ({ _id: the hex, fileID, cloudPath, createdAt, createdBy }),
 *   because storage cannot be listed from a function: the record is how the job finds it.
 */
import { randomBytes } from 'crypto'
import { EXPORT_LINK_SECONDS, EXPORT_RETENTION_MS } from '../../src/domain/uploads'
import { ymdOf } from '../../src/domain/time'
import { exportsMadeBefore, removeExportRecords, saveExportRecord } from '../repo/exports'
import { getCloud } from '../runtime/cloud'
import { linksFor } from './links'

/** Bytes of randomness in an export's name: 16 = 128 bits. */
export const EXPORT_NAME_BYTES = 16
/** Records handled per round of the clean-up (one deleteFile call each). */
const CLEANUP_BATCH = 50
const CLEANUP_MAX_ROUNDS = 20

/** `exports/2026-11-18-<32 hex>.xlsx` (the date in Asia/Shanghai) and its random part; `.docx` for a bulletin. */
export function newExportName(now: number, ext: 'xlsx' | 'docx' = 'xlsx'): { id: string; cloudPath: string } {
  const id = randomBytes(EXPORT_NAME_BYTES).toString('hex')
  return { id, cloudPath: `exports/${ymdOf(now)}-${id}.${ext}` }
}

/**
 * Uploads an export, records it for the clean-up, and returns a link valid EXPORT_LINK_SECONDS.
 * The record is written after the upload: a crash in between leaves one unreferenced file, never a
 * record pointing at nothing the job could not handle.
 */
export async function saveExport(file: Buffer, now: number, createdBy: string, ext: 'xlsx' | 'docx' = 'xlsx'): Promise<{ fileID: string; tempFileURL: string; expiresAt: number }> {
  const { id, cloudPath } = newExportName(now, ext)
  const { fileID } = await getCloud().uploadFile({ cloudPath, fileContent: file })
  await saveExportRecord({ _id: id, fileID, cloudPath, createdAt: now, createdBy })
  const links = await linksFor([fileID], EXPORT_LINK_SECONDS)
  return { fileID, tempFileURL: links[fileID] ?? '', expiresAt: now + EXPORT_LINK_SECONDS * 1000 }
}

/**
 * Deletes every export older than a day (EXPORT_RETENTION_MS) — file first, then its record — so a
 * run that crashed half-way, or a second run, ends in the same state: a file already gone counts as
 * deleted. A file the storage refuses to delete keeps its record for the next hourly run.
 */
export async function deleteExpiredExports(now: number): Promise<{ deleted: number; kept: number }> {
  const cutoff = now - EXPORT_RETENTION_MS
  let deleted = 0
  let kept = 0
  for (let round = 0; round < CLEANUP_MAX_ROUNDS; round++) {
    const records = await exportsMadeBefore(cutoff, CLEANUP_BATCH)
    if (records.length === 0) break
    const { fileList } = await getCloud().deleteFile({ fileList: records.map((r) => r.fileID) })
    // 0: deleted now; -503003 (STORAGE_FILE_NONEXIST): deleted before.
    const gone = new Set((fileList ?? []).filter((f: { status: number }) => f.status === 0 || f.status === -503003).map((f: { fileID: string }) => f.fileID))
    const done = records.filter((r) => gone.has(r.fileID)).map((r) => r._id)
    await removeExportRecords(done)
    deleted += done.length
    kept += records.length - done.length
    if (done.length < records.length || records.length < CLEANUP_BATCH) break
  }
  return { deleted, kept }
}
