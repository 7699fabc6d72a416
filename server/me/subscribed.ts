import type * as v from 'valibot'
import type { subscribedInput } from '../../src/domain/schemas/me'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { isLongTerm } from '../notify/templates'

const MAX_CREDITS = 50

/**
 * After wx.requestSubscribeMessage: one credit per accepted one-time template (a one-time
 * subscription allows one later message); for a long-term template (LONG_TERM_TEMPLATES) the
 * acceptance switches it back on after a refusal. Answers the product's view: remaining credits
 * per accepted key, -1 for long-term templates.
 */
export async function subscribed(input: v.InferOutput<typeof subscribedInput>, ctx: ActionContext): Promise<{ credits: Record<string, number> }> {
  const subscriptions = getDb().collection(COLLECTIONS.subscriptions)
  const _ = command()
  const keys = [...new Set(input.accepted)]
  const credits: Record<string, number> = {}
  await Promise.all(keys.map(async (key) => {
    const id = `${ctx.openid}_${key}`
    if (isLongTerm(key)) {
      await subscriptions.doc(id).set({ data: { openid: ctx.openid, key, remaining: 0, refused: false, updatedAt: ctx.now } })
      credits[key] = -1
      return
    }
    const res = await subscriptions.where({ _id: id, remaining: _.lt(MAX_CREDITS) }).update({ data: { remaining: _.inc(1), refused: false, updatedAt: ctx.now } })
    if (res.stats.updated === 0) {
      const { data } = await subscriptions.where({ _id: id }).limit(1).get()
      if (data.length === 0) await subscriptions.doc(id).set({ data: { openid: ctx.openid, key, remaining: 1, updatedAt: ctx.now } })
    }
    const { data } = await subscriptions.where({ _id: id }).limit(1).get()
    credits[key] = (data[0] as { remaining: number }).remaining
  }))
  return { credits }
}
