import * as v from 'valibot'
import { id, phone, text } from './common'
import { TEMPLATE_KEYS } from '../templates'

export const enterInput = v.object({
  /** From the shared card's path, when the card invites a binding. */
  projectId: v.optional(id),
  bindToken: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{16,64}$/, '分享凭证不正确'))),
})
export const registerLiaisonInput = v.object({ projectId: id, name: text(1, 20), phone })
export const acceptInviteInput = v.object({
  code: v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母或数字')),
  name: text(1, 20),
  phone: v.optional(phone),
})
export const templateKey = v.picklist(TEMPLATE_KEYS)
/** After wx.requestSubscribeMessage: the templates the user accepted (one send credit each). */
export const subscribedInput = v.object({ accepted: v.pipe(v.array(templateKey), v.maxLength(5)) })
