/**
 * The one typed client for every cloud call: `call('issues', 'act', input)` returns that action's
 * output or throws an ApiError. Only contract TYPES are imported, so no schema enters the bundle.
 */
import type { ActionName, Contract, FunctionName, InputOf, OutputOf } from '../domain/contract'
import { readEnvelope } from '../domain/contract/envelope'
import { platform } from '../platform/seam'
import { ApiError, toApiError } from './errors'
import { observeServerTime } from './serverClock'

export type Input<F extends FunctionName, A extends ActionName<F>> = InputOf<Contract[F][A]>
export type Output<F extends FunctionName, A extends ActionName<F>> = OutputOf<Contract[F][A]>

/** Top-level event fields besides action and input, e.g. `{ group: <CloudID> }`. */
export type Extra = Record<string, unknown>

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: Input<F, A>,
  extra?: Extra,
): Promise<Output<F, A>> {
  const raw = await platform.callFunction(fn, { ...(extra ?? {}), action, input })
  if ('transportError' in raw) throw new ApiError('NETWORK', raw.transportError)
  const envelope = readEnvelope<Output<F, A>>(raw.result)
  if (!envelope) throw new ApiError('INTERNAL', '服务返回了无法识别的结果')
  observeServerTime(envelope.now)
  if (envelope.ok) return envelope.data
  const err = toApiError(envelope.error)
  throw new ApiError(err.code, err.message, envelope.error.details)
}
