/**
 * Everything computeBulletin reads, in a fixed number of database calls whatever the period:
 * the facts of the issues that can count in the period or the one before (the drill's candidates,
 * paged), the visits of both periods' weeks, the projects, departments and teams, the issues raised
 * in the period, the open issues under 督办, and the calendar. No contact field is read.
 */
import { type BulletinPeriod, DEFAULT_BULLETIN_THRESHOLD, bulletinPeriod, computeBulletin, shiftBulletinKey } from '../../src/domain/bulletin'
import type { Bulletin } from '../../src/domain/bulletin'
import { periodWeeks } from '../../src/domain/metrics'
import { candidateFacts } from '../dashboard/drill'
import { loadCalendar } from '../repo/calendars'
import { departmentNamesInOrder } from '../repo/departments'
import { openSupervised, raisedForBulletin } from '../repo/issues'
import { projectRoster } from '../repo/projects'
import { teamNames } from '../repo/teams'
import { visitOutcomesOfWeeks } from '../repo/visits'

/** 红榜 / 黑榜's minimum of issues received: BULLETIN_MIN_ISSUES in the functions' environment (default 3). */
export function bulletinThreshold(): number {
  const n = Number(process.env.BULLETIN_MIN_ISSUES)
  return Number.isInteger(n) && n > 0 && n < 1000 ? n : DEFAULT_BULLETIN_THRESHOLD
}

export async function loadBulletin(period: BulletinPeriod, now: number): Promise<Bulletin> {
  const previous = bulletinPeriod(shiftBulletinKey(period.key, -1)) as BulletinPeriod
  const weeks = [...periodWeeks(previous, now), ...periodWeeks(period, now)]
  const [facts, visits, projects, departments, teams, raised, supervised, { calendar }] = await Promise.all([
    candidateFacts({ from: previous.from, to: period.to }),
    visitOutcomesOfWeeks(weeks),
    projectRoster(),
    departmentNamesInOrder(),
    teamNames(),
    raisedForBulletin(period.from, period.to),
    openSupervised(),
    loadCalendar(),
  ])
  return computeBulletin({ period, now, facts, visits, projects, departments, teams, raised, supervised, calendar, threshold: bulletinThreshold() })
}
