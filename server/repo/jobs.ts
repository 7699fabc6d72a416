/** The jobs collection: marks that a daily job finished for a day (`_id` = 'reminders_2026-11-18'), so later hourly runs that day skip it cheaply. */
import * as v from 'valibot'
import { COLLECTIONS } from './collections'
import { collection } from './db'
import { readDocs, storedAs } from './read'

const jobs = () => collection(COLLECTIONS.jobs)

export interface JobMark {
  _id: string
  /** When the first run that finished the job did. */
  at: number
}

export const jobMarkDoc = storedAs<JobMark>()(v.looseObject({ _id: v.string(), at: v.number() }))

export async function jobDone(id: string): Promise<boolean> {
  const { data } = await jobs().where({ _id: id }).limit(1).get()
  return readDocs(jobMarkDoc, COLLECTIONS.jobs, data).length > 0
}

/** Idempotent: the mark's content depends only on the day's run time of the first finished run. */
export async function markJobDone(id: string, now: number): Promise<void> {
  if (await jobDone(id)) return
  await jobs().doc(id).set({ data: { at: now } })
}
