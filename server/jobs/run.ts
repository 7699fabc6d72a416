/**
 * The timed jobs, fired every hour by one timer trigger (a function may have only one). Each job
 * is idempotent, so a run fired twice, or crashed half-way and fired again, ends in the same state.
 */
import { OPEN_STATES } from '../../src/domain/issue'
import { isoWeekday, shanghaiHour, weekKey, ymdOf } from '../../src/domain/time'
import { command, getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'
import { sweep } from '../issues/sweep'
import { loadCalendar } from '../shared/calendar'
import { planWeek } from '../visits/plan'
import { dailyReminders } from './reminders'

export const PLAN_HOUR = 8
export const REMIND_HOUR = 8

async function markMissedVisits(now: number): Promise<number> {
  const _ = command()
  const res = await getDb().collection(COLLECTIONS.visits).where({ status: 'planned', weekKey: _.lt(weekKey(now)) })
    .update({ data: { status: 'missed', updatedAt: now } })
  return res.stats.updated
}

export async function runJobs(now: number): Promise<Record<string, unknown>> {
  const { calendar } = await loadCalendar()
  const day = ymdOf(now)
  const hour = shanghaiHour(now)
  const report: Record<string, unknown> = { at: new Date(now).toISOString() }
  // Monday before 08:00 the new week is not planned yet; any later hour (re)plans idempotently.
  if (!(isoWeekday(day) === 1 && hour < PLAN_HOUR)) report.plan = await planWeek(weekKey(now), now)
  report.missed = await markMissedVisits(now)
  report.escalate = await sweep('escalate', OPEN_STATES.filter((s) => s !== 'resolved'), calendar, now)
  report.autoClose = await sweep('auto_close', ['resolved'], calendar, now)
  if (hour >= REMIND_HOUR) report.reminders = await dailyReminders(calendar, now)
  return report
}
