/**
 * Sending subscribe messages exactly once per message id, without ever failing what caused them.
 *
 * Every message has a deterministic id (the step's or the job's). Before sending, a sender CLAIMS
 * it by creating its record in `notifications` under that id: two senders at once (two hourly runs,
 * a reply and the hourly drain) cannot both create it, so only one sends. A claim that was never
 * settled (the sender died between claim and send) can be taken over once its lease has run out.
 * After the send, the record holds the outcome: 'sent'; 'no_credit' (no one-time credit recorded, or
 * a long-term template never accepted or switched off — not attempted); 'refused' (WeChat answered
 * 43101: the credit is zeroed); 'failed' (any other error). Credits per (user, template) are tracked
 * in `subscriptions` so calls known to fail are not made.
 *
 * The guarantee is at-least-once with dedup: a sender that dies after WeChat accepted a message but
 * before recording it leaves a claim that a later sender takes over and sends again. Everything else
 * — a crash before the send, two senders at once, a retried job — sends each message once.
 */
import { getCloud, getDb, command } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'
import { type TemplateKey, isLongTerm, templateData, templateId } from './templates'

export interface Message {
  /** Deterministic `notifications` id: one message per id, ever. */
  id: string
  touser: string
  key: TemplateKey
  page: string
  fields: { title: string; state: string; note: string; at: number }
  /** What caused it, for the record (e.g. 'issue:<id>:confirm:v7'). */
  cause: string
}

export type Outcome = 'sent' | 'no_credit' | 'refused' | 'failed'

export interface SendResult {
  id: string
  touser: string
  key: TemplateKey
  /** 'busy': another sender holds a live claim on it; 'done': it was settled before. */
  outcome: Outcome | 'busy' | 'done'
}

/** The product's record of a user's subscription to one template. */
export interface Credit {
  _id: string
  openid: string
  key: TemplateKey
  remaining: number
  /** Long-term templates: the user switched the template off (43101); cleared by subscribing again. */
  refused?: boolean
  updatedAt: number
}

export const creditId = (openid: string, key: TemplateKey): string => `${openid}_${key}`

/** A claim not settled within this long is taken to be dead (longer than any function's time limit). */
export const CLAIM_LEASE_MS = 2 * 60_000

export const isSettled = (r: SendResult): boolean => r.outcome !== 'busy'

/** Claims the message: true when this sender may send it now. */
async function claim(m: Message, now: number): Promise<'mine' | 'busy' | 'done'> {
  const db = getDb()
  const _ = command()
  const record = { openid: m.touser, templateKey: m.key, outcome: 'sending', cause: m.cause, claimedAt: now, at: now }
  try {
    await db.collection(COLLECTIONS.notifications).add({ data: { _id: m.id, ...record } })
    return 'mine'
  } catch (e) {
    if (!/E11000|duplicate/i.test(String((e as Error)?.message))) throw e
  }
  // Taken over only when its sender is gone (the lease ran out) and it was never settled.
  const { stats } = await db.collection(COLLECTIONS.notifications)
    .where({ _id: m.id, outcome: 'sending', claimedAt: _.lt(now - CLAIM_LEASE_MS) })
    .update({ data: { claimedAt: now } })
  if (stats.updated === 1) return 'mine'
  const { data } = await db.collection(COLLECTIONS.notifications).doc(m.id).field({ outcome: true }).get()
  return (data as { outcome?: string } | null)?.outcome === 'sending' ? 'busy' : 'done'
}

/** Whether the product believes a send can succeed: a one-time credit left, or a long-term template accepted and not switched off. */
export function mayUse(key: TemplateKey, credit: Credit | undefined): boolean {
  return isLongTerm(key) ? !!credit && !credit.refused : (credit?.remaining ?? 0) > 0
}

async function deliver(m: Message, credit: Credit | undefined): Promise<{ outcome: Outcome; errCode?: number }> {
  if (!mayUse(m.key, credit)) return { outcome: 'no_credit' }
  try {
    await getCloud().openapi.subscribeMessage.send({
      touser: m.touser,
      templateId: templateId(m.key),
      page: m.page,
      data: templateData(m.key, m.fields),
      miniprogramState: process.env.MINIPROGRAM_STATE || 'formal',
    })
    return { outcome: 'sent' }
  } catch (e) {
    const errCode = Number((e as { errCode?: number }).errCode)
    return { outcome: errCode === 43101 ? 'refused' : 'failed', ...(Number.isFinite(errCode) ? { errCode } : {}) }
  }
}

/** Records the outcome on the claim and adjusts the credit. */
async function settle(m: Message, outcome: Outcome, errCode: number | undefined, now: number): Promise<void> {
  const db = getDb()
  const _ = command()
  const id = creditId(m.touser, m.key)
  await Promise.all([
    db.collection(COLLECTIONS.notifications).doc(m.id).update({ data: { outcome, errCode: errCode ?? null, at: now } }),
    outcome === 'sent' && !isLongTerm(m.key)
      ? db.collection(COLLECTIONS.subscriptions).where({ _id: id, remaining: _.gt(0) }).update({ data: { remaining: _.inc(-1), updatedAt: now } })
      : null,
    outcome === 'refused'
      ? db.collection(COLLECTIONS.subscriptions).doc(id).set({ data: { openid: m.touser, key: m.key, remaining: 0, refused: isLongTerm(m.key), updatedAt: now } })
      : null,
  ])
}

/** Reads the recipients' credits in one query per 500. */
async function creditsOf(messages: readonly Message[]): Promise<Map<string, Credit>> {
  const _ = command()
  const credits = new Map<string, Credit>()
  const ids = [...new Set(messages.map((m) => creditId(m.touser, m.key)))]
  for (let i = 0; i < ids.length; i += 500) {
    const page = ids.slice(i, i + 500)
    const { data } = await getDb().collection(COLLECTIONS.subscriptions).where({ _id: _.in(page) }).limit(page.length).get()
    for (const c of data as Credit[]) credits.set(c._id, c)
  }
  return credits
}

/** Sends a batch: the credits in one read, then each message claimed, sent and settled (in parallel). */
export async function sendMessages(messages: Message[], now: number): Promise<SendResult[]> {
  const unique = [...new Map(messages.map((m) => [m.id, m])).values()]
  if (unique.length === 0) return []
  const credits = await creditsOf(unique)
  return Promise.all(
    unique.map(async (m): Promise<SendResult> => {
      const base = { id: m.id, touser: m.touser, key: m.key }
      try {
        const claimed = await claim(m, now)
        if (claimed !== 'mine') return { ...base, outcome: claimed }
        const { outcome, errCode } = await deliver(m, credits.get(creditId(m.touser, m.key)))
        await settle(m, outcome, errCode, now)
        return { ...base, outcome }
      } catch (e) {
        // The claim stays unsettled: its lease runs out and a later drain sends it.
        console.error('[notify] sending failed', m.id, e)
        return { ...base, outcome: 'busy' }
      }
    }),
  )
}
