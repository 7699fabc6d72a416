// What WeChat answers to the open APIs the product uses. Anything else answers ok.
import crypto from 'node:crypto'
import type { SubscriptionLedger } from './subscriptions'

export type WeChatResult = { errcode: number; errmsg: string; [extra: string]: unknown }

const isOpenid = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z]/.test(value)

let nextMsgId = 1000

export function answerOpenApi(apiName: string, payload: any, deps: { subscriptions: SubscriptionLedger; now: () => number }): WeChatResult {
  switch (apiName) {
    case 'subscribeMessage.send':
      return sendSubscribeMessage(payload, deps.subscriptions)
    case 'updatableMessage.createActivityId':
      return {
        errcode: 0,
        errmsg: 'ok',
        activity_id: `act_${crypto.randomBytes(8).toString('hex')}`,
        expiration_time: Math.floor(deps.now() / 1000) + 24 * 3600,
      }
    default:
      return { errcode: 0, errmsg: 'ok' }
  }
}

function sendSubscribeMessage(payload: any, subscriptions: SubscriptionLedger): WeChatResult {
  const { touser, template_id: templateId, data } = payload ?? {}
  if (!isOpenid(touser)) return { errcode: 40003, errmsg: 'invalid openid' }
  if (typeof templateId !== 'string' || !templateId) return { errcode: 40037, errmsg: 'invalid template_id' }
  if (!data || typeof data !== 'object') return { errcode: 47003, errmsg: 'argument invalid! data is empty' }
  if (!subscriptions.consume(touser, templateId)) {
    return { errcode: 43101, errmsg: 'user refuse to accept the msg' }
  }
  return { errcode: 0, errmsg: 'ok', msgid: nextMsgId++ }
}
