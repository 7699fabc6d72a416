import type * as v from 'valibot'
import { requireVisibleProject } from '../../src/domain/access'
import type { IssueDetail } from '../../src/domain/contract/issues'
import { AppError } from '../../src/domain/errors'
import { OPEN_STATES, createIssue, transition } from '../../src/domain/issue'
import { issueFacts } from '../../src/domain/metrics/facts'
import type { actOnIssueInput, raiseIssueInput } from '../../src/domain/schemas/issues'
import { DAY_MS } from '../../src/domain/time'
import type { Issue } from '../../src/domain/types'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { loadProject } from '../projects/manage'
import { loadCalendar } from '../shared/calendar'
import { deskConfig } from '../shared/config'
import { loadDepartments } from '../shared/departments'
import { newId } from '../shared/ids'
import { detailOf, issueDepartmentIds, projectName, relatedIssues, requireVisibleIssue } from './detail'
import { notifyStep } from './notify'
import { commitStep, issuesCollection, loadIssue } from './store'

async function detailFor(issue: Issue, ctx: ActionContext, known: { calendar?: any; projectName?: string } = {}): Promise<IssueDetail> {
  const [calendar, departments, name, related] = await Promise.all([
    known.calendar ?? loadCalendar().then((c) => c.calendar),
    loadDepartments(issueDepartmentIds(issue)),
    known.projectName ?? projectName(issue.projectId),
    relatedIssues(issue),
  ])
  return detailOf(issue, ctx.caller, ctx.now, { calendar, departments, projectName: name, related })
}

async function byClientRequestId(clientRequestId: string): Promise<Issue | null> {
  const { data } = await issuesCollection().where({ clientRequestId }).limit(1).get()
  return (data as Issue[])[0] ?? null
}

/**
 * Raise an issue. A retried submission (same clientRequestId) answers with the issue the first
 * one created; the unique index on clientRequestId settles a race between the two.
 */
export async function raise(input: v.InferOutput<typeof raiseIssueInput>, ctx: ActionContext): Promise<IssueDetail> {
  const _ = command()
  const config = deskConfig()
  const [existing, project, candidates, { calendar }] = await Promise.all([
    byClientRequestId(input.clientRequestId),
    loadProject(input.projectId),
    issuesCollection()
      .where({ projectId: input.projectId, category: input.category, raisedAt: _.gte(ctx.now - config.repeatWindowDays * DAY_MS) })
      .field({ _id: true, projectId: true, category: true, state: true, raisedAt: true, repeatOf: true })
      .limit(100)
      .get()
      .then((r: any) => (r.data as Issue[]).filter((i) => OPEN_STATES.includes(i.state))),
    loadCalendar(),
  ])
  if (existing) {
    if (existing.raisedBy !== ctx.openid) throw new AppError('CONFLICT', '请求编号重复，请重新提交')
    // The first attempt may have died between storing the issue and linking it to its visit.
    if (existing.visitId) await linkToVisit(existing, ctx.now)
    return detailFor(existing, ctx, { calendar })
  }
  const visible = requireVisibleProject(ctx.caller, project)
  const created = createIssue({ ...input, teamId: visible.teamId }, ctx.caller, { id: newId(), now: ctx.now, calendar, config, repeatCandidates: candidates })
  if (!created.ok) throw created.error
  const issue = created.value
  if (issue.visitId) await requireVisitOfProject(issue.visitId, issue.projectId)
  const { _id, ...doc } = issue
  try {
    await issuesCollection().add({ data: { _id, ...doc, facts: issueFacts(issue, calendar) } })
  } catch (e) {
    if (!/duplicate|E11000/i.test(String((e as Error).message))) throw e
    const first = await byClientRequestId(input.clientRequestId)
    if (!first || first.raisedBy !== ctx.openid) throw new AppError('CONFLICT', '请求编号重复，请重新提交')
    if (first.visitId) await linkToVisit(first, ctx.now)
    return detailFor(first, ctx, { calendar })
  }
  if (issue.visitId) await linkToVisit(issue, ctx.now)
  await notifyStep(issue, issue.timeline[0], visible, ctx.now)
  return detailFor(issue, ctx, { calendar, projectName: visible.name })
}

/** Idempotent: a retried raise links its issue to the visit again, never twice. */
async function linkToVisit(issue: Issue, now: number): Promise<void> {
  const _ = command()
  await getDb().collection(COLLECTIONS.visits).where({ _id: issue.visitId!, issueIds: _.nin([issue._id]) })
    .update({ data: { issueIds: _.addToSet(issue._id), updatedAt: now } })
}

async function requireVisitOfProject(visitId: string, projectId: string): Promise<void> {
  const { data } = await getDb().collection(COLLECTIONS.visits).doc(visitId).field({ projectId: true }).get()
  if (!data || (data as { projectId: string }).projectId !== projectId) throw new AppError('INVALID_INPUT', '走访记录与项目不符')
}

/** One step of the lifecycle: validate, decide in the domain, one conditional update. */
export async function act(input: v.InferOutput<typeof actOnIssueInput>, ctx: ActionContext): Promise<IssueDetail> {
  const issue = requireVisibleIssue(await loadIssue(input.issueId), ctx.caller)
  if (input.expectedVersion !== undefined && input.expectedVersion !== issue.version) {
    throw new AppError('CONFLICT', '该问题已被他人处理，请查看最新状态', { state: issue.state, version: issue.version })
  }
  const cmd = input.command as Record<string, unknown>
  const mentioned = [
    ...issueDepartmentIds(issue),
    ...(typeof cmd.leadDepartmentId === 'string' ? [cmd.leadDepartmentId] : []),
    ...(Array.isArray(cmd.assistDepartmentIds) ? (cmd.assistDepartmentIds as string[]) : []),
  ]
  const repeatOf = cmd.action === 'link_repeat' && typeof cmd.repeatOf === 'string' ? cmd.repeatOf : undefined
  const [{ calendar }, departments, repeatTarget] = await Promise.all([
    loadCalendar(),
    loadDepartments(mentioned),
    repeatOf ? loadIssue(repeatOf) : undefined,
  ])
  for (const id of mentioned) if (!departments.exists(id)) throw new AppError('INVALID_INPUT', '所选部门不存在')
  const step = transition(issue, input.command as any, ctx.caller, {
    now: ctx.now,
    calendar,
    config: deskConfig(),
    departmentHasHandler: departments.hasHandler,
    ...(repeatTarget ? { repeatTarget } : {}),
  })
  if (!step.ok) throw step.error
  const after = await commitStep(issue, step.value, calendar)
  await notifyStep(after, step.value.event, null, ctx.now)
  const [name, related] = await Promise.all([projectName(after.projectId), relatedIssues(after)])
  const actedAs = step.value.event.role === 'system' ? undefined : step.value.event.role
  return detailOf(after, ctx.caller, ctx.now, { calendar, departments, projectName: name, related, actedAs })
}

export async function get(input: { issueId: string }, ctx: ActionContext): Promise<IssueDetail> {
  const issue = requireVisibleIssue(await loadIssue(input.issueId), ctx.caller)
  return detailFor(issue, ctx)
}
