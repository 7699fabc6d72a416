/**
 * Opening the mini-program from a WeChat group: the group's openGId comes from WeChat (a CloudID),
 * never from the client.
 * One group ↔ one project: the unique index on projects.openGId is the final guard.
 */
import type * as v from 'valibot'
import { AppError } from '../../src/domain/errors'
import type { enterInput } from '../../src/domain/schemas/me'
import type { EnterResult } from '../../src/domain/views'
import { claimGroup, loadGroupBinding, releaseGroup } from '../repo/groupBindings'
import { bindProjectGroup, loadProject } from '../repo/projects'
import { getCloud } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { summarizeProject } from '../shared/summaries'
import { addMembership } from './membership'

type Input = v.InferOutput<typeof enterInput>

/**
 * The group the caller opened the mini-program from. The event's `group` field carries the
 * CloudID (the platform may already have attached its data); the data is never trusted as sent —
 * the CloudID is resolved again through cloud.getOpenData, which only WeChat can answer.
 */
export async function openGIdFrom(event: Record<string, unknown>): Promise<string | undefined> {
  const group = event.group as { cloudID?: unknown } | string | undefined
  const cloudID = typeof group === 'string' ? group : group?.cloudID
  if (typeof cloudID !== 'string' || !/^[A-Za-z0-9_.:-]{4,256}$/.test(cloudID)) return undefined
  try {
    const { list } = await getCloud().getOpenData({ list: [cloudID] })
    const data = list?.[0]?.data as { openGId?: unknown; opengid?: unknown } | undefined
    const gid = data?.openGId ?? data?.opengid
    return typeof gid === 'string' && /^[A-Za-z0-9_-]{6,128}$/.test(gid) ? gid : undefined
  } catch {
    return undefined
  }
}

export async function enter(input: Input, ctx: ActionContext): Promise<EnterResult> {
  const openGId = await openGIdFrom(ctx.event)
  if (!openGId) throw new AppError('NOT_IN_GROUP', '未能识别所在的微信群，请从项目群里的小程序卡片进入')
  const binding = await loadGroupBinding(openGId)
  const groupProject = binding ? await loadProject(binding.projectId) : null

  if (groupProject) {
    await addMembership(ctx.openid, ctx.user, groupProject._id, ctx.now)
    const refused =
      input.projectId && input.projectId !== groupProject._id
        ? { code: 'GROUP_ALREADY_BOUND' as const, message: `本群已绑定项目「${groupProject.name}」，一个群只能绑定一个项目` }
        : undefined
    return { project: summarizeProject(groupProject), member: true, boundNow: false, refused }
  }
  if (!input.projectId || !input.bindToken) return { project: null, member: false, boundNow: false }
  return bindGroup(input.projectId, input.bindToken, openGId, ctx)
}

const refusedCard = { code: 'FORBIDDEN' as const, message: '分享卡片已失效，请让服务专员重新分享' }

/**
 * Bind: claim the group (a document whose _id is the openGId — a second claim is a duplicate key),
 * then bind the project on condition it is still unbound with this token; if that fails the claim
 * is released, so nothing is left half-written.
 */
async function bindGroup(projectId: string, token: string, openGId: string, ctx: ActionContext): Promise<EnterResult> {
  const project = await loadProject(projectId)
  if (!project) return { project: null, member: false, boundNow: false, refused: refusedCard }
  if (project.openGId) {
    return { project: null, member: false, boundNow: false, refused: { code: 'PROJECT_ALREADY_BOUND', message: '该项目已绑定另一个微信群，一个项目只能绑定一个群' } }
  }
  if (project.bindToken !== token || (project.bindTokenExpiresAt ?? 0) <= ctx.now) return { project: null, member: false, boundNow: false, refused: refusedCard }
  if (!(await claimGroup({ _id: openGId, projectId, at: ctx.now, by: ctx.openid }))) {
    return { project: null, member: false, boundNow: false, refused: { code: 'GROUP_ALREADY_BOUND', message: '本群已绑定其他项目' } }
  }
  if (!(await bindProjectGroup(projectId, token, openGId, { at: ctx.now, by: ctx.openid, what: 'group_bound', openGId }, ctx.now))) {
    await releaseGroup(openGId)
    return { project: null, member: false, boundNow: false, refused: { code: 'PROJECT_ALREADY_BOUND', message: '该项目刚绑定了另一个微信群' } }
  }
  await addMembership(ctx.openid, ctx.user, projectId, ctx.now)
  return { project: summarizeProject({ ...project, openGId }), member: true, boundNow: true }
}
