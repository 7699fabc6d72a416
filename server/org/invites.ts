import type * as v from 'valibot'
import { requireRole } from '../runtime/guards'
import type { InviteStatus, InviteView } from '../../src/domain/contract/org'
import { AppError } from '../../src/domain/errors'
import type { createInviteInput } from '../../src/domain/schemas/org'
import type { Invite } from '../../src/domain/types'
import { loadDepartment } from '../repo/departments'
import { addInvite, latestInvites } from '../repo/invites'
import { loadTeam } from '../repo/teams'
import type { ActionContext } from '../runtime/entry'
import { inviteCode } from '../shared/ids'

const INVITE_DAYS = 14
/** How many of the latest invites the manager's list shows. */
const LISTED = 100

/**
 * Whether a code can still be used, by the same rule me.acceptInvite applies: every use taken →
 * used_up (said first: a new code is needed either way), `expiresAt` reached on the server's
 * clock → expired, otherwise active.
 * @example inviteStatus({ used: 1, maxUses: 1, expiresAt: now + 1 }, now) // 'used_up'
 */
export function inviteStatus(invite: Pick<Invite, 'used' | 'maxUses' | 'expiresAt'>, now: number): InviteStatus {
  if (invite.used >= invite.maxUses) return 'used_up'
  return invite.expiresAt <= now ? 'expired' : 'active'
}

const toInviteView = (i: Omit<Invite, '_id'>, now: number): InviteView => ({
  code: i.code, kind: i.kind, teamId: i.teamId, departmentId: i.departmentId, maxUses: i.maxUses, used: i.used, expiresAt: i.expiresAt,
  status: inviteStatus(i, now),
})

export async function createInvite(input: v.InferOutput<typeof createInviteInput>, ctx: ActionContext): Promise<InviteView> {
  requireRole(ctx.caller, 'org.createInvite')
  const target = input.kind === 'staff' ? loadTeam(input.teamId) : input.kind === 'handler' ? loadDepartment(input.departmentId) : null
  if (target && !(await target)) throw new AppError('NOT_FOUND', input.kind === 'staff' ? '服务团队不存在' : '部门不存在')
  const invite: Omit<Invite, '_id'> = {
    code: inviteCode(),
    kind: input.kind,
    teamId: input.kind === 'staff' ? input.teamId : undefined,
    departmentId: input.kind === 'handler' ? input.departmentId : undefined,
    maxUses: input.maxUses,
    used: 0,
    usedBy: [],
    expiresAt: ctx.now + INVITE_DAYS * 86_400_000,
    createdBy: ctx.openid,
    createdAt: ctx.now,
  }
  await addInvite(invite)
  return toInviteView(invite, ctx.now)
}

const RANK: Record<InviteStatus, number> = { active: 0, expired: 1, used_up: 1 }

/** The latest invites, each with its status on the server's clock: usable ones first, newest first within each part. */
export async function listInvites(_: unknown, ctx: ActionContext): Promise<InviteView[]> {
  requireRole(ctx.caller, 'org.listInvites')
  const views = (await latestInvites(LISTED)).map((d) => toInviteView(d, ctx.now))
  return views.map((view, i) => ({ view, i })).sort((a, b) => RANK[a.view.status] - RANK[b.view.status] || a.i - b.i).map(({ view }) => view)
}
