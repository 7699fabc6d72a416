/**
 * The bulletins collection: one record per month whose 通报 the hourly job prepared (`_id` = '2026-11'),
 * pointing at its .docx in storage — kept, unlike the exports a manager asks for.
 */
import * as v from 'valibot'
import { COLLECTIONS } from './collections'
import { collection } from './db'
import { readDocs, storedAs } from './read'

const bulletins = () => collection(COLLECTIONS.bulletins)

export interface PreparedBulletin {
  _id: string
  fileID: string
  cloudPath: string
  bytes: number
  createdAt: number
  /** Set once the managers' messages are on record: a later run does nothing. */
  notifiedAt?: number
}

export const bulletinDoc = storedAs<PreparedBulletin>()(v.looseObject({
  _id: v.string(),
  fileID: v.string(),
  cloudPath: v.string(),
  bytes: v.number(),
  createdAt: v.number(),
  notifiedAt: v.optional(v.number()),
}))

/** The month's prepared bulletin, if any (read by query: a missing one is no error). */
export async function preparedBulletin(key: string): Promise<PreparedBulletin | undefined> {
  const { data } = await bulletins().where({ _id: key }).limit(1).get()
  return readDocs(bulletinDoc, COLLECTIONS.bulletins, data)[0]
}

export async function savePreparedBulletin(record: PreparedBulletin): Promise<void> {
  const { _id, ...data } = record
  await bulletins().doc(_id).set({ data })
}

export async function markBulletinNotified(key: string, now: number): Promise<void> {
  await bulletins().doc(key).update({ data: { notifiedAt: now } })
}
