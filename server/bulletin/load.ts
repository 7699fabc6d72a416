/**
 * Everything computeBulletin reads, in a fixed number of database calls whatever the period:
 * the facts of the issues that can count in the period or the one before (the drill's candidates,
 * paged), the visits of both periods' weeks, the projects, departments and teams, the issues raised
 * in the period, the open issues under 督办, and the calendar. No contact field is read.
 */
import { type BulletinPeriod, type RaisedIssue, DEFAULT_BULLETIN_THRESHOLD, bulletinPeriod, computeBulletin, shiftBulletinKey } from '../../src/domain/bulletin'
import type { Bulletin } from '../../src/domain/bulletin'
import { ALL_STATES, OPEN_STATES } from '../../src/domain/issue'
import { periodWeeks } from '../../src/domain/metrics'
import type { Issue } from '../../src/domain/types'
import { candidateFacts } from '../dashboard/drill'
import { allProjects } from '../dashboard/summary'
import { command, getDb } from '../runtime/cloud'
import { loadCalendar } from '../repo/calendars'
import { COLLECTIONS } from '../repo/collections'
import { departmentNamesInOrder } from '../repo/departments'
import { teamNames } from '../repo/teams'
import { visitOutcomesOfWeeks } from '../repo/visits'

const PAGE = 1000
const MAX_PAGES = 20

/** 红榜 / 黑榜's minimum of issues received: BULLETIN_MIN_ISSUES in the functions' environment (default 3). */
export function bulletinThreshold(): number {
  const n = Number(process.env.BULLETIN_MIN_ISSUES)
  return Number.isInteger(n) && n > 0 && n < 1000 ? n : DEFAULT_BULLETIN_THRESHOLD
}

async function paged<T>(query: any): Promise<T[]> {
  const out: T[] = []
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await query.skip(page * PAGE).limit(PAGE).get()
    out.push(...data)
    if (data.length < PAGE) break
  }
  return out
}

export async function loadBulletin(period: BulletinPeriod, now: number): Promise<Bulletin> {
  const previous = bulletinPeriod(shiftBulletinKey(period.key, -1)) as BulletinPeriod
  const weeks = [...periodWeeks(previous, now), ...periodWeeks(period, now)]
  const db = getDb()
  const _ = command()
  const [facts, visits, projects, departments, teams, raised, supervised, { calendar }] = await Promise.all([
    candidateFacts({ from: previous.from, to: period.to }),
    visitOutcomesOfWeeks(weeks),
    allProjects(),
    departmentNamesInOrder(),
    teamNames(),
    paged<RaisedIssue>(db.collection(COLLECTIONS.issues).where({ state: _.in([...ALL_STATES]), raisedAt: _.gt(period.from).and(_.lte(period.to)) })
      .orderBy('raisedAt', 'asc').field({ _id: true, caseNo: true, teamId: true, source: true, category: true, repeatOf: true })),
    db.collection(COLLECTIONS.issues).where({ supervised: true, state: _.in([...OPEN_STATES]) })
      .field({ _id: true, caseNo: true, title: true, leadDepartmentId: true, state: true, ladder: true, supervised: true, triageDue: true, signForDue: true, answerDue: true })
      .limit(1000).get().then((r: { data: Issue[] }) => r.data),
    loadCalendar(),
  ])
  return computeBulletin({ period, now, facts, visits, projects, departments, teams, raised, supervised, calendar, threshold: bulletinThreshold() })
}
