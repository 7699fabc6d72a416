import type * as v from 'valibot'
import { requireVisibleProject } from '../../src/domain/access'
import type { IssueDetail } from '../../src/domain/contract/issues'
import { AppError } from '../../src/domain/errors'
import { OPEN_STATES, caseNoRange, caseYearOf, createIssue, nextCaseNo, transition } from '../../src/domain/issue'
import { issueFacts } from '../../src/domain/metrics/facts'
import type { actOnIssueInput, raiseIssueInput } from '../../src/domain/schemas/issues'
import { DAY_MS } from '../../src/domain/time'
import type { WorkCalendar } from '../../src/domain/calendar/types'
import type { Issue } from '../../src/domain/types'
import { type Viewer, viewerOf } from '../../src/domain/visibility'
import { checkAttachments } from '../files'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { loadProject } from '../projects/manage'
import { loadCalendar } from '../shared/calendar'
import { deskConfig } from '../shared/config'
import { loadDepartments } from '../shared/departments'
import { newId } from '../shared/ids'
import { VIEWER_OF_ROLE, detailOf, issueDepartmentIds, projectName, relatedIssues, requireVisibleIssue, viewLinks } from './detail'
import { notifyStep } from './notify'
import { commitStep, issuesCollection, loadIssue } from './store'

async function detailFor(
  issue: Issue,
  ctx: ActionContext,
  known: { calendar?: WorkCalendar; projectName?: string; actedAs?: Viewer } = {},
): Promise<IssueDetail> {
  const [calendar, departments, name, related] = await Promise.all([
    known.calendar ?? loadCalendar().then((c) => c.calendar),
    loadDepartments(issueDepartmentIds(issue)),
    known.projectName ?? projectName(issue.projectId),
    relatedIssues(issue),
  ])
  const viewer = viewerOf(issue, ctx.caller) ?? known.actedAs
  const links = viewer ? await viewLinks(issue, viewer, ctx.caller, ctx.now, { calendar, departments }) : {}
  return detailOf(issue, ctx.caller, ctx.now, { calendar, departments, projectName: name, related, links, actedAs: known.actedAs })
}

async function byClientRequestId(clientRequestId: string): Promise<Issue | null> {
  const { data } = await issuesCollection().where({ clientRequestId }).limit(1).get()
  return (data as Issue[])[0] ?? null
}

/** The year's highest case number so far (one indexed read). */
async function highestCaseNo(year: number): Promise<string | undefined> {
  const _ = command()
  const { from, to } = caseNoRange(year)
  const { data } = await issuesCollection().where({ caseNo: _.gte(from).and(_.lt(to)) }).orderBy('caseNo', 'desc').limit(1).field({ caseNo: true }).get()
  return (data as { caseNo?: string }[])[0]?.caseNo
}

const duplicateOf = (e: unknown, index: string): boolean => new RegExp(`E11000.*${index}`, 'i').test(String((e as Error)?.message))
const CASE_NO_ATTEMPTS = 5

/**
 * Raise an issue. A retried submission (same clientRequestId) answers with the issue the first
 * one created; the unique index on clientRequestId settles a race between the two. The case number
 * is the year's highest + 1 under a unique index: two raises at once cannot share one, the second
 * takes the next.
 */
export async function raise(input: v.InferOutput<typeof raiseIssueInput>, ctx: ActionContext): Promise<IssueDetail> {
  const _ = command()
  const config = deskConfig()
  const year = caseYearOf(ctx.now)
  const [existing, project, candidates, { calendar }, highest] = await Promise.all([
    byClientRequestId(input.clientRequestId),
    loadProject(input.projectId),
    issuesCollection()
      .where({ projectId: input.projectId, category: input.category, raisedAt: _.gte(ctx.now - config.repeatWindowDays * DAY_MS) })
      .field({ _id: true, projectId: true, category: true, state: true, raisedAt: true, repeatOf: true })
      .limit(100)
      .get()
      .then((r: any) => (r.data as Issue[]).filter((i) => OPEN_STATES.includes(i.state))),
    loadCalendar(),
    highestCaseNo(year),
  ])
  const retried = async (first: Issue | null) => {
    if (!first || first.raisedBy !== ctx.openid) throw new AppError('CONFLICT', '请求编号重复，请重新提交')
    // The first attempt may have died between storing the issue and linking it to its visit.
    if (first.visitId) await linkToVisit(first, ctx.now)
    return detailFor(first, ctx, { calendar })
  }
  if (existing) return retried(existing)
  const visible = requireVisibleProject(ctx.caller, project)
  const raiser = ctx.user?.name ? { name: ctx.user.name, ...(ctx.user.phone ? { phone: ctx.user.phone } : {}) } : undefined
  const id = newId()
  let caseNo = nextCaseNo(year, highest)
  for (let attempt = 1; ; attempt++) {
    const created = createIssue({ ...input, teamId: visible.teamId }, ctx.caller, {
      id, now: ctx.now, calendar, config, repeatCandidates: candidates, caseNo, ...(raiser ? { raiser } : {}),
    })
    if (!created.ok) throw created.error
    const issue = created.value
    // Who may raise is decided first; then the photos must be the raiser's own uploads.
    if (attempt === 1) checkAttachments(issue.photos, ctx.openid, 'photos')
    if (attempt === 1 && issue.visitId) await requireVisitOfProject(issue.visitId, issue.projectId)
    const { _id, ...doc } = issue
    try {
      await issuesCollection().add({ data: { _id, ...doc, facts: issueFacts(issue, calendar) } })
    } catch (e) {
      if (duplicateOf(e, 'caseNo') && attempt < CASE_NO_ATTEMPTS) {
        caseNo = nextCaseNo(year, await highestCaseNo(year))
        continue
      }
      if (!duplicateOf(e, 'clientRequestId|_id_')) throw e
      return retried(await byClientRequestId(input.clientRequestId))
    }
    if (issue.visitId) await linkToVisit(issue, ctx.now)
    await notifyStep(issue, issue.timeline[0], visible, ctx.now)
    return detailFor(issue, ctx, { calendar, projectName: visible.name })
  }
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
    ...(ctx.user?.name ? { actorName: ctx.user.name } : {}),
    ...(repeatTarget ? { repeatTarget } : {}),
  })
  if (!step.ok) throw step.error
  // Allowed to act; the files it cites must be the caller's own uploads (photos or documents).
  if (Array.isArray(cmd.files)) checkAttachments(cmd.files as string[], ctx.openid, 'materials')
  const after = await commitStep(issue, step.value, calendar)
  await notifyStep(after, step.value.event, null, ctx.now)
  const role = step.value.event.role
  const actedAs = role === 'system' ? undefined : VIEWER_OF_ROLE[role]
  const viewer = viewerOf(after, ctx.caller) ?? actedAs
  const [name, related, links] = await Promise.all([
    projectName(after.projectId),
    relatedIssues(after),
    viewer ? viewLinks(after, viewer, ctx.caller, ctx.now, { calendar, departments }) : {},
  ])
  return detailOf(after, ctx.caller, ctx.now, { calendar, departments, projectName: name, related, links, actedAs })
}

export async function get(input: { issueId: string }, ctx: ActionContext): Promise<IssueDetail> {
  const issue = requireVisibleIssue(await loadIssue(input.issueId), ctx.caller)
  return detailFor(issue, ctx)
}
