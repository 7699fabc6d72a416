/**
 * The timed jobs, fired every hour by one timer trigger (a function may have only one; cron
 * `0 0 * * * * *`, UTC+8). Each job is idempotent, so a run fired twice, or crashed half-way and
 * fired again, ends in the same state:
 * - plan the week's visits (from Monday 08:00 Asia/Shanghai; ids `${projectId}_${weekKey}`);
 * - mark the visits of past weeks still planned as missed (from Monday 00:00);
 * - raise the 督办 ladder (红 after RED_AFTER_WORKING_DAYS working days overdue → supervised);
 * - auto-close resolved issues not confirmed within AUTO_CLOSE_WORKING_DAYS;
 * - move the rollups of every issue still marked, and audit one project's share (./rollups.ts);
 * - from 08:00 on working days: remind assignees of issues due or overdue, and teams of unshared digests;
 * - delete the managers' exports older than a day (server/files/exports.ts);
 * - from 08:00 of a month's first working day: last month's 通报, prepared once, managers told (./bulletin.ts).
 */
import { OPEN_STATES } from '../../src/domain/issue'
import { isoWeekday, shanghaiHour, weekKey, ymdOf } from '../../src/domain/time'
import { loadCalendar } from '../repo/calendars'
import { markPlannedMissedBefore } from '../repo/visits'
import { drainOutbox } from '../issues/notices'
import { sweep } from '../issues/sweep'
import { planWeek } from '../visits/plan'
import { deleteExpiredExports } from '../files/exports'
import { monthlyBulletin } from './bulletin'
import { rollupJob } from './rollups'
import { digestReminders } from './digestReminders'
import { dailyReminders } from './reminders'

export const PLAN_HOUR = 8
export const REMIND_HOUR = 8

/** Monday before 08:00 the new week is not planned yet; any later hour (re)plans idempotently. */
export const isPlanningTime = (now: number): boolean => !(isoWeekday(ymdOf(now)) === 1 && shanghaiHour(now) < PLAN_HOUR)

export async function runJobs(now: number): Promise<Record<string, unknown>> {
  const { calendar } = await loadCalendar()
  const report: Record<string, unknown> = { at: new Date(now).toISOString(), weekKey: weekKey(now) }
  if (isPlanningTime(now)) report.plan = await planWeek(weekKey(now), now)
  report.missed = await markPlannedMissedBefore(weekKey(now), now)
  report.escalate = await sweep('escalate', OPEN_STATES.filter((s) => s !== 'resolved'), calendar, now)
  report.autoClose = await sweep('auto_close', ['resolved'], calendar, now)
  // The sweeps' steps (and any step whose own move was lost) owe the rollups "old out, new in".
  report.rollups = await rollupJob(now)
  // Notices a step stored but nobody sent: a crash after the step, a claim whose sender died.
  report.notices = await drainOutbox(now)
  if (shanghaiHour(now) >= REMIND_HOUR) {
    report.reminders = await dailyReminders(calendar, now)
    report.digest = await digestReminders(calendar, now)
  }
  report.exports = await deleteExpiredExports(now)
  report.bulletin = await monthlyBulletin(calendar, now)
  return report
}
