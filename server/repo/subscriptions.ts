/**
 * The subscriptions collection: the product's record of each user's subscription to one template
 * (`_id` = `${openid}_${key}`): one-time credits left, or a long-term template switched off.
 */
import * as v from 'valibot'
import { TEMPLATE_KEYS, type TemplateKey } from '../../src/domain/templates'
import { COLLECTIONS } from './collections'
import { cmd, collection } from './db'
import { readDocs, storedAs } from './read'

const subscriptions = () => collection(COLLECTIONS.subscriptions)

export interface Credit {
  _id: string
  openid: string
  key: TemplateKey
  remaining: number
  /** Long-term templates: the user switched the template off (43101); cleared by subscribing again. */
  refused?: boolean
  updatedAt: number
}

export const creditDoc = storedAs<Credit>()(v.looseObject({
  _id: v.string(),
  openid: v.string(),
  key: v.picklist(TEMPLATE_KEYS),
  remaining: v.number(),
  refused: v.optional(v.boolean()),
  updatedAt: v.number(),
}))

export const creditId = (openid: string, key: TemplateKey): string => `${openid}_${key}`

/** Some credits by id, one query per 500 ids (one after another). */
export async function creditsByIds(ids: readonly string[]): Promise<Credit[]> {
  const out: Credit[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const page = ids.slice(i, i + 500)
    const { data } = await subscriptions().where({ _id: cmd().in(page) }).limit(page.length).get()
    out.push(...readDocs(creditDoc, COLLECTIONS.subscriptions, data))
  }
  return out
}

/** One credit, read by query (a missing one is undefined). */
export async function loadCredit(id: string): Promise<Credit | undefined> {
  const { data } = await subscriptions().where({ _id: id }).limit(1).get()
  return readDocs(creditDoc, COLLECTIONS.subscriptions, data)[0]
}

/** Writes the whole record. */
export async function saveCredit(credit: Credit): Promise<void> {
  const { _id, ...data } = credit
  await subscriptions().doc(_id).set({ data })
}

/** One more one-time credit, while fewer than `max` are held (the subscription is on again): false when none was added. */
export async function addCredit(id: string, max: number, now: number): Promise<boolean> {
  const _ = cmd()
  const res = await subscriptions().where({ _id: id, remaining: _.lt(max) }).update({ data: { remaining: _.inc(1), refused: false, updatedAt: now } })
  return res.stats.updated > 0
}

/** Spends one credit, if any is left. */
export async function spendCredit(id: string, now: number): Promise<void> {
  const _ = cmd()
  await subscriptions().where({ _id: id, remaining: _.gt(0) }).update({ data: { remaining: _.inc(-1), updatedAt: now } })
}
