/**
 * The issues collection, as the rest of the functions read it: the project board's cards, a visit's
 * agenda and its issues, the visit record's references, the daily reminders, the monthly bulletin
 * and the export. Every document read is checked against `issueDoc` (only the fields a query
 * projects). The issue desk's own reads and writes are in issueDesk.ts.
 */
import * as v from 'valibot'
import { ALL_STATES, LADDER_RANK, OPEN_STATES, RATING_NAMES, RESOLUTION_NAMES, STATE_NAMES } from '../../src/domain/issue'
import { ACTION_NAMES } from '../../src/domain/issue/labels'
import { ACTOR_ROLES } from '../../src/domain/issue/lifecycle'
import type { RaisedIssue } from '../../src/domain/bulletin'
import type { IssueAction, Issue, IssueState, Ladder, Rating, Resolution } from '../../src/domain/types'
import { COLLECTIONS } from './collections'
import { cmd, collection, pagedGet } from './db'
import { readDocs, storedAs } from './read'

const issues = () => collection(COLLECTIONS.issues)

const keysOf = <K extends string>(table: Record<K, unknown>): K[] => Object.keys(table) as K[]
const state = v.picklist(keysOf<IssueState>(STATE_NAMES))
const actor = { by: v.string(), at: v.number() }

const timelineEvent = v.looseObject({
  action: v.picklist(keysOf<IssueAction>(ACTION_NAMES)),
  ...actor,
  byName: v.optional(v.string()),
  role: v.picklist(ACTOR_ROLES),
  from: state,
  to: state,
  reason: v.optional(v.string()),
  onBehalfOf: v.optional(v.string()),
  data: v.optional(v.record(v.string(), v.unknown())),
  requestId: v.optional(v.string()),
  requestDigest: v.optional(v.string()),
})

export const issueDoc = storedAs<Issue>()(v.looseObject({
  _id: v.string(),
  caseNo: v.optional(v.string()),
  projectId: v.string(),
  teamId: v.string(),
  source: v.picklist(['group', 'visit']),
  visitId: v.optional(v.string()),
  category: v.string(),
  title: v.string(),
  description: v.string(),
  photos: v.array(v.string()),
  urgency: v.picklist(['normal', 'urgent']),
  state,
  raisedBy: v.string(),
  raisedAt: v.number(),
  raiser: v.optional(v.looseObject({ name: v.string(), phone: v.optional(v.string()) })),
  clientRequestId: v.string(),
  requestDigest: v.optional(v.string()),
  triageFrom: v.optional(v.number()),
  triageDue: v.optional(v.number()),
  triagedAt: v.optional(v.number()),
  leadDepartmentId: v.optional(v.string()),
  assistDepartmentIds: v.array(v.string()),
  complexity: v.optional(v.picklist(['simple', 'normal', 'complex', 'major'])),
  sla: v.optional(v.looseObject({ signForWorkingDays: v.optional(v.number()), signForClockHours: v.optional(v.number()), answerWorkingDays: v.number() })),
  dispatchedAt: v.optional(v.number()),
  dispatchedBy: v.optional(v.string()),
  signForDue: v.optional(v.number()),
  signedForAt: v.optional(v.number()),
  answerClockFrom: v.optional(v.number()),
  answerDue: v.optional(v.number()),
  dueEstimated: v.optional(v.boolean()),
  pausedSince: v.optional(v.number()),
  pausedWorkingMs: v.number(),
  extensionWorkingMs: v.number(),
  answer: v.optional(v.looseObject({ text: v.string(), files: v.array(v.string()), ...actor, onBehalfOf: v.optional(v.string()) })),
  answeredAt: v.optional(v.number()),
  review: v.optional(v.looseObject({
    ...actor,
    passed: v.boolean(),
    checklist: v.looseObject({ solved: v.boolean(), allAsksAnswered: v.boolean(), enterpriseContacted: v.boolean(), dateForRemaining: v.boolean() }),
    note: v.optional(v.string()),
  })),
  resolvedAt: v.optional(v.number()),
  confirmDue: v.optional(v.number()),
  confirmation: v.optional(v.looseObject({
    resolution: v.picklist(keysOf<Resolution>(RESOLUTION_NAMES)),
    rating: v.picklist(keysOf<Rating>(RATING_NAMES)),
    comment: v.optional(v.string()),
    ...actor,
    acknowledgedMismatch: v.optional(v.boolean()),
  })),
  closedAt: v.optional(v.number()),
  autoClosed: v.optional(v.boolean()),
  forceClosed: v.optional(v.boolean()),
  extensions: v.array(v.looseObject({
    requestedAt: v.number(),
    requestedBy: v.string(),
    reason: v.string(),
    workingDays: v.number(),
    until: v.number(),
    decision: v.optional(v.picklist(['approved', 'rejected'])),
    decidedAt: v.optional(v.number()),
    decidedBy: v.optional(v.string()),
    decisionNote: v.optional(v.string()),
  })),
  ladder: v.picklist(keysOf<Ladder>(LADDER_RANK)),
  overdueStages: v.array(v.string()),
  supervised: v.boolean(),
  supervisedBy: v.optional(v.string()),
  supervisedReason: v.optional(v.string()),
  returnCount: v.number(),
  reopenCount: v.number(),
  repeatOf: v.optional(v.string()),
  suggestedRepeatOf: v.optional(v.string()),
  version: v.number(),
  timeline: v.array(timelineEvent),
  updatedAt: v.number(),
}))

