/**
 * The calendars collection: the zone's own entries of a year's published arrangement (放假安排), one
 * document per year (`_id` = '2027'), the top layer of the working-day calendar.
 */
import * as v from 'valibot'
import { buildCalendar } from '../../src/domain/calendar'
import { STATUTORY_NAMES } from '../../src/domain/calendar/coverage'
import type { WorkCalendar, YearArrangement } from '../../src/domain/calendar/workCalendar'
import { COLLECTIONS } from './collections'
import { collection } from './db'
import { readDocs, storedAs } from './read'

export const calendarDoc = storedAs<YearArrangement & { _id: string }>()(v.looseObject({
  _id: v.string(),
  year: v.number(),
  holidays: v.array(v.looseObject({ name: v.string(), from: v.string(), to: v.string() })),
  workdays: v.array(v.string()),
  omitted: v.optional(v.array(v.picklist(STATUTORY_NAMES))),
  enteredBy: v.optional(v.string()),
  enteredAt: v.optional(v.number()),
}))

/** The merged calendar: the zone's entered years over the package and the statutory estimate, in one read. */
export async function loadCalendar(): Promise<{ calendar: WorkCalendar; arrangements: YearArrangement[] }> {
  const { data } = await collection(COLLECTIONS.calendars).limit(200).get()
  const arrangements = readDocs(calendarDoc, COLLECTIONS.calendars, data).map(({ _id, ...a }): YearArrangement => a)
  return { calendar: buildCalendar(arrangements), arrangements }
}

/** Enters (or replaces) a year's arrangement: the document is the year's. */
export async function saveCalendarYear(arrangement: YearArrangement): Promise<void> {
  await collection(COLLECTIONS.calendars).doc(String(arrangement.year)).set({ data: arrangement })
}
