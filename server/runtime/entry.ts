/**
 * A cloud function entry reads like a table of contents: action name → handler.
 * The entry validates the event, resolves the caller from WeChat's context (never from the
 * event), runs the handler and answers with one envelope shape.
 */
import type { ActionSpec, Envelope, FunctionContract, OutputOf, ParsedInputOf } from '../../src/domain/contract/define'
import { AppError, isAppError } from '../../src/domain/errors'
import type { Caller, User } from '../../src/domain/types'
import { resolveCaller } from './caller'
import { now } from './clock'
import { wxContext } from './cloud'
import { parseInput } from './validate'

export interface ActionContext {
  openid: string
  caller: Caller
  /** The caller's own users document, if registered. */
  user: User | null
  now: number
  /** The raw event, for top-level CloudID fields resolved by the platform. */
  event: Record<string, unknown>
}

export type Handlers<C extends FunctionContract> = {
  [A in keyof C]: (input: ParsedInputOf<C[A]>, ctx: ActionContext) => Promise<OutputOf<C[A]>>
}

export interface TimerContext {
  now: number
  event: Record<string, unknown>
}

export interface FunctionOptions {
  /** Runs when a timer trigger fires the function (no OPENID). */
  onTimer?: (ctx: TimerContext) => Promise<unknown>
}

const MAX_EVENT_BYTES = 256 * 1024

export function defineFunction<C extends FunctionContract>(contract: C, handlers: Handlers<C>, options: FunctionOptions = {}) {
  return async function main(event: any): Promise<Envelope<unknown>> {
    const at = now()
    try {
      if (event && event.Type === 'Timer' && options.onTimer) {
        if (wxContext().OPENID) throw new AppError('FORBIDDEN', '定时任务只能由定时触发器调用')
        const at = typeof event.Time === 'string' && !Number.isNaN(Date.parse(event.Time)) ? Date.parse(event.Time) : now()
        return { ok: true, data: await options.onTimer({ now: at, event }) }
      }
      if (!event || typeof event !== 'object' || typeof event.action !== 'string') {
        throw new AppError('INVALID_INPUT', '缺少 action')
      }
      if (JSON.stringify(event).length > MAX_EVENT_BYTES) throw new AppError('INVALID_INPUT', '请求内容过大')
      const spec: ActionSpec | undefined = Object.prototype.hasOwnProperty.call(contract, event.action)
        ? contract[event.action]
        : undefined
      if (!spec) throw new AppError('INVALID_INPUT', `未知的操作：${String(event.action).slice(0, 40)}`)
      const openid = wxContext().OPENID
      if (!openid || typeof openid !== 'string') throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序')
      const input = parseInput(spec.input, event.input ?? {})
      const { caller, user } = await resolveCaller(openid)
      const data = await handlers[event.action as keyof C](input as any, { openid, caller, user, now: at, event })
      return { ok: true, data, now: at }
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: e.toJSON(), now: at }
      console.error('[internal]', e)
      return { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' }, now: at }
    }
  }
}
