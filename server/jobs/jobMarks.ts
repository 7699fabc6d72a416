/** Marks in `jobs` that a daily job finished for a day, so later hourly runs that day skip it cheaply. */
import { getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'

export async function jobDone(id: string): Promise<boolean> {
  const { data } = await getDb().collection(COLLECTIONS.jobs).where({ _id: id }).limit(1).get()
  return data.length > 0
}

/** Idempotent: the mark's content depends only on the day's run time of the first finished run. */
export async function markJobDone(id: string, now: number): Promise<void> {
  if (await jobDone(id)) return
  await getDb().collection(COLLECTIONS.jobs).doc(id).set({ data: { at: now } })
}

