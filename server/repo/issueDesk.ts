/**
 * The issues collection as the issue desk reads and writes it: the load, the one conditional update
 * a step is saved with, the raise's insert and its prefetch reads, the list's query, the outbox's
 * drain, the sweeps. Whole issues are checked against `issueDoc` on read (server/repo/issues.ts);
 * a projection is read as the fields it asks for.
 */
import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { AppError } from '../../src/domain/errors'
import type { Step } from '../../src/domain/issue'
import { type PendingNotice, pendingNoticeOf } from '../../src/domain/issue/notices'
import type { IssueFacts } from '../../src/domain/metrics'
import { issueFacts } from '../../src/domain/metrics/facts'
import { type RollupMark, rollupMark } from '../../src/domain/metrics/rollup'
import type { Issue, IssueState, Ladder } from '../../src/domain/types'
import { runPipeline } from './aggregate'
import { COLLECTIONS } from './collections'
import { caseInsensitive, cmd, collection } from './db'
import { HEAD_FIELDS, heads, issueDoc } from './issues'
import { readDocs, readMaybe } from './read'

const issues = () => collection(COLLECTIONS.issues)
const readIssues = (data: readonly unknown[]): Issue[] => readDocs(issueDoc, COLLECTIONS.issues, data)

export async function loadIssue(issueId: string): Promise<Issue | null> {
  const { data } = await issues().doc(issueId).get()
  return readMaybe(issueDoc, COLLECTIONS.issues, data)
}

const SKIP = new Set(['_id', 'timeline', 'version', 'facts', 'outbox', 'rollup'])

/** The update document for before → after: changed fields set whole, vanished fields removed. */
export function updateFor(before: Issue, after: Issue): Record<string, unknown> {
  const _ = cmd()
  const data: Record<string, unknown> = {}
  const was = before as unknown as Record<string, unknown>
  const is = after as unknown as Record<string, unknown>
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (SKIP.has(key)) continue
    const a = was[key]
    const b = is[key]
    if (b === undefined) {
      if (a !== undefined) data[key] = _.remove()
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      // _.set keeps objects whole instead of flattening them into dot paths
      data[key] = typeof b === 'object' && b !== null ? _.set(b) : b
    }
  }
  return data
}

/** True when the stored facts (absent: not read) differ from the step's. */
const factsMoved = (before: Issue, facts: object): boolean => {
  const stored = (before as Issue & { facts?: Record<string, unknown> }).facts
  return !stored || Object.entries(facts).some(([k, x]) => stored[k] !== x)
}

/**
 * Saves one step as ONE conditional update on the issue: where({ _id, version }) → the changed
 * fields, version + 1, the timeline event pushed, the metric facts refreshed and — in the same
 * update — the step's notices for the outbox and a rollup mark when the facts moved
 * (server/repo/rollups.ts). Two concurrent steps: exactly one matches the version; the other gets
 * CONFLICT with the current state.
 */
export async function commitStep(before: Issue, step: Step, calendar: WorkCalendar): Promise<Issue & { notice?: PendingNotice }> {
  const _ = cmd()
  const after = step.issue
  const notice = pendingNoticeOf(after, step.event)
  const facts = issueFacts(after, calendar)
  const outbox = [...(notice ? [notice] : []), ...(factsMoved(before, facts) ? [rollupMark(after.version, step.event.at)] : [])]
  const data = {
    ...updateFor(before, after),
    version: after.version,
    timeline: _.push([step.event]),
    facts: _.set(facts),
    ...(outbox.length ? { outbox: _.push(outbox) } : {}),
  }
  const res = await issues().where({ _id: before._id, version: before.version }).update({ data })
  if (res.stats.updated !== 1) {
    const current = await loadIssue(before._id)
    throw new AppError('CONFLICT', '该问题刚被他人处理，请查看最新状态后再操作', {
      state: current?.state,
      version: current?.version,
    })
  }
  return notice ? { ...after, notice } : after
}

/** A raised issue stored with its facts and its first outbox entries; a taken `_id`, request id or case number throws. */
export async function insertIssue(issue: Issue, facts: object, outbox: readonly (PendingNotice | RollupMark)[]): Promise<void> {
  const { _id, ...doc } = issue
  await issues().add({ data: { _id, ...doc, facts, outbox } })
}

export async function issueByClientRequestId(clientRequestId: string): Promise<Issue | null> {
  const { data } = await issues().where({ clientRequestId }).limit(1).get()
  return readIssues(data)[0] ?? null
}

/** The highest case number in [from, to) (one indexed read). */
export async function highestCaseNoIn(from: string, to: string): Promise<string | undefined> {
  const _ = cmd()
  const { data } = await issues().where({ caseNo: _.gte(from).and(_.lt(to)) }).orderBy('caseNo', 'desc').limit(1).field({ caseNo: true }).get()
  return (data as { caseNo?: string }[])[0]?.caseNo
}

export type RepeatCandidate = Pick<Issue, '_id' | 'projectId' | 'category' | 'state' | 'raisedAt' | 'repeatOf'>

