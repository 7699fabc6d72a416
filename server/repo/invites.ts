/** The invites collection: the codes managers hand out to staff, handlers and managers. */
import * as v from 'valibot'
import type { Invite } from '../../src/domain/types'
import { COLLECTIONS } from './collections'
import { cmd, collection } from './db'
import { readDocs, storedAs } from './read'

const invites = () => collection(COLLECTIONS.invites)

export const inviteDoc = storedAs<Invite>()(v.looseObject({
  _id: v.string(),
  code: v.string(),
  kind: v.picklist(['staff', 'handler', 'manager']),
  teamId: v.optional(v.string()),
  departmentId: v.optional(v.string()),
  maxUses: v.number(),
  used: v.number(),
  usedBy: v.array(v.string()),
  expiresAt: v.number(),
  createdBy: v.string(),
  createdAt: v.number(),
}))

/** Stores a new invite (the database picks its id). */
export async function addInvite(invite: Omit<Invite, '_id'>): Promise<void> {
  await invites().add({ data: invite })
}

export async function inviteByCode(code: string): Promise<Invite | undefined> {
  const { data } = await invites().where({ code }).limit(1).get()
  return readDocs(inviteDoc, COLLECTIONS.invites, data)[0]
}

/** Takes one use for `openid`, atomically: false when the last use was taken meanwhile (or this person holds one). */
export async function claimInviteUse(invite: Pick<Invite, '_id' | 'maxUses'>, openid: string): Promise<boolean> {
  const _ = cmd()
  const res = await invites().where({ _id: invite._id, used: _.lt(invite.maxUses), usedBy: _.nin([openid]) })
    .update({ data: { used: _.inc(1), usedBy: _.push([openid]) } })
  return res.stats.updated === 1
}

/** The latest invites, newest first. */
export async function latestInvites(limit: number): Promise<Invite[]> {
  const { data } = await invites().orderBy('createdAt', 'desc').limit(limit).get()
  return readDocs(inviteDoc, COLLECTIONS.invites, data)
}
