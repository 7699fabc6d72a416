/** The one place that turns an error code into Chinese words and what the user can do next. */
import type { ErrorCode } from '../domain/errors'

export type ClientErrorCode = ErrorCode | 'NETWORK'

/** retry: show 重试 · refresh: reload the data · login: go home · none: nothing to do but read. */
export type NextStep = 'retry' | 'refresh' | 'home' | 'fix' | 'none'

export interface ErrorAdvice {
  title: string
  hint: string
  next: NextStep
}

export const ERROR_ADVICE: Record<ClientErrorCode, ErrorAdvice> = {
  INVALID_INPUT: { title: '填写的内容有误', hint: '请按提示修改后再提交', next: 'fix' },
  UNAUTHENTICATED: { title: '未能识别您的身份', hint: '请在微信中重新打开小程序', next: 'home' },
  FORBIDDEN: { title: '您没有权限进行此操作', hint: '如需权限，请联系服务专班或管理者', next: 'none' },
  NOT_FOUND: { title: '内容不存在或已删除', hint: '请返回上一页刷新后再试', next: 'none' },
  CONFLICT: { title: '已被他人处理，已为您刷新', hint: '请查看最新状态后再操作', next: 'refresh' },
  INVALID_TRANSITION: { title: '当前状态下不能进行此操作', hint: '问题状态已变化，请刷新后查看', next: 'refresh' },
  EXTENSION_TOO_LATE: { title: '已超过办理期限，不能申请延期', hint: '逾期不得延期，请尽快答复或联系服务专班', next: 'none' },
  SELF_REVIEW: { title: '不能审核自己提交的答复', hint: '请由服务专班其他成员或管理者审核', next: 'none' },
  CONFIRMATION_MISMATCH: { title: '确认结果与评价不一致', hint: '请核对后再提交', next: 'fix' },
  GROUP_ALREADY_BOUND: { title: '本群已绑定其他项目', hint: '一个群只能绑定一个项目，如需更换请联系管理者', next: 'none' },
  PROJECT_ALREADY_BOUND: { title: '该项目已绑定另一个微信群', hint: '一个项目只能绑定一个群，请在已绑定的项目群中打开', next: 'none' },
  NOT_IN_GROUP: { title: '未能识别所在的微信群', hint: '请从项目群里的小程序卡片进入', next: 'none' },
  INVITE_INVALID: { title: '邀请码无效或已过期', hint: '请向管理者索取新的邀请码', next: 'fix' },
  IDEMPOTENCY_MISMATCH: { title: '这次提交与之前的提交不一致', hint: '请刷新后重新填写提交', next: 'refresh' },
  STALE_RECORD: { title: '数据记录有误，暂时无法处理', hint: '问题已记录，请联系管理者处理', next: 'none' },
  INTERNAL: { title: '服务暂时出了点问题', hint: '请稍后重试；如一直失败，请联系管理者', next: 'retry' },
  NETWORK: { title: '网络连接失败', hint: '请检查网络后重试', next: 'retry' },
}

export class ApiError extends Error {
  readonly code: ClientErrorCode
  readonly details?: unknown
  constructor(code: ClientErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.details = details
  }
}

const isKnown = (code: unknown): code is ClientErrorCode => typeof code === 'string' && code in ERROR_ADVICE

/** Normalises anything thrown into an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  const code = (e as { code?: unknown })?.code
  const message = (e as { message?: unknown })?.message
  if (isKnown(code)) return new ApiError(code, typeof message === 'string' ? message : ERROR_ADVICE[code].title)
  return new ApiError('INTERNAL', typeof message === 'string' ? message : String(e))
}

/**
 * What to show: for input errors the server's own message (it names the field), otherwise our words.
 * @example describeError(new ApiError('CONFLICT', 'version mismatch')) // { title: '已被他人处理，已为您刷新', … }
 */
export function describeError(e: unknown): ErrorAdvice & { code: ClientErrorCode; detail?: string } {
  const err = toApiError(e)
  const advice = ERROR_ADVICE[err.code]
  const serverWords = err.message && err.message !== advice.title ? err.message : undefined
  if (err.code === 'INVALID_INPUT' && serverWords) return { ...advice, code: err.code, title: serverWords }
  return { ...advice, code: err.code, detail: serverWords }
}