/** An issue read without its timeline (and its stored facts): all a card, a sheet or a visit needs. */
export type IssueHead = Omit<Issue, 'timeline'>
const headDoc = v.omit(issueDoc, ['timeline'])
export const HEAD_FIELDS = { timeline: false, facts: false }
/** Documents read with HEAD_FIELDS, each checked against the issue's stored shape. */
export const heads = (data: readonly unknown[]): IssueHead[] => readDocs(headDoc, COLLECTIONS.issues, data)

/** A project's open issues, newest first (up to 100). */
export async function openIssuesOfProject(projectId: string): Promise<IssueHead[]> {
  const { data } = await issues().where({ projectId, state: cmd().in([...OPEN_STATES]) }).orderBy('raisedAt', 'desc').field(HEAD_FIELDS).limit(100).get()
  return heads(data)
}

/** A project's latest closed issues, last closed first. */
export async function latestClosedOfProject(projectId: string, limit: number): Promise<IssueHead[]> {
  const { data } = await issues().where({ projectId, state: 'closed' }).orderBy('closedAt', 'desc').field(HEAD_FIELDS).limit(limit).get()
  return heads(data)
}

/** How many of a project's issues were closed since `from`. */
export async function countClosedSince(projectId: string, from: number): Promise<number> {
  const { total } = await issues().where({ projectId, state: 'closed', closedAt: cmd().gte(from) }).count()
  return total
}

/** Some issues by id (up to `limit`), in no particular order. */
export async function issueHeadsByIds(ids: readonly string[], limit = 50): Promise<IssueHead[]> {
  if (ids.length === 0) return []
  const { data } = await issues().where({ _id: cmd().in(ids.slice(0, limit)) }).field(HEAD_FIELDS).limit(limit).get()
  return heads(data)
}

export type AgendaIssue = Pick<Issue, '_id' | 'title' | 'state' | 'answerDue' | 'signForDue'>

/** A project's open issues with their deadlines only (up to 100): what a visit's agenda is drafted from. */
export async function openIssueDeadlines(projectId: string): Promise<AgendaIssue[]> {
  const { data } = await issues().where({ projectId, state: cmd().in([...OPEN_STATES]) })
    .field({ title: true, state: true, answerDue: true, signForDue: true }).limit(100).get()
  return readDocs(v.pick(issueDoc, ['_id', 'title', 'state', 'answerDue', 'signForDue']), COLLECTIONS.issues, data)
}

