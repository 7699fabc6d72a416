/**
 * Sending subscribe messages without ever failing the action that caused them. Every attempt is
 * recorded in `notifications` with its outcome per recipient; credits per (user, template) are
 * tracked in `subscriptions` so the product does not spend calls it knows will fail.
 *
 * Outcomes: 'sent'; 'no_credit' (no one-time credit recorded, or a long-term template never
 * accepted or switched off — not attempted); 'refused' (WeChat answered 43101: the product zeroes its credit,
 * or marks a long-term template refused, and stops spending until the user subscribes again);
 * 'failed' (any other error, or the bookkeeping itself failed).
 *
 * Messages may carry a deterministic record id (the daily jobs do): a message whose record exists
 * is not sent again, so a job fired twice, or crashed and fired again, does not repeat itself.
 */
import { getCloud, getDb, command } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'
import { type TemplateKey, isLongTerm, templateData, templateId } from './templates'

export interface Message {
  touser: string
  key: TemplateKey
  page: string
  fields: { title: string; state: string; note: string; at: number }
  /** What caused it, for the record (e.g. 'issue:<id>:confirm:v7'). */
  cause: string
  /** Deterministic `notifications` id: set it to send at most once per id. */
  id?: string
}

export type Outcome = 'sent' | 'no_credit' | 'refused' | 'failed'

export interface SendResult {
  touser: string
  key: TemplateKey
  outcome: Outcome
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

interface Attempt extends SendResult {
  cause: string
  id?: string
  errCode?: number
}

/** Send a batch: one read of the recipients' credits, the sends in parallel, then the records. */
export async function sendMessages(messages: Message[], now: number): Promise<SendResult[]> {
  let unique = dedupe(messages)
  if (unique.length === 0) return []
  const db = getDb()
  const _ = command()
  try {
    const recordIds = unique.map((m) => m.id).filter((id): id is string => !!id)
    if (recordIds.length) {
      const done = new Set<string>()
      for (let i = 0; i < recordIds.length; i += 500) {
        const ids = recordIds.slice(i, i + 500)
        const { data } = await db.collection(COLLECTIONS.notifications).where({ _id: _.in(ids) }).field({ _id: true }).limit(ids.length).get()
        for (const r of data as { _id: string }[]) done.add(r._id)
      }
      unique = unique.filter((m) => !m.id || !done.has(m.id))
      if (unique.length === 0) return []
    }
    const credits = new Map<string, Credit>()
    const ids = unique.map((m) => creditId(m.touser, m.key))
    for (let i = 0; i < ids.length; i += 500) {
      const page = ids.slice(i, i + 500)
      const { data } = await db.collection(COLLECTIONS.subscriptions).where({ _id: _.in(page) }).limit(page.length).get()
      for (const c of data as Credit[]) credits.set(c._id, c)
    }
    const results = await Promise.all(unique.map((m) => sendOne(m, credits.get(creditId(m.touser, m.key)))))
    const subscriptions = db.collection(COLLECTIONS.subscriptions)
    const notifications = db.collection(COLLECTIONS.notifications)
    const record = (r: Attempt) => ({ openid: r.touser, templateKey: r.key, outcome: r.outcome, errCode: r.errCode ?? null, cause: r.cause, at: now })
    const keyed = results.filter((r) => r.id)
    const loose = results.filter((r) => !r.id)
    await Promise.all([
      ...results.map((r) => {
        const id = creditId(r.touser, r.key)
        if (r.outcome === 'sent' && !isLongTerm(r.key))
          return subscriptions.where({ _id: id, remaining: _.gt(0) }).update({ data: { remaining: _.inc(-1), updatedAt: now } })
        if (r.outcome === 'refused')
          return subscriptions.doc(id).set({ data: { openid: r.touser, key: r.key, remaining: 0, refused: isLongTerm(r.key), updatedAt: now } })
        return null
      }),
      ...keyed.map((r) => notifications.doc(r.id as string).set({ data: record(r) })),
      loose.length ? notifications.add({ data: loose.map(record) }) : null,
    ])
    return results.map(({ touser, key, outcome }) => ({ touser, key, outcome }))
  } catch (e) {
    console.error('[notify] recording failed', e)
    return unique.map((m) => ({ touser: m.touser, key: m.key, outcome: 'failed' as const }))
  }
}

function dedupe(messages: Message[]): Message[] {
  const seen = new Set<string>()
  return messages.filter((m) => {
    const k = m.id ?? `${m.touser}|${m.key}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/** Whether the product believes a send can succeed: a one-time credit left, or a long-term template accepted and not switched off. */
export function mayUse(key: TemplateKey, credit: Credit | undefined): boolean {
  return isLongTerm(key) ? !!credit && !credit.refused : (credit?.remaining ?? 0) > 0
}

async function sendOne(m: Message, credit: Credit | undefined): Promise<Attempt> {
  const base = { touser: m.touser, key: m.key, cause: m.cause, ...(m.id ? { id: m.id } : {}) }
  if (!mayUse(m.key, credit)) return { ...base, outcome: 'no_credit' }
  try {
    await getCloud().openapi.subscribeMessage.send({
      touser: m.touser,
      templateId: templateId(m.key),
      page: m.page,
      data: templateData(m.key, m.fields),
      miniprogramState: process.env.MINIPROGRAM_STATE || 'formal',
    })
    return { ...base, outcome: 'sent' }
  } catch (e) {
    const errCode = Number((e as { errCode?: number }).errCode)
    return { ...base, outcome: errCode === 43101 ? 'refused' : 'failed', errCode: Number.isFinite(errCode) ? errCode : undefined }
  }
}
