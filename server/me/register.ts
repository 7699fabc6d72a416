import type * as v from 'valibot'
import { AppError } from '../../src/domain/errors'
import type { acceptInviteInput, registerLiaisonInput } from '../../src/domain/schemas/me'
import type { Role, User } from '../../src/domain/types'
import type { WhoAmI } from '../../src/domain/views'
import { claimInviteUse, inviteByCode } from '../repo/invites'
import { registerLiaison as recordLiaison, saveUser } from '../repo/users'
import { callerFromUser } from '../runtime/caller'
import type { ActionContext } from '../runtime/entry'
import { whoami } from './whoami'

/** A member of the project's group registers as the enterprise's liaison (name and phone). */
export async function registerLiaison(input: v.InferOutput<typeof registerLiaisonInput>, ctx: ActionContext): Promise<WhoAmI> {
  if (!ctx.user || !ctx.caller.projectIds.includes(input.projectId)) {
    throw new AppError('NOT_FOUND', '项目不存在或您不在该项目群中')
  }
  await recordLiaison(ctx.openid, input, ctx.now)
  const user: User = {
    ...ctx.user,
    name: input.name,
    phone: input.phone,
    liaisonOf: [...new Set([...ctx.user.liaisonOf, input.projectId])],
    roles: [...new Set<Role>([...ctx.user.roles, 'liaison'])],
  }
  return whoami({ ...ctx, user, caller: callerFromUser(ctx.openid, user) })
}

/** The opener of an invite code becomes staff of a team, handler of a department, or a manager. */
export async function acceptInvite(input: v.InferOutput<typeof acceptInviteInput>, ctx: ActionContext): Promise<WhoAmI> {
  const invite = await inviteByCode(input.code)
  if (!invite || invite.expiresAt <= ctx.now || invite.used >= invite.maxUses) {
    throw new AppError('INVITE_INVALID', '邀请码无效或已过期，请向管理者索取新的邀请码')
  }
  if (!invite.usedBy.includes(ctx.openid)) {
    // Claim one use atomically: the condition fails if the last use was taken meanwhile.
    if (!(await claimInviteUse(invite, ctx.openid))) throw new AppError('INVITE_INVALID', '邀请码已用完，请向管理者索取新的邀请码')
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
  // One department per handler, on their own record: accepting another department's invite moves them
  // (the departments' handler counts are read from the users, so none is left behind).
  await saveUser(user)
  return whoami({ ...ctx, user, caller: callerFromUser(ctx.openid, user) })
}