export type IssueLabel = Pick<Issue, '_id' | 'caseNo' | 'title' | 'state'>

/** Some issues' number, title and state (up to 100): the references a visit record links. */
export async function issueLabels(ids: readonly string[]): Promise<IssueLabel[]> {
  if (ids.length === 0) return []
  const { data } = await issues().where({ _id: cmd().in(ids.slice(0, 100)) }).field({ _id: true, caseNo: true, title: true, state: true }).limit(100).get()
  return readDocs(v.pick(issueDoc, ['_id', 'caseNo', 'title', 'state']), COLLECTIONS.issues, data)
}

export type DueIssue = Pick<Issue, '_id' | 'title' | 'state' | 'signForDue' | 'answerDue' | 'leadDepartmentId' | 'teamId'>

/**
 * The issues whose running deadline (the stored facts' `runningDue`) is at or before `horizon` (up
 * to 1000), with the sign-for and answer deadlines (the triage deadline is not read: a submitted issue is not
 * reminded of).
 */
export async function issuesDueBy(horizon: number): Promise<DueIssue[]> {
  const { data } = await issues().where({ 'facts.runningDue': cmd().lte(horizon) })
    .field({ _id: true, title: true, state: true, signForDue: true, answerDue: true, leadDepartmentId: true, teamId: true }).limit(1000).get()
  return readDocs(v.pick(issueDoc, ['_id', 'title', 'state', 'signForDue', 'answerDue', 'leadDepartmentId', 'teamId']), COLLECTIONS.issues, data)
}

const PAGE = 1000
const MAX_ROWS = 20_000
const raisedIn = (from: number, to: number) => {
  const _ = cmd()
  return issues().where({ state: _.in([...ALL_STATES]), raisedAt: _.gt(from).and(_.lte(to)) }).orderBy('raisedAt', 'asc')
}

/** The issues raised in (from, to], oldest first, as the bulletin counts them (at most 20,000). */
export async function raisedForBulletin(from: number, to: number): Promise<RaisedIssue[]> {
  const query = raisedIn(from, to).field({ _id: true, caseNo: true, teamId: true, source: true, category: true, repeatOf: true })
  return readDocs(v.pick(issueDoc, ['_id', 'caseNo', 'teamId', 'source', 'category', 'repeatOf']), COLLECTIONS.issues, await pagedGet(query, PAGE, MAX_ROWS))
}

export type ExportedIssue = Omit<IssueHead, 'description'>

/** The issues raised in (from, to], oldest first, without timeline and description (at most 20,000): the export's sheet. */
export async function raisedForExport(from: number, to: number): Promise<ExportedIssue[]> {
  const query = raisedIn(from, to).field({ ...HEAD_FIELDS, description: false })
  return readDocs(v.omit(issueDoc, ['timeline', 'description']), COLLECTIONS.issues, await pagedGet(query, PAGE, MAX_ROWS))
}

export type SupervisedIssue = Pick<Issue, '_id' | 'caseNo' | 'title' | 'leadDepartmentId' | 'state' | 'ladder' | 'supervised' | 'triageDue' | 'signForDue' | 'answerDue'>

/** The open issues under 督办 (up to 1000), no contact field. */
export async function openSupervised(): Promise<SupervisedIssue[]> {
  const { data } = await issues().where({ supervised: true, state: cmd().in([...OPEN_STATES]) })
    .field({ _id: true, caseNo: true, title: true, leadDepartmentId: true, state: true, ladder: true, supervised: true, triageDue: true, signForDue: true, answerDue: true })
    .limit(1000).get()
  return readDocs(v.pick(issueDoc, ['_id', 'caseNo', 'title', 'leadDepartmentId', 'state', 'ladder', 'supervised', 'triageDue', 'signForDue', 'answerDue']), COLLECTIONS.issues, data)
}
