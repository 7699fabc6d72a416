/**
 * A cloud function entry reads like a table of contents: action name → handler.
 * The entry validates the event, resolves the caller from WeChat's context (never from the
 * event), runs the handler and answers with one envelope shape.
 *
 * - A handler may name its first reads (`prefetch`): they run together with the caller's own
 *   document, so the reply's path starts with one parallel round trip instead of two.
 * - Work that must not hold the reply (sending the step's notices) is handed to `ctx.after`: it
 *   runs once the reply is ready, never fails it, and is marked as such for the local cloud's
 *   round-trip count (AFTER_REPLY_MARK).
 * - A timer event is honoured only from the platform's timer trigger (no OPENID, SOURCE wx_trigger,
 *   the trigger's own name); its time is the server's clock, never the event's.
 */
import type { ActionSpec, Envelope, FunctionContract, OutputOf, ParsedInputOf } from '../../src/domain/contract/define'
import { AppError, isAppError } from '../../src/domain/errors'
import type { Caller, User } from '../../src/domain/types'
import { StaleRecordError } from '../repo/read'
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
  /** Runs `task` after the reply is ready (and before the function returns); its failure is only logged. */
  after(task: () => Promise<unknown>): void
}

/** What a handler may know before the caller is resolved: who (OPENID only) and when. */
export interface PrefetchContext {
  openid: string
  now: number
}

type Run<I, O> = (input: I, ctx: ActionContext) => Promise<O>
export interface Prefetching<I, O, P> {
  prefetch(input: I, at: PrefetchContext): Promise<P>
  // Method syntax: the prefetched value's type is each handler's own, and the entry only hands it
  // from prefetch to run, so a handler of any P fits Prefetching<I, O, unknown>.
  run(input: I, ctx: ActionContext, prefetched: P): Promise<O>
}
export type Handler<I, O> = Run<I, O> | Prefetching<I, O, unknown>

export type Handlers<C extends FunctionContract> = { [A in keyof C]: Handler<ParsedInputOf<C[A]>, OutputOf<C[A]>> }

/** A handler that reads `prefetch` in parallel with the caller's own document. */
export const withPrefetch = <I, O, P>(h: Prefetching<I, O, P>): Prefetching<I, O, P> => h

export interface TimerContext {
  now: number
  event: Record<string, unknown>
  after(task: () => Promise<unknown>): void
}

export interface FunctionOptions {
  /** The function's timer trigger (config.json `triggers[0]`): its name, and what it runs. */
  timer?: { triggerName: string; run: (ctx: TimerContext) => Promise<unknown> }
}

const MAX_EVENT_BYTES = 256 * 1024
const STALE_RECORD_MESSAGE = '数据记录格式有误，暂时无法处理，请联系管理者'
/** Marks the database requests of work done after the reply (the local cloud counts them apart). */
export const AFTER_REPLY_MARK = '-after'

/** Runs the deferred tasks together with their requests marked; a failure is logged, never answered. */
async function runAfterReply(tasks: (() => Promise<unknown>)[]): Promise<void> {
  if (!tasks.length) return
  const seq = process.env.TCB_SEQID
  if (seq) process.env.TCB_SEQID = `${seq}${AFTER_REPLY_MARK}`
  try {
    // Side by side (a step's notices and its rollups' move), each failure on its own.
    await Promise.all(tasks.map((task) => Promise.resolve().then(task).catch((e) => console.error('[after reply] failed', e))))
  } finally {
    if (seq) process.env.TCB_SEQID = seq
  }
}

function isTimerInvocation(event: Record<string, unknown>, triggerName: string): boolean {
  const context = wxContext()
  return !context.OPENID && String(context.SOURCE ?? '').split(',').includes('wx_trigger') && event.TriggerName === triggerName
}

export function defineFunction<C extends FunctionContract>(contract: C, handlers: Handlers<C>, options: FunctionOptions = {}) {
  return async function main(raw: unknown): Promise<Envelope<unknown>> {
    // Whatever the platform (or a client) sent: an object is read field by field, anything else is refused.
    const event: Record<string, unknown> = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {}
    const at = now()
    const deferred: (() => Promise<unknown>)[] = []
    const after = (task: () => Promise<unknown>) => void deferred.push(task)
    try {
      if (event.Type === 'Timer') {
        if (!options.timer || !isTimerInvocation(event, options.timer.triggerName)) throw new AppError('FORBIDDEN', '定时任务只能由定时触发器调用')
        // The minute the trigger fired in (it fires on the hour): a rerun in that minute records the same instants.
        const data = await options.timer.run({ now: Math.floor(at / 60_000) * 60_000, event, after })
        await runAfterReply(deferred)
        return { ok: true, data, now: at }
      }
      const action = event.action
      if (typeof action !== 'string') throw new AppError('INVALID_INPUT', '缺少 action')
      if (JSON.stringify(event).length > MAX_EVENT_BYTES) throw new AppError('INVALID_INPUT', '请求内容过大')
      const spec: ActionSpec | undefined = Object.prototype.hasOwnProperty.call(contract, action) ? contract[action] : undefined
      if (!spec) throw new AppError('INVALID_INPUT', `未知的操作：${action.slice(0, 40)}`)
      const openid = wxContext().OPENID
      if (!openid || typeof openid !== 'string') throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序')
      const input = parseInput(spec.input, event.input ?? {})
      const handler = handlers[action as keyof C] as Handler<never, unknown>
      const [{ caller, user }, prefetched] = await Promise.all([
        resolveCaller(openid),
        typeof handler === 'function' ? undefined : handler.prefetch(input as never, { openid, now: at }),
      ])
      const ctx: ActionContext = { openid, caller, user, now: at, event, after }
      const data = typeof handler === 'function' ? await handler(input as never, ctx) : await handler.run(input as never, ctx, prefetched)
      await runAfterReply(deferred)
      return { ok: true, data, now: at }
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: e.toJSON(), now: at }
      // Logged where it was read (collection, id, field); the caller learns only that a record is stale.
      if (e instanceof StaleRecordError) return { ok: false, error: { code: 'STALE_RECORD', message: STALE_RECORD_MESSAGE }, now: at }
      console.error('[internal]', e)
      return { ok: false, error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' }, now: at }
    }
  }
}
