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
import { type Outcome, addClaim, notificationOutcome, settleNotification, takeOverClaim } from '../repo/notifications'
import { type Credit, creditId, creditsByIds, saveCredit, spendCredit } from '../repo/subscriptions'
import { getCloud } from '../runtime/cloud'
import type { TemplateKey } from '../../src/domain/templates'
import { isLongTerm, templateData, templateId } from './templates'

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

export interface SendResult {
  id: string
  touser: string
  key: TemplateKey
  /** 'busy': another sender holds a live claim on it; 'done': it was settled before. */
  outcome: Outcome | 'busy' | 'done'
}

/** A claim not settled within this long is taken to be dead (longer than any function's time limit). */
export const CLAIM_LEASE_MS = 2 * 60_000

export const isSettled = (r: SendResult): boolean => r.outcome !== 'busy'

/** Claims the message: true when this sender may send it now. */
async function claim(m: Message, now: number): Promise<'mine' | 'busy' | 'done'> {
  if (await addClaim({ _id: m.id, openid: m.touser, templateKey: m.key, outcome: 'sending', cause: m.cause, claimedAt: now, at: now })) return 'mine'
  // Taken over only when its sender is gone (the lease ran out) and it was never settled.
  if (await takeOverClaim(m.id, now - CLAIM_LEASE_MS, now)) return 'mine'
  return (await notificationOutcome(m.id)) === 'sending' ? 'busy' : 'done'
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
  const id = creditId(m.touser, m.key)
  await Promise.all([
    settleNotification(m.id, outcome, errCode, now),
    outcome === 'sent' && !isLongTerm(m.key) ? spendCredit(id, now) : null,
    outcome === 'refused' ? saveCredit({ _id: id, openid: m.touser, key: m.key, remaining: 0, refused: isLongTerm(m.key), updatedAt: now }) : null,
  ])
}

/** Reads the recipients' credits in one query per 500. */
async function creditsOf(messages: readonly Message[]): Promise<Map<string, Credit>> {
  const credits = await creditsByIds([...new Set(messages.map((m) => creditId(m.touser, m.key)))])
  return new Map(credits.map((c) => [c._id, c]))
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
