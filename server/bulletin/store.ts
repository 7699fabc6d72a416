/**
 * The bulletins the monthly job prepared: one record per month in `bulletins` (`_id` = '2026-11'),
 * the .docx in storage at `bulletins/<key>-<32 hex>.docx` — private like every file (only a
 * function-issued link opens it) and kept, unlike the exports a manager asks for.
 */
import { randomBytes } from 'crypto'
import { EXPORT_NAME_BYTES } from '../files/exports'
import { type PreparedBulletin, savePreparedBulletin } from '../repo/bulletins'
import { getCloud } from '../runtime/cloud'

/** Uploads the document, then records it (a crash in between leaves one unreferenced file and no record: the next run prepares again). */
export async function storePrepared(key: string, file: Buffer, now: number): Promise<PreparedBulletin> {
  const cloudPath = `bulletins/${key}-${randomBytes(EXPORT_NAME_BYTES).toString('hex')}.docx`
  const { fileID } = await getCloud().uploadFile({ cloudPath, fileContent: file })
  const record: PreparedBulletin = { _id: key, fileID, cloudPath, bytes: file.length, createdAt: now }
  await savePreparedBulletin(record)
  return record
}
