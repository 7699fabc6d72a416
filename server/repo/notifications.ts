/**
 * The notifications collection: one record per subscribe message, under the message's deterministic
 * id — the sender's claim (outcome 'sending') and then what became of it (server/notify/send.ts).
 */
import * as v from 'valibot'
import { TEMPLATE_KEYS, type TemplateKey } from '../../src/domain/templates'
import { COLLECTIONS } from './collections'
import { cmd, collection, isDuplicateKey } from './db'
import { readMaybe, storedAs } from './read'

const notifications = () => collection(COLLECTIONS.notifications)

export type Outcome = 'sent' | 'no_credit' | 'refused' | 'failed'

export interface NotificationRecord {
  _id: string
  openid: string
  templateKey: TemplateKey
  /** 'sending' while claimed, then how the send ended. */
  outcome: Outcome | 'sending'
  cause: string
  claimedAt: number
  at: number
  /** WeChat's error code of a refused or failed send; null when none. */
  errCode?: number | null
}

export const notificationDoc = storedAs<NotificationRecord>()(v.looseObject({
  _id: v.string(),
  openid: v.string(),
  templateKey: v.picklist(TEMPLATE_KEYS),
  outcome: v.picklist(['sending', 'sent', 'no_credit', 'refused', 'failed']),
  cause: v.string(),
  claimedAt: v.number(),
  at: v.number(),
  errCode: v.nullish(v.number()),
}))

/** Creates the claim: false when a record with this id exists (another sender has, or had, it). */
export async function addClaim(record: NotificationRecord): Promise<boolean> {
  try {
    await notifications().add({ data: record })
    return true
  } catch (e) {
    if (isDuplicateKey(e)) return false
    throw e
  }
}

/** Takes over a claim never settled whose lease ran out (claimed before `claimedBefore`): false otherwise. */
export async function takeOverClaim(id: string, claimedBefore: number, now: number): Promise<boolean> {
  const { stats } = await notifications().where({ _id: id, outcome: 'sending', claimedAt: cmd().lt(claimedBefore) })
    .update({ data: { claimedAt: now } })
  return stats.updated === 1
}

/** The record's outcome only ('sending' while claimed); undefined when there is no record. */
export async function notificationOutcome(id: string): Promise<NotificationRecord['outcome'] | undefined> {
  const { data } = await notifications().doc(id).field({ outcome: true }).get()
  return readMaybe(v.pick(notificationDoc, ['_id', 'outcome']), COLLECTIONS.notifications, data)?.outcome
}

export async function settleNotification(id: string, outcome: Outcome, errCode: number | undefined, now: number): Promise<void> {
  await notifications().doc(id).update({ data: { outcome, errCode: errCode ?? null, at: now } })
}
