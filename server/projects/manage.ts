import type * as v from 'valibot'
import { canRunProject, requireRole, requireVisibleProject } from '../../src/domain/access'
import type { ShareTicket } from '../../src/domain/contract/projects'
import { AppError } from '../../src/domain/errors'
import type { createProjectInput, listProjectsInput, unbindGroupInput, updateProjectInput } from '../../src/domain/schemas/projects'
import type { Project } from '../../src/domain/types'
import type { Page, ProjectSummary } from '../../src/domain/views'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { loadProject, projectToDoc, projectsCollection } from '../repo/projects'
import { bindToken, newId } from '../shared/ids'
import { decodeOffsetCursor, encodeOffsetCursor } from '../shared/paging'
import { summarizeProject } from '../shared/summaries'
import { absolutePath, links } from '../../src/domain/links'

const SHARE_TICKET_DAYS = 7

export { loadProject } from '../repo/projects'

/** The project, if the caller may run it (managers and its own team); otherwise NOT_FOUND or FORBIDDEN. */
export async function loadRunnableProject(projectId: string, ctx: ActionContext): Promise<Project> {
  const project = requireVisibleProject(ctx.caller, await loadProject(projectId))
  if (!canRunProject(ctx.caller, project)) throw new AppError('FORBIDDEN', '只有项目的服务团队和管理者可以执行此操作')
  return project
}

export async function createProject(input: v.InferOutput<typeof createProjectInput>, ctx: ActionContext): Promise<Project> {
  requireRole(ctx.caller, 'projects.create')
  if (!canRunProject(ctx.caller, { teamId: input.teamId })) throw new AppError('FORBIDDEN', '服务专员只能为本团队创建项目')
  const { data: team } = await getDb().collection(COLLECTIONS.teams).doc(input.teamId).get()
  if (!team) throw new AppError('NOT_FOUND', '服务团队不存在')
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
  const { _id, ...doc } = project
  await projectsCollection().doc(_id).set({ data: projectToDoc(doc) })
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
  const entry = { at: ctx.now, by: ctx.openid, what: 'updated', note: Object.keys(patch).join(',') }
  // `set` so nested objects (contacts) replace rather than merge; a location is a db.Geo.Point,
  // which the SDK writes whole as GeoJSON (inside _.set it would be written as a plain object).
  const _ = command()
  const data: Record<string, unknown> = { updatedAt: ctx.now, history: _.push([entry]) }
  for (const [k, value] of Object.entries(projectToDoc(patch))) data[k] = k === 'location' ? value : _.set(value as object)
  await projectsCollection().doc(project._id).update({ data })
  const location = patch.location ? { location: { latitude: patch.location.latitude, longitude: patch.location.longitude } } : {}
  return { ...project, ...patch, ...location, updatedAt: ctx.now, history: [...project.history, entry as Project['history'][number]] } as Project
}

export async function getProject(input: { projectId: string }, ctx: ActionContext): Promise<Project> {
  requireRole(ctx.caller, 'projects.get')
  const project = requireVisibleProject(ctx.caller, await loadProject(input.projectId))
  const { bindToken: _t, bindTokenExpiresAt: _e, ...visible } = project
  return visible
}

export async function listProjects(input: v.InferOutput<typeof listProjectsInput>, ctx: ActionContext): Promise<Page<ProjectSummary>> {
  requireRole(ctx.caller, 'projects.list')
  const _ = command()
  const db = getDb()
  const { caller } = ctx
  const where: Record<string, unknown> = { status: _.in(['active', 'paused']) }
  if (caller.roles.includes('manager')) {
    if (input.teamId) where.teamId = input.teamId
  } else if (caller.roles.includes('staff') && caller.teamId) {
    where.teamId = caller.teamId
  } else {
    where._id = _.in(caller.projectIds.slice(0, 100))
  }
  if (input.keyword) where.name = db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' })
  const offset = decodeOffsetCursor(input.cursor)
  const { data } = await db.collection(COLLECTIONS.projects).where(where).orderBy('createdAt', 'desc').skip(offset).limit(input.pageSize + 1).get()
  const items = (data as Project[]).slice(0, input.pageSize).map(summarizeProject)
  return { items, nextCursor: data.length > input.pageSize ? encodeOffsetCursor(offset + input.pageSize) : undefined }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export async function shareTicket(input: { projectId: string }, ctx: ActionContext): Promise<ShareTicket> {
  requireRole(ctx.caller, 'projects.shareTicket')
  const project = await loadRunnableProject(input.projectId, ctx)
  const title = `${project.enterpriseName}｜企业周走访`
  if (project.openGId) return { title, path: absolutePath(links.board({ projectId: project._id })), bindToken: '', expiresAt: 0 }
  const token = bindToken()
  const expiresAt = ctx.now + SHARE_TICKET_DAYS * 86_400_000
  await getDb().collection(COLLECTIONS.projects).doc(project._id).update({ data: { bindToken: token, bindTokenExpiresAt: expiresAt } })
  return { title, path: absolutePath(links.board({ projectId: project._id, bindToken: token })), bindToken: token, expiresAt }
}

export async function unbindGroup(input: v.InferOutput<typeof unbindGroupInput>, ctx: ActionContext): Promise<Project> {
  requireRole(ctx.caller, 'projects.unbindGroup')
  const project = await loadProject(input.projectId)
  if (!project) throw new AppError('NOT_FOUND', '项目不存在')
  if (!project.openGId) throw new AppError('INVALID_TRANSITION', '该项目尚未绑定微信群')
  const _ = command()
  const entry = { at: ctx.now, by: ctx.openid, what: 'group_unbound' as const, openGId: project.openGId, note: input.reason }
  const res = await getDb().collection(COLLECTIONS.projects).where({ _id: project._id, openGId: project.openGId })
    .update({ data: { openGId: _.remove(), updatedAt: ctx.now, history: _.push([entry]) } })
  if (res.stats.updated !== 1) throw new AppError('CONFLICT', '项目刚被他人修改，请刷新后重试')
  await getDb().collection(COLLECTIONS.groupBindings).doc(project.openGId).remove()
  const { openGId: _g, ...rest } = project
  return { ...rest, updatedAt: ctx.now, history: [...project.history, entry] }
}
