/**
 * The bulletins the monthly job prepared: one record per month in `bulletins` (`_id` = '2026-11'),
 * the .docx in storage at `bulletins/<key>-<32 hex>.docx` — private like every file (only a
 * function-issued link opens it) and kept, unlike the exports a manager asks for.
 */
import { randomBytes } from 'crypto'
import { EXPORT_NAME_BYTES } from '../files/exports'
import { COLLECTIONS } from '../repo/collections'
import { getCloud, getDb } from '../runtime/cloud'

export interface PreparedBulletin {
  _id: string
  fileID: string
  cloudPath: string
  bytes: number
  createdAt: number
  /** Set once the managers' messages are on record: a later run does nothing. */
  notifiedAt?: number
}

export async function preparedBulletin(key: string): Promise<PreparedBulletin | undefined> {
  const { data } = await getDb().collection(COLLECTIONS.bulletins).where({ _id: key }).limit(1).get()
  return (data as PreparedBulletin[])[0]
}

/** Uploads the document, then records it (a crash in between leaves one unreferenced file and no record: the next run prepares again). */
export async function storePrepared(key: string, file: Buffer, now: number): Promise<PreparedBulletin> {
  const cloudPath = `bulletins/${key}-${randomBytes(EXPORT_NAME_BYTES).toString('hex')}.docx`
  const { fileID } = await getCloud().uploadFile({ cloudPath, fileContent: file })
  const record: PreparedBulletin = { _id: key, fileID, cloudPath, bytes: file.length, createdAt: now }
  const { _id, ...data } = record
  await getDb().collection(COLLECTIONS.bulletins).doc(_id).set({ data })
  return record
}

export async function markNotified(key: string, now: number): Promise<void> {
  await getDb().collection(COLLECTIONS.bulletins).doc(key).update({ data: { notifiedAt: now } })
}
