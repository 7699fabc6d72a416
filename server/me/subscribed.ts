import type * as v from 'valibot'
import type { subscribedInput } from '../../src/domain/schemas/me'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'

const MAX_CREDITS = 50

/** One credit per accepted template: a one-time subscription allows one later message. */
export async function subscribed(input: v.InferOutput<typeof subscribedInput>, ctx: ActionContext): Promise<{ credits: Record<string, number> }> {
  const subscriptions = getDb().collection(COLLECTIONS.subscriptions)
  const _ = command()
  const keys = [...new Set(input.accepted)]
  const credits: Record<string, number> = {}
  await Promise.all(keys.map(async (key) => {
    const id = `${ctx.openid}_${key}`
    const res = await subscriptions.where({ _id: id, remaining: _.lt(MAX_CREDITS) }).update({ data: { remaining: _.inc(1), updatedAt: ctx.now } })
    if (res.stats.updated === 0) {
      const { data } = await subscriptions.doc(id).get()
      if (!data) await subscriptions.doc(id).set({ data: { openid: ctx.openid, key, remaining: 1, updatedAt: ctx.now } })
    }
    const { data } = await subscriptions.doc(id).get()
    credits[key] = (data as { remaining: number }).remaining
  }))
  return { credits }
}