/** A project's issues of one category raised since `since` (up to 100): the 重复反映 candidates. */
export async function sameCategorySince(projectId: string, category: string, since: number): Promise<RepeatCandidate[]> {
  const { data } = await issues()
    .where({ projectId, category, raisedAt: cmd().gte(since) })
    .field({ _id: true, projectId: true, category: true, state: true, raisedAt: true, repeatOf: true })
    .limit(100)
    .get()
  return data as RepeatCandidate[]
}

/** The issues of a 重复反映 pair (the root and its repeats) and the suggested original, without timelines (up to 20). */
export async function repeatFamily(root: string, suggested: string | undefined): Promise<Issue[]> {
  const _ = cmd()
  const { data } = await issues()
    .where(_.or([{ _id: root }, { repeatOf: root }, ...(suggested ? [{ _id: suggested }] : [])]))
    .field(HEAD_FIELDS)
    .limit(20)
    .get()
  return heads(data).map((i) => ({ ...i, timeline: [] }))
}

/** Some issues by id, whole but their facts (the visit's 回头看 steps). */
export async function issuesByIds(ids: readonly string[]): Promise<Issue[]> {
  if (ids.length === 0) return []
  const { data } = await issues().where({ _id: cmd().in([...ids]) }).field({ facts: false }).limit(ids.length).get()
  return readIssues(data)
}

/** What a list may ask of the issues, in the desk's terms (issues.list builds it from the caller's scope and filter). */
export interface IssueQuery {
  projectIds?: readonly string[]
  projectId?: string
  teamId?: string
  leadDepartmentId?: string
  assistDepartmentIds?: string
  states?: readonly IssueState[]
  state?: IssueState
  /** Running deadline before this instant (overdue now). */
  runningDueBefore?: number
  supervised?: boolean
  ladder?: Ladder
  caseNos?: readonly string[]
  /** A title containing this text, any case. */
  titleContains?: string
}

function whereOf(q: IssueQuery): Record<string, unknown> {
  const _ = cmd()
  const where: Record<string, unknown> = {}
  if (q.projectId !== undefined) where.projectId = q.projectId
  else if (q.projectIds) where.projectId = _.in([...q.projectIds])
  for (const key of ['teamId', 'leadDepartmentId', 'assistDepartmentIds', 'state', 'supervised', 'ladder'] as const) {
    if (q[key] !== undefined) where[key] = q[key]
  }
  if (q.states) where.state = _.in([...q.states])
  if (q.runningDueBefore !== undefined) where['facts.runningDue'] = _.lt(q.runningDueBefore)
  if (q.caseNos) where.caseNo = q.caseNos.length === 1 ? q.caseNos[0] : _.in([...q.caseNos])
  if (q.titleContains !== undefined) {
    const escaped = q.titleContains.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    where.title = caseInsensitive(escaped)
  }
  return where
}

/** One page of a list, newest raised first, without timelines. */
export async function issuesPage(q: IssueQuery, offset: number, limit: number): Promise<Issue[]> {
  const { data } = await issues().where(whereOf(q)).orderBy('raisedAt', 'desc').skip(offset).limit(limit).field(HEAD_FIELDS).get()
  return heads(data).map((i) => ({ ...i, timeline: [] }))
}

export type OutboxSubject = Pick<Issue, '_id' | 'title' | 'teamId' | 'leadDepartmentId' | 'raisedBy'> & { outbox: (PendingNotice | RollupMark)[] }

/** Issues holding a notice due by `now` in their outbox (issues owing only a rollup move are not). */
export async function issuesOwingNotices(now: number, limit: number): Promise<OutboxSubject[]> {
  const _ = cmd()
  const { data } = await issues().where({ 'outbox.at': _.lte(now), 'outbox.rules': _.exists(true) })
    .field({ _id: true, title: true, teamId: true, leadDepartmentId: true, raisedBy: true, outbox: true }).limit(limit).get()
  return data as OutboxSubject[]
}

/** Removes one settled entry from an issue's outbox. */
export async function removeFromOutbox(issueId: string, entryId: string): Promise<void> {
  await issues().doc(issueId).update({ data: { outbox: cmd().pull({ id: entryId }) } })
}

/** The next page of issues in `states` after `afterId` (keyset on _id), whole. */
export async function issuesInStatesAfter(states: readonly IssueState[], afterId: string, limit: number): Promise<Issue[]> {
  const _ = cmd()
  const where: Record<string, unknown> = { state: _.in([...states]) }
  if (afterId) where._id = _.gt(afterId)
  const { data } = await issues().where(where).orderBy('_id', 'asc').limit(limit).get()
  return readIssues(data)
}

const FACTS_PAGE = 1000

/** The stored facts of the issues a `$match` stage finds, page by page (by _id), at most `maxPages` pages. */
export async function factsMatching(match: Record<string, unknown>, maxPages: number): Promise<IssueFacts[]> {
  const out: IssueFacts[] = []
  for (let page = 0; page < maxPages; page++) {
    const rows = await runPipeline<{ facts: IssueFacts }>(COLLECTIONS.issues, [
      match,
      { $sort: { _id: 1 } },
      { $skip: page * FACTS_PAGE },
      { $limit: FACTS_PAGE },
      { $project: { _id: 0, facts: 1 } },
    ])
    out.push(...rows.map((r) => r.facts))
    if (rows.length < FACTS_PAGE) break
  }
  return out
}
