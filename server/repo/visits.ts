/** The visits collection: one document per project per ISO week (`_id` = `${projectId}_${weekKey}`). */
import * as v from 'valibot'
import type { CoverageRow } from '../../src/domain/contract/visits'
import type { Visit } from '../../src/domain/types'
import { COLLECTIONS } from './collections'
import { cmd, collection, isDuplicateKey, pagedGet } from './db'
import { readDocs, readMaybe, storedAs } from './read'

const visits = () => collection(COLLECTIONS.visits)

const point = { latitude: v.number(), longitude: v.number(), accuracy: v.optional(v.number()) }

export const visitDoc = storedAs<Visit>()(v.looseObject({
  _id: v.string(),
  projectId: v.string(),
  teamId: v.string(),
  weekKey: v.string(),
  plannedDate: v.string(),
  status: v.picklist(['planned', 'done', 'missed']),
  checkIn: v.optional(v.looseObject({ ...point, at: v.number() })),
  attendees: v.array(v.looseObject({ name: v.string(), side: v.picklist(['government', 'enterprise']), title: v.optional(v.string()) })),
  minutes: v.string(),
  photos: v.array(v.string()),
  issueIds: v.array(v.string()),
  followUps: v.array(v.looseObject({ issueId: v.string(), note: v.string() })),
  agenda: v.array(v.string()),
  completedAt: v.optional(v.number()),
  completedBy: v.optional(v.string()),
  clientRequestId: v.optional(v.string()),
  requestDigest: v.optional(v.string()),
  version: v.number(),
  createdAt: v.number(),
  updatedAt: v.number(),
}))

const fromDocs = (data: unknown[]): Visit[] => readDocs(visitDoc, COLLECTIONS.visits, data)

export async function loadVisit(visitId: string): Promise<Visit | null> {
  const { data } = await visits().doc(visitId).get()
  return readMaybe(visitDoc, COLLECTIONS.visits, data)
}

/** The project a visit belongs to (null: no such visit); one small read for a raise during a visit. */
export async function visitProjectId(visitId: string): Promise<string | null> {
  const { data } = await visits().doc(visitId).field({ projectId: true }).get()
  return (data as { projectId?: string } | null)?.projectId ?? null
}

/** Idempotent: the issue is added to the visit's raised issues once, however often this is sent. */
export async function linkIssueToVisit(visitId: string, issueId: string, now: number): Promise<void> {
  const _ = cmd()
  await visits().where({ _id: visitId, issueIds: _.nin([issueId]) }).update({ data: { issueIds: _.addToSet(issueId), updatedAt: now } })
}

/** A week's visits (of one team, or all), by planned date. */
export async function visitsOfWeek(weekKey: string, teamId?: string): Promise<Visit[]> {
  const where = teamId ? { teamId, weekKey } : { weekKey }
  const { data } = await visits().where(where).orderBy('plannedDate', 'asc').limit(200).get()
  return fromDocs(data)
}

/** A project's latest completed visits, newest week first. */
export async function latestDoneVisits(projectId: string, limit: number): Promise<Visit[]> {
  const { data } = await visits().where({ projectId, status: 'done' }).orderBy('weekKey', 'desc').limit(limit).get()
  return fromDocs(data)
}

/** One page of a project's visits, newest week first. */
export async function visitsOfProject(projectId: string, offset: number, limit: number): Promise<Visit[]> {
  const { data } = await visits().where({ projectId }).orderBy('weekKey', 'desc').skip(offset).limit(limit).get()
  return fromDocs(data)
}

const PAGE = 1000
const MAX_ROWS = 20_000

/** Every visit of some weeks, by week (at most 20,000): the export's sheet. */
export async function visitsOfWeeks(weekKeys: readonly string[]): Promise<Visit[]> {
  return fromDocs(await pagedGet(visits().where({ weekKey: cmd().in([...weekKeys]) }).orderBy('weekKey', 'asc'), PAGE, MAX_ROWS))
}

export type VisitOutcome = Pick<Visit, 'projectId' | 'teamId' | 'weekKey' | 'status'>

/** The completed and missed visits of some weeks, by week, without their logs (at most 20,000): the bulletin's team table. */
export async function visitOutcomesOfWeeks(weekKeys: readonly string[]): Promise<VisitOutcome[]> {
  if (weekKeys.length === 0) return []
  const query = visits().where({ status: cmd().in(['done', 'missed']), weekKey: cmd().in([...weekKeys]) }).orderBy('weekKey', 'asc')
    .field({ _id: false, projectId: true, teamId: true, weekKey: true, status: true })
  return readDocs(v.pick(visitDoc, ['projectId', 'teamId', 'weekKey', 'status']), COLLECTIONS.visits, await pagedGet(query, PAGE, MAX_ROWS))
}

/** Which of these visit ids exist (up to 1000). */
export async function existingVisitIds(ids: readonly string[]): Promise<string[]> {
  const { data } = await visits().where({ _id: cmd().in([...ids]) }).field({ _id: true }).limit(PAGE).get()
  return readDocs(v.pick(visitDoc, ['_id']), COLLECTIONS.visits, data).map((x) => x._id)
}

/** Inserts planned visits, 100 per write: false when an id was taken meanwhile (a concurrent planner; read again). */
export async function addVisits(list: readonly Visit[]): Promise<boolean> {
  try {
    for (let i = 0; i < list.length; i += 100) await visits().add({ data: list.slice(i, i + 100) })
    return true
  } catch (e) {
    if (isDuplicateKey(e)) return false
    throw e
  }
}

const stripUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined))

/** Every visit change is one conditional update on its version: false when someone else changed it first. */
export async function saveVisitStep(before: Pick<Visit, 'version'>, after: Visit): Promise<boolean> {
  const { _id, ...doc } = after
  const res = await visits().where({ _id, version: before.version }).update({ data: stripUndefined(doc) })
  return res.stats.updated === 1
}

/** The visits of weeks before `weekKey` still planned become missed (one update): how many did. */
export async function markPlannedMissedBefore(weekKey: string, now: number): Promise<number> {
  const res = await visits().where({ status: 'planned', weekKey: cmd().lt(weekKey) }).update({ data: { status: 'missed', updatedAt: now } })
  return res.stats.updated
}

/** A row of the coverage aggregation (not a document: checked all the same). */
const coverageRow = v.looseObject({ _id: v.string(), activeProjects: v.number(), done: v.number(), missed: v.number(), planned: v.number() })

/** Visit coverage per week of a range, in one aggregation: every active project has one visit document per week. */
export async function weeklyCoverage(fromWeek: string, toWeek: string): Promise<CoverageRow[]> {
  const _ = cmd()
  const $ = _.aggregate
  const { list } = await visits().aggregate()
    .match({ weekKey: _.gte(fromWeek).and(_.lte(toWeek)) })
    .group({
      _id: '$weekKey',
      activeProjects: $.sum(1),
      done: $.sum($.cond({ if: $.eq(['$status', 'done']), then: 1, else: 0 })),
      missed: $.sum($.cond({ if: $.eq(['$status', 'missed']), then: 1, else: 0 })),
      planned: $.sum($.cond({ if: $.eq(['$status', 'planned']), then: 1, else: 0 })),
    })
    .sort({ _id: 1 })
    .limit(520)
    .end()
  return readDocs(coverageRow, COLLECTIONS.visits, list).map(({ _id, activeProjects, done, missed, planned }) => ({ weekKey: _id, activeProjects, done, missed, planned }))
}
