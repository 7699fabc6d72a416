import type * as v from 'valibot'
import { requireRole } from '../../src/domain/access'
import { buildCalendar, packageYears, validateArrangement, yearsNeedingArrangement } from '../../src/domain/calendar'
import type { CalendarView } from '../../src/domain/contract/org'
import { AppError } from '../../src/domain/errors'
import type { calendarYearInput } from '../../src/domain/schemas/org'
import { getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { recomputeOpenDeadlines } from '../issues/sweep'
import { loadCalendar } from '../shared/calendar'

/** The rule's refusal as the function's: its field is inside the input's `arrangement`. */
function withinArrangement(error: AppError): AppError {
  const details = (error.details ?? {}) as { field?: string }
  const field = details.field ? `arrangement.${details.field}` : 'arrangement'
  return new AppError(error.code, error.message, { ...details, field })
}

export async function getCalendar(_: unknown, ctx: ActionContext): Promise<CalendarView> {
  requireRole(ctx.caller, 'org.getCalendar')
  const { calendar, arrangements } = await loadCalendar()
  const thisYear = Number(new Date(ctx.now + 8 * 3_600_000).toISOString().slice(0, 4))
  const years = [...new Set([...packageYears.filter((y) => y >= thisYear - 1), ...arrangements.map((a) => a.year), thisYear, thisYear + 1])].sort()
  return {
    years: years.map((year) => ({ year, basis: calendar.basis(year), arrangement: arrangements.find((a) => a.year === year) })),
    needsArrangement: yearsNeedingArrangement(calendar, ctx.now),
  }
}

/**
 * A manager enters (or corrects) a year's published arrangement. Bad input stores nothing; a good
 * one is stored, then every open issue's deadlines are recomputed under the new calendar, each
 * change recorded on that issue's timeline (closed issues never change).
 */
export async function setCalendarYear(input: v.InferOutput<typeof calendarYearInput>, ctx: ActionContext): Promise<{ year: number; issuesMoved: number }> {
  requireRole(ctx.caller, 'org.setCalendarYear')
  const valid = validateArrangement(input.arrangement)
  if (!valid.ok) throw withinArrangement(valid.error)
  const arrangement = { ...valid.value, enteredBy: ctx.openid, enteredAt: ctx.now }
  await getDb().collection(COLLECTIONS.calendars).doc(String(arrangement.year)).set({ data: arrangement })
  const { arrangements } = await loadCalendar()
  const result = await recomputeOpenDeadlines(buildCalendar(arrangements), ctx.now)
  return { year: arrangement.year, issuesMoved: result.changed }
}
