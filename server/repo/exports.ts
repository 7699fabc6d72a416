/**
 * The exports collection: one record per spreadsheet or document a manager exported
 * ({ _id: the name's random hex, fileID, cloudPath, createdAt, createdBy }) — storage cannot be listed
 * from a function, so the record is how the hourly job finds the file to delete after a day.
 */
import * as v from 'valibot'
import { COLLECTIONS } from './collections'
import { cmd, collection } from './db'
import { readDocs, storedAs } from './read'

const exportsCollection = () => collection(COLLECTIONS.exports)

export interface ExportRecord {
  _id: string
  fileID: string
  cloudPath: string
  createdAt: number
  createdBy: string
}

export const exportDoc = storedAs<ExportRecord>()(v.looseObject({
  _id: v.string(),
  fileID: v.string(),
  cloudPath: v.string(),
  createdAt: v.number(),
  createdBy: v.string(),
}))

export async function saveExportRecord(record: ExportRecord): Promise<void> {
  const { _id, ...data } = record
  await exportsCollection().doc(_id).set({ data })
}

/** The oldest exports made before `cutoff`, up to `limit`. */
export async function exportsMadeBefore(cutoff: number, limit: number): Promise<ExportRecord[]> {
  const { data } = await exportsCollection().where({ createdAt: cmd().lt(cutoff) }).orderBy('createdAt', 'asc').limit(limit).get()
  return readDocs(exportDoc, COLLECTIONS.exports, data)
}

export async function removeExportRecords(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await exportsCollection().where({ _id: cmd().in([...ids]) }).remove()
}
