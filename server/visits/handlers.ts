import type * as v from 'valibot'
import { canRunProject } from '../../src/domain/permissions'
import { requireRole, requireVisibleProject } from '../runtime/guards'
import type { CoverageRow, MyWeekVisit } from '../../src/domain/contract/visits'
import { AppError } from '../../src/domain/errors'
import type { checkInInput, completeVisitInput, coverageInput } from '../../src/domain/schemas/visits'
import { weekKey as weekKeyOf } from '../../src/domain/time'
import type { Project, Visit } from '../../src/domain/types'
import type { IssueCard } from '../../src/domain/views'
import { issueCardFor } from '../../src/domain/issue'
import { viewerOf } from '../../src/domain/visibility'
import { loadCalendar } from '../repo/calendars'
import { agendaDraft, completeVisit } from '../../src/domain/visits'
import type { ActionContext } from '../runtime/entry'
import { issueHeadsByIds, openIssueDeadlines } from '../repo/issues'
import { loadVisit as loadVisitDoc, saveVisitStep, visitsOfWeek, weeklyCoverage } from '../repo/visits'
import { requestDigest, requireSameRequest } from '../shared/requestDigest'
import { checkAttachments } from '../files'
import { loadProject, projectLabels } from '../repo/projects'
import { checkFollowUps, followUpCtx, postFollowUps } from './followUps'
import { planWeek } from './plan'

export async function planWeekAction(input: { weekKey?: string }, ctx: ActionContext) {
  requireRole(ctx.caller, 'visits.planWeek')
  const teamId = ctx.caller.roles.includes('manager') ? undefined : ctx.caller.teamId
  if (!ctx.caller.roles.includes('manager') && !teamId) throw new AppError('FORBIDDEN', '您还不属于任何服务团队')
  return planWeek(input.weekKey ?? weekKeyOf(ctx.now), ctx.now, teamId)
}

export async function myWeek(input: { weekKey?: string }, ctx: ActionContext): Promise<{ weekKey: string; visits: MyWeekVisit[] }> {
  requireRole(ctx.caller, 'visits.myWeek')
  const key = input.weekKey ?? weekKeyOf(ctx.now)
  const list = await visitsOfWeek(key, ctx.caller.teamId)
  if (list.length === 0) return { weekKey: key, visits: [] }
  const byId = new Map((await projectLabels(list.map((x) => x.projectId))).map((p) => [p._id, p]))
  return {
    weekKey: key,
    visits: list.map((x) => ({ ...x, projectName: byId.get(x.projectId)?.name ?? '', enterpriseName: byId.get(x.projectId)?.enterpriseName ?? '', address: byId.get(x.projectId)?.address ?? '' })),
  }
}

/** The visit and its project, for those who run the project (`staffOnly`: its team's staff, who log visits). */
async function loadVisit(visitId: string, ctx: ActionContext, staffOnly: boolean): Promise<{ visit: Visit; project: Project }> {
  const visit = await loadVisitDoc(visitId)
  const project = visit ? await loadProject(visit.projectId) : null
  if (!visit || !project) throw new AppError('NOT_FOUND', '走访记录不存在或您无权查看')
  requireVisibleProject(ctx.caller, project)
  if (staffOnly && !(ctx.caller.roles.includes('staff') && canRunProject(ctx.caller, project))) {
    throw new AppError('FORBIDDEN', '只有项目的服务团队可以登记走访')
  }
  if (!canRunProject(ctx.caller, project)) throw new AppError('FORBIDDEN', '走访登记只对项目的服务团队和管理者开放')
  return { visit, project }
}

export async function getVisit(input: { visitId: string }, ctx: ActionContext): Promise<Visit & { agendaDraft: string[]; issues: IssueCard[] }> {
  requireRole(ctx.caller, 'visits.get')
  const { visit } = await loadVisit(input.visitId, ctx, false)
  const [open, raised, { calendar }] = await Promise.all([openIssueDeadlines(visit.projectId), issueHeadsByIds(visit.issueIds), loadCalendar()])
  const cards = raised.map((i) => {
    const issue = { ...i, timeline: [] }
    return issueCardFor(issue, viewerOf(issue, ctx.caller) ?? 'staff', ctx.now, calendar)
  })
  return { ...visit, agendaDraft: agendaDraft(open, ctx.now), issues: cards }
}

/** Every visit change is one conditional update on its version; CONFLICT (with the visit as it is now) when another came first. */
async function saveVisit(before: Visit, after: Visit): Promise<void> {
  if (!(await saveVisitStep(before, after))) {
    throw new AppError('CONFLICT', '走访记录刚被他人更新，请刷新后重试', { visit: await loadVisitDoc(after._id) })
  }
}

export async function checkIn(input: v.InferOutput<typeof checkInInput>, ctx: ActionContext): Promise<Visit> {
  requireRole(ctx.caller, 'visits.checkIn')
  const { visit } = await loadVisit(input.visitId, ctx, true)
  if (visit.status === 'done') throw new AppError('INVALID_TRANSITION', '本周走访已经提交，不能再签到')
  const after: Visit = { ...visit, checkIn: { ...input.location, at: ctx.now }, version: visit.version + 1, updatedAt: ctx.now }
  await saveVisit(visit, after)
  return after
}

/**
 * Completing a visit: the log is checked (texts within their limits, photos the caller's own
 * uploads, 回头看 only on the project's issues), saved in one conditional update of the visit, and
 * then each 回头看 becomes a step on its issue. A retry with the same clientRequestId — after a lost
 * reply, or a crash between the two — answers with the stored visit and writes the follow-ups not
 * written yet, never one twice.
 */
export async function complete(input: v.InferOutput<typeof completeVisitInput>, ctx: ActionContext): Promise<Visit> {
  requireRole(ctx.caller, 'visits.complete')
  const { visit } = await loadVisit(input.visitId, ctx, true)
  const { visitId: _v, ...log } = input
  const digest = requestDigest({ ...log, clientRequestId: undefined })
  const outcome = completeVisit(visit, log, ctx.openid, ctx.now)
  if (!outcome.ok) throw outcome.error
  const completed = outcome.value
  const { replay } = completed
  const after: Visit = replay ? completed.visit : { ...completed.visit, requestDigest: digest }
  const issueCtx = followUpCtx(ctx.now, ctx.user?.name)
  if (replay) {
    requireSameRequest(after.requestDigest, digest)
    await postFollowUps(after, ctx.caller, issueCtx)
    return after
  }
  checkAttachments(after.photos, ctx.openid, 'photos')
  const issues = await checkFollowUps(after, after.followUps, ctx.caller, issueCtx)
  try {
    await saveVisit(visit, after)
  } catch (e) {
    // A retried submission that raced its own first attempt: answer with what the first one stored.
    const current = (e as AppError).details as { visit?: Visit } | undefined
    if (current?.visit?.status === 'done' && current.visit.clientRequestId === input.clientRequestId) {
      requireSameRequest(current.visit.requestDigest, digest)
      await postFollowUps(current.visit, ctx.caller, issueCtx)
      return current.visit
    }
    throw e
  }
  await postFollowUps(after, ctx.caller, issueCtx, issues)
  return after
}

/** Visit coverage per week in one aggregate call: every active project has one visit document per week. */
export async function coverage(input: v.InferOutput<typeof coverageInput>, ctx: ActionContext): Promise<CoverageRow[]> {
  requireRole(ctx.caller, 'visits.coverage')
  if (input.fromWeek > input.toWeek) throw new AppError('INVALID_INPUT', '起始周不能晚于结束周')
  return weeklyCoverage(input.fromWeek, input.toWeek)
}
