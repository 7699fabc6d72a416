import type * as v from 'valibot'
import { AppError } from '../../src/domain/errors'
import type { acceptInviteInput, registerLiaisonInput } from '../../src/domain/schemas/me'
import type { Role, User } from '../../src/domain/types'
import type { WhoAmI } from '../../src/domain/views'
import { callerFromUser } from '../runtime/caller'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { whoami } from './whoami'

/** A member of the project's group registers as the enterprise's liaison (name and phone). */
export async function registerLiaison(input: v.InferOutput<typeof registerLiaisonInput>, ctx: ActionContext): Promise<WhoAmI> {
  if (!ctx.user || !ctx.caller.projectIds.includes(input.projectId)) {
    throw new AppError('NOT_FOUND', '项目不存在或您不在该项目群中')
  }
  const _ = command()
  await getDb().collection(COLLECTIONS.users).doc(ctx.openid).update({
    data: { name: input.name, phone: input.phone, liaisonOf: _.addToSet(input.projectId), roles: _.addToSet('liaison'), updatedAt: ctx.now },
  })
  const user: User = {
    ...ctx.user,
    name: input.name,
    phone: input.phone,
    liaisonOf: [...new Set([...ctx.user.liaisonOf, input.projectId])],
    roles: [...new Set<Role>([...ctx.user.roles, 'liaison'])],
  }
  return whoami({ ...ctx, user, caller: callerFromUser(ctx.openid, user) })
}

interface InviteDoc {
  _id: string
  code: string
  kind: 'staff' | 'handler' | 'manager'
  teamId?: string
  departmentId?: string
  maxUses: number
  used: number
  usedBy: string[]
  expiresAt: number
}

/** The opener of an invite code becomes staff of a team, handler of a department, or a manager. */
export async function acceptInvite(input: v.InferOutput<typeof acceptInviteInput>, ctx: ActionContext): Promise<WhoAmI> {
  const db = getDb()
  const _ = command()
  const { data } = await db.collection(COLLECTIONS.invites).where({ code: input.code }).limit(1).get()
  const invite = (data as InviteDoc[])[0]
  if (!invite || invite.expiresAt <= ctx.now || invite.used >= invite.maxUses) {
    throw new AppError('INVITE_INVALID', '邀请码无效或已过期，请向管理者索取新的邀请码')
  }
  if (!invite.usedBy.includes(ctx.openid)) {
    // Claim one use atomically: the condition fails if the last use was taken meanwhile.
    const claim = await db.collection(COLLECTIONS.invites).where({ _id: invite._id, used: _.lt(invite.maxUses), usedBy: _.nin([ctx.openid]) })
      .update({ data: { used: _.inc(1), usedBy: _.push([ctx.openid]) } })
    if (claim.stats.updated !== 1) throw new AppError('INVITE_INVALID', '邀请码已用完，请向管理者索取新的邀请码')
  }
  const role: Role = invite.kind === 'handler' ? 'handler' : invite.kind
  const base: User = ctx.user ?? { _id: ctx.openid, name: '', roles: [], projectIds: [], liaisonOf: [], createdAt: ctx.now, updatedAt: ctx.now }
  const user: User = {
    ...base,
    name: input.name,
    phone: input.phone ?? base.phone,
    roles: [...new Set<Role>([...base.roles, role])],
    teamId: invite.kind === 'staff' ? invite.teamId : base.teamId,
    departmentId: invite.kind === 'handler' ? invite.departmentId : base.departmentId,
    updatedAt: ctx.now,
  }
  const { _id, ...doc } = user
  // One department per handler, on their own record: accepting another department's invite moves them
  // (the departments' handler counts are read from the users, so none is left behind).
  await db.collection(COLLECTIONS.users).doc(ctx.openid).set({ data: doc })
  return whoami({ ...ctx, user, caller: callerFromUser(ctx.openid, user) })
}
