import type * as v from 'valibot'
import { requireRole } from '../../src/domain/access'
import type { InviteStatus, InviteView } from '../../src/domain/contract/org'
import { AppError } from '../../src/domain/errors'
import type { createInviteInput } from '../../src/domain/schemas/org'
import { getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { inviteCode } from '../shared/ids'

const INVITE_DAYS = 14
/** How many of the latest invites the manager's list shows. */
const LISTED = 100

interface InviteDoc {
  code: string
  kind: InviteView['kind']
  teamId?: string
  departmentId?: string
  maxUses: number
  used: number
  expiresAt: number
  createdAt: number
}

/**
 * Whether a code can still be used, by the same rule me.acceptInvite applies: every use taken →
 * used_up (said first: a new code is needed either way), `expiresAt` reached on the server's
 * clock → expired, otherwise active.
 * @example inviteStatus({ used: 1, maxUses: 1, expiresAt: now + 1 }, now) // 'used_up'
 */
export function inviteStatus(invite: Pick<InviteDoc, 'used' | 'maxUses' | 'expiresAt'>, now: number): InviteStatus {
  if (invite.used >= invite.maxUses) return 'used_up'
  return invite.expiresAt <= now ? 'expired' : 'active'
}

const toInviteView = (i: InviteDoc, now: number): InviteView => ({
  code: i.code, kind: i.kind, teamId: i.teamId, departmentId: i.departmentId, maxUses: i.maxUses, used: i.used, expiresAt: i.expiresAt,
  status: inviteStatus(i, now),
})

export async function createInvite(input: v.InferOutput<typeof createInviteInput>, ctx: ActionContext): Promise<InviteView> {
  requireRole(ctx.caller, 'org.createInvite')
  const db = getDb()
  const target = input.kind === 'staff' ? db.collection(COLLECTIONS.teams).doc(input.teamId)
    : input.kind === 'handler' ? db.collection(COLLECTIONS.departments).doc(input.departmentId) : null
  if (target && !(await target.get()).data) throw new AppError('NOT_FOUND', input.kind === 'staff' ? '服务团队不存在' : '部门不存在')
  const invite = {
    code: inviteCode(),
    kind: input.kind,
    teamId: input.kind === 'staff' ? input.teamId : undefined,
    departmentId: input.kind === 'handler' ? input.departmentId : undefined,
    maxUses: input.maxUses,
    used: 0,
    usedBy: [] as string[],
    expiresAt: ctx.now + INVITE_DAYS * 86_400_000,
    createdBy: ctx.openid,
    createdAt: ctx.now,
  }
  await db.collection(COLLECTIONS.invites).add({ data: invite })
  return toInviteView(invite, ctx.now)
}

const RANK: Record<InviteStatus, number> = { active: 0, expired: 1, used_up: 1 }

/** The latest invites, each with its status on the server's clock: usable ones first, newest first within each part. */
export async function listInvites(_: unknown, ctx: ActionContext): Promise<InviteView[]> {
  requireRole(ctx.caller, 'org.listInvites')
  const { data } = await getDb().collection(COLLECTIONS.invites).orderBy('createdAt', 'desc').limit(LISTED).get()
  const views = (data as InviteDoc[]).map((d) => toInviteView(d, ctx.now))
  return views.map((view, i) => ({ view, i })).sort((a, b) => RANK[a.view.status] - RANK[b.view.status] || a.i - b.i).map(({ view }) => view)
}
