import type * as v from 'valibot'
import { requireRole } from '../runtime/guards'
import {
  type CalendarBasis,
  type YearArrangement,
  buildCalendar,
  estimateArrangement,
  packageArrangement,
  packageYears,
  validateArrangementEntry,
  yearsNeedingArrangement,
} from '../../src/domain/calendar'
import type { CalendarView } from '../../src/domain/contract/org'
import { AppError } from '../../src/domain/errors'
import type { calendarYearInput } from '../../src/domain/schemas/org'
import { ymdOf } from '../../src/domain/time'
import type { ActionContext } from '../runtime/entry'
import { recomputeOpenDeadlines } from '../issues/sweep'
import { loadCalendar, saveCalendarYear } from '../repo/calendars'
import { drainRollups } from '../repo/rollups'

const CALENDAR_DRAIN_BUDGET_MS = 5_000

/** A year as the layer that decides it has it: the zone's entry, the package's data or the estimate. */
function effectiveArrangement(year: number, basis: CalendarBasis, entered: YearArrangement | undefined): YearArrangement {
  if (basis === 'zone' && entered) return entered
  return basis === 'package' ? packageArrangement(year) : estimateArrangement(year)
}

/** The rule's refusal as the function's: its field is inside the input's `arrangement`. */
function withinArrangement(error: AppError): AppError {
  const details = (error.details ?? {}) as { field?: string }
  const field = details.field ? `arrangement.${details.field}` : 'arrangement'
  return new AppError(error.code, error.message, { ...details, field })
}

export async function getCalendar(_: unknown, ctx: ActionContext): Promise<CalendarView> {
  requireRole(ctx.caller, 'org.getCalendar')
  const { calendar, arrangements } = await loadCalendar()
  const thisYear = Number(ymdOf(ctx.now).slice(0, 4))
  const years = [...new Set([...packageYears.filter((y) => y >= thisYear - 1), ...arrangements.map((a) => a.year), thisYear, thisYear + 1])].sort()
  return {
    years: years.map((year) => {
      const basis = calendar.basis(year)
      const arrangement = arrangements.find((a) => a.year === year)
      return { year, basis, ...(arrangement ? { arrangement } : {}), effective: effectiveArrangement(year, basis, arrangement) }
    }),
    needsArrangement: yearsNeedingArrangement(calendar, ctx.now),
  }
}

/**
 * A manager enters (or corrects) a year's published arrangement. It must name the seven statutory
 * holidays or list the ones it leaves out (`validateArrangementEntry`). Bad input stores nothing; a
 * good one is stored, then every open issue's deadlines are recomputed under the new calendar, each
 * change recorded on that issue's timeline (closed issues never change).
 */
export async function setCalendarYear(input: v.InferOutput<typeof calendarYearInput>, ctx: ActionContext): Promise<{ year: number; issuesMoved: number }> {
  requireRole(ctx.caller, 'org.setCalendarYear')
  const valid = validateArrangementEntry(input.arrangement)
  if (!valid.ok) throw withinArrangement(valid.error)
  const arrangement = { ...valid.value, enteredBy: ctx.openid, enteredAt: ctx.now }
  await saveCalendarYear(arrangement)
  const { arrangements } = await loadCalendar()
  const result = await recomputeOpenDeadlines(buildCalendar(arrangements), ctx.now)
  // Every moved issue owes the rollups a move: as many as fit after the reply, the hourly job the rest.
  if (result.changed) ctx.after(() => drainRollups(CALENDAR_DRAIN_BUDGET_MS))
  return { year: arrangement.year, issuesMoved: result.changed }
}
