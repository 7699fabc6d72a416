import { buildCalendar } from '../../src/domain/calendar'
import type { WorkCalendar, YearArrangement } from '../../src/domain/calendar/types'
import { getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'

/** The merged calendar: the zone's entered years (one document per year) over the package and the statutory estimate. */
export async function loadCalendar(): Promise<{ calendar: WorkCalendar; arrangements: YearArrangement[] }> {
  const { data } = await getDb().collection(COLLECTIONS.calendars).limit(200).get()
  const arrangements = (data as (YearArrangement & { _id: string })[]).map(({ _id, ...a }) => a as YearArrangement)
  return { calendar: buildCalendar(arrangements), arrangements }
}
