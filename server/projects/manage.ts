import type * as v from 'valibot'
import { canRunProject } from '../../src/domain/permissions'
import { requireRole, requireVisibleProject } from '../runtime/guards'
import type { ShareTicket } from '../../src/domain/contract/projects'
import { AppError } from '../../src/domain/errors'
import type { createProjectInput, listProjectsInput, unbindGroupInput, updateProjectInput } from '../../src/domain/schemas/projects'
import type { Project, ProjectHistoryEntry } from '../../src/domain/types'
import type { Page, ProjectSummary } from '../../src/domain/views'
import type { ActionContext } from '../runtime/entry'
import { type ProjectScope, loadProject, projectsPage, saveProject, setBindToken, unbindProjectGroup, updateProject as updateProjectDoc } from '../repo/projects'
import { releaseGroup } from '../repo/groupBindings'
import { loadTeam } from '../repo/teams'
import { bindToken, newId } from '../shared/ids'
import { decodeOffsetCursor, encodeOffsetCursor } from '../shared/paging'
import { summarizeProject } from '../shared/summaries'
import { absolutePath, links } from '../../src/domain/links'

const SHARE_TICKET_DAYS = 7

/** The project, if the caller may run it (managers and its own team); otherwise NOT_FOUND or FORBIDDEN. */
export async function loadRunnableProject(projectId: string, ctx: ActionContext): Promise<Project> {
  const project = requireVisibleProject(ctx.caller, await loadProject(projectId))
  if (!canRunProject(ctx.caller, project)) throw new AppError('FORBIDDEN', '只有项目的服务团队和管理者可以执行此操作')
  return project
}

export async function createProject(input: v.InferOutput<typeof createProjectInput>, ctx: ActionContext): Promise<Project> {
  requireRole(ctx.caller, 'projects.create')
  if (!canRunProject(ctx.caller, { teamId: input.teamId })) throw new AppError('FORBIDDEN', '服务专员只能为本团队创建项目')
  if (!(await loadTeam(input.teamId))) throw new AppError('NOT_FOUND', '服务团队不存在')
  const { location, ...fields } = input
  const project: Project = {
    _id: newId(),
    ...fields,
    ...(location ? { location: { latitude: location.latitude, longitude: location.longitude } } : {}),
    status: 'active',
    history: [{ at: ctx.now, by: ctx.openid, what: 'created' }],
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
  await saveProject(project)
  return project
}

export async function updateProject(input: v.InferOutput<typeof updateProjectInput>, ctx: ActionContext): Promise<Project> {
  requireRole(ctx.caller, 'projects.update')
  const project = await loadRunnableProject(input.projectId, ctx)
  const patch = Object.fromEntries(Object.entries(input.patch).filter(([, value]) => value !== undefined)) as Partial<Project>
  if (patch.teamId && patch.teamId !== project.teamId && !ctx.caller.roles.includes('manager')) {
    throw new AppError('FORBIDDEN', '只有管理者可以更换项目的服务团队')
  }
  if (Object.keys(patch).length === 0) return project
  const entry: ProjectHistoryEntry = { at: ctx.now, by: ctx.openid, what: 'updated', note: Object.keys(patch).join(',') }
  await updateProjectDoc(project._id, patch, entry, ctx.now)
  const location = patch.location ? { location: { latitude: patch.location.latitude, longitude: patch.location.longitude } } : {}
  return { ...project, ...patch, ...location, updatedAt: ctx.now, history: [...project.history, entry] }
}

export async function getProject(input: { projectId: string }, ctx: ActionContext): Promise<Project> {
  requireRole(ctx.caller, 'projects.get')
  const project = requireVisibleProject(ctx.caller, await loadProject(input.projectId))
  const { bindToken: _t, bindTokenExpiresAt: _e, ...visible } = project
  return visible
}

export async function listProjects(input: v.InferOutput<typeof listProjectsInput>, ctx: ActionContext): Promise<Page<ProjectSummary>> {
  requireRole(ctx.caller, 'projects.list')
  const { caller } = ctx
  const scope: ProjectScope = caller.roles.includes('manager')
    ? { teamId: input.teamId }
    : caller.roles.includes('staff') && caller.teamId ? { teamId: caller.teamId } : { ids: caller.projectIds }
  const offset = decodeOffsetCursor(input.cursor)
  const data = await projectsPage(scope, input.keyword, offset, input.pageSize + 1)
  const items = data.slice(0, input.pageSize).map(summarizeProject)
  return { items, nextCursor: data.length > input.pageSize ? encodeOffsetCursor(offset + input.pageSize) : undefined }
}

export async function shareTicket(input: { projectId: string }, ctx: ActionContext): Promise<ShareTicket> {
  requireRole(ctx.caller, 'projects.shareTicket')
  const project = await loadRunnableProject(input.projectId, ctx)
  const title = `${project.enterpriseName}｜企业周走访`
  if (project.openGId) return { title, path: absolutePath(links.board({ projectId: project._id })), bindToken: '', expiresAt: 0 }
  const token = bindToken()
  const expiresAt = ctx.now + SHARE_TICKET_DAYS * 86_400_000
  await setBindToken(project._id, token, expiresAt)
  return { title, path: absolutePath(links.board({ projectId: project._id, bindToken: token })), bindToken: token, expiresAt }
}

export async function unbindGroup(input: v.InferOutput<typeof unbindGroupInput>, ctx: ActionContext): Promise<Project> {
  requireRole(ctx.caller, 'projects.unbindGroup')
  const project = await loadProject(input.projectId)
  if (!project) throw new AppError('NOT_FOUND', '项目不存在')
  if (!project.openGId) throw new AppError('INVALID_TRANSITION', '该项目尚未绑定微信群')
  const entry: ProjectHistoryEntry = { at: ctx.now, by: ctx.openid, what: 'group_unbound', openGId: project.openGId, note: input.reason }
  if (!(await unbindProjectGroup(project._id, project.openGId, entry, ctx.now))) throw new AppError('CONFLICT', '项目刚被他人修改，请刷新后重试')
  await releaseGroup(project.openGId)
  const { openGId: _g, ...rest } = project
  return { ...rest, updatedAt: ctx.now, history: [...project.history, entry] }
}
