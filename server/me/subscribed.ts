import type * as v from 'valibot'
import type { subscribedInput } from '../../src/domain/schemas/me'
import type { ActionContext } from '../runtime/entry'
import { isLongTerm } from '../notify/templates'
import { addCredit, creditId, loadCredit, saveCredit } from '../repo/subscriptions'

const MAX_CREDITS = 50

/**
 * After wx.requestSubscribeMessage: one credit per accepted one-time template (a one-time
 * subscription allows one later message); for a long-term template (LONG_TERM_TEMPLATES) the
 * acceptance switches it back on after a refusal. Answers the product's view: remaining credits
 * per accepted key, -1 for long-term templates.
 */
export async function subscribed(input: v.InferOutput<typeof subscribedInput>, ctx: ActionContext): Promise<{ credits: Record<string, number> }> {
  const keys = [...new Set(input.accepted)]
  const credits: Record<string, number> = {}
  await Promise.all(keys.map(async (key) => {
    const id = creditId(ctx.openid, key)
    if (isLongTerm(key)) {
      await saveCredit({ _id: id, openid: ctx.openid, key, remaining: 0, refused: false, updatedAt: ctx.now })
      credits[key] = -1
      return
    }
    if (!(await addCredit(id, MAX_CREDITS, ctx.now)) && !(await loadCredit(id))) {
      await saveCredit({ _id: id, openid: ctx.openid, key, remaining: 1, updatedAt: ctx.now })
    }
    credits[key] = (await loadCredit(id))?.remaining ?? 0
  }))
  return { credits }
}
