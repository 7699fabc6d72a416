/** Subscribe-message helpers for the API stories: credits on both sides, the outbox, the records. */
import type { App, Caller } from './app'

export const TEMPLATE_IDS = { status: 'tpl_issue_status', assigned: 'tpl_issue_assigned', reminder: 'tpl_issue_reminder', digest: 'tpl_weekly_digest' } as const
export type Key = keyof typeof TEMPLATE_IDS
export const ALL_KEYS = Object.keys(TEMPLATE_IDS) as Key[]

export interface Sent {
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
  errcode: number
}

const post = (app: App, pathname: string, body: unknown) =>
  app.cloud.fetchJson(pathname, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })

/** What the mini-program does after wx.requestSubscribeMessage answers 'accept': WeChat grants, the product records. */
export async function subscribe(app: App, who: Caller, keys: Key[] = ALL_KEYS, times = 1): Promise<void> {
  await grantInWeChat(app, who.openid, keys, times)
  for (let i = 0; i < times; i++) await who.call('me', 'subscribed', { accepted: keys })
}

/** Only WeChat's side (the emulator's ledger). */
export async function grantInWeChat(app: App, openid: string, keys: Key[], count = 1): Promise<void> {
  const { status } = await post(app, '/dev/subscriptions', { openid, templateIds: keys.map((k) => TEMPLATE_IDS[k]), count })
  if (status !== 200) throw new Error(`granting subscriptions failed: ${status}`)
}

export async function clearOutbox(app: App): Promise<void> {
  await app.cloud.fetchJson('/dev/outbox', { method: 'DELETE' })
}

/** The subscribe messages in the outbox (every attempt, with WeChat's answer). */
export async function outbox(app: App): Promise<Sent[]> {
  const { body } = await app.cloud.fetchJson('/dev/outbox')
  return (body.messages as any[])
    .filter((m) => m.apiName === 'subscribeMessage.send')
    .map((m) => ({ touser: m.payload.touser, template_id: m.payload.template_id, page: m.payload.page, data: m.payload.data, errcode: m.result.errcode }))
}

/** Delivered messages as `openid → template key`, for exact comparisons. */
export async function delivered(app: App): Promise<Record<string, Key>> {
  const byId = Object.fromEntries(Object.entries(TEMPLATE_IDS).map(([k, v]) => [v, k as Key]))
  const out: Record<string, Key> = {}
  for (const m of await outbox(app)) if (m.errcode === 0) out[m.touser] = byId[m.template_id]
  return out
}

export interface NotificationRecord {
  _id: string
  openid: string
  templateKey: Key
  outcome: 'sent' | 'no_credit' | 'refused' | 'failed'
  errCode: number | null
  cause: string
  at: number
}

export async function notificationRecords(app: App): Promise<NotificationRecord[]> {
  const { body } = await app.cloud.fetchJson('/dev/db/notifications')
  return body.documents
}

export async function productCredit(app: App, openid: string, key: Key): Promise<{ remaining: number; refused?: boolean } | undefined> {
  const { body } = await app.cloud.fetchJson('/dev/db/subscriptions')
  return (body.documents as any[]).find((d) => d._id === `${openid}_${key}`)
}
