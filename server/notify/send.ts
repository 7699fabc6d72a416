/**
 * Sending subscribe messages without ever failing the action that caused them. Every attempt is
 * recorded with its outcome per recipient; credits per (user, template) are tracked so the product
 * does not spend calls it knows will fail (43101: no subscription left).
 */
import { getCloud, getDb, command } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'
import { type TemplateKey, isLongTerm, templateData, templateId } from './templates'

export interface Message {
  touser: string
  key: TemplateKey
  page: string
  fields: { title: string; state: string; note: string; at: number }
  /** What caused it, for the record (e.g. 'issue:<id>:confirm'). */
  cause: string
}

type Outcome = 'sent' | 'no_credit' | 'refused' | 'failed'

const creditId = (openid: string, key: TemplateKey) => `${openid}_${key}`

/** Send a batch: one read of the recipients' credits, the sends in parallel, one write of the records. */
export async function sendMessages(messages: Message[], now: number): Promise<{ touser: string; key: TemplateKey; outcome: Outcome }[]> {
  const unique = dedupe(messages)
  if (unique.length === 0) return []
  const db = getDb()
  const _ = command()
  try {
    const ids = unique.map((m) => creditId(m.touser, m.key))
    const { data } = await db.collection(COLLECTIONS.subscriptions).where({ _id: _.in(ids) }).limit(ids.length).get()
    const credits = new Map((data as { _id: string; remaining: number }[]).map((c) => [c._id, c.remaining]))
    const results = await Promise.all(unique.map((m) => sendOne(m, credits.get(creditId(m.touser, m.key)) ?? 0)))
    const spent = results.filter((r) => r.outcome === 'sent' && !isLongTerm(r.key)).map((r) => creditId(r.touser, r.key))
    const exhausted = results.filter((r) => r.outcome === 'refused').map((r) => creditId(r.touser, r.key))
    await Promise.all([
      ...spent.map((id) => db.collection(COLLECTIONS.subscriptions).doc(id).update({ data: { remaining: _.inc(-1), updatedAt: now } })),
      ...exhausted.map((id) => db.collection(COLLECTIONS.subscriptions).doc(id).update({ data: { remaining: 0, updatedAt: now } })),
      db.collection(COLLECTIONS.notifications).add({
        data: results.map((r) => ({ openid: r.touser, templateKey: r.key, outcome: r.outcome, errCode: r.errCode ?? null, cause: r.cause, at: now })),
      }),
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
    const k = `${m.touser}|${m.key}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

async function sendOne(m: Message, remaining: number): Promise<{ touser: string; key: TemplateKey; cause: string; outcome: Outcome; errCode?: number }> {
  const base = { touser: m.touser, key: m.key, cause: m.cause }
  if (!isLongTerm(m.key) && remaining <= 0) return { ...base, outcome: 'no_credit' }
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
