/**
 * The reply envelope every cloud function answers with, and the one way to open it: the
 * mini-program's client, the dev client (seed, weapp and browser tests), the API tests' callers and
 * the bench all read replies through here. Pure and schema-free: the client bundle may import it.
 */
import type { AppErrorShape } from '../errors'

/**
 * What every function returns: a result or one error shape, with the server's time of the call
 * (`now`, epoch ms): the mini-program reads "now" from it, never from the phone's own clock.
 */
export type Envelope<T> = ({ ok: true; data: T } | { ok: false; error: AppErrorShape }) & { now?: number }

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null

/**
 * A reply read as an envelope, or undefined when it is not one: `ok: true`, or `ok: false` with an
 * error that has a string code and message.
 */
export function readEnvelope<T>(reply: unknown): Envelope<T> | undefined {
  if (!isObject(reply)) return undefined
  if (reply.ok === true) return reply as Envelope<T>
  if (reply.ok !== false || !isObject(reply.error)) return undefined
  const { code, message } = reply.error
  return typeof code === 'string' && typeof message === 'string' ? (reply as Envelope<T>) : undefined
}

/** A refusal as an Error that carries the envelope's code, message and details; `label` says which call. */
export type EnvelopeError = Error & AppErrorShape

export function envelopeError(label: string, error: AppErrorShape): EnvelopeError {
  const err = new Error(`${label}: ${error.code} ${error.message}`) as EnvelopeError
  err.code = error.code
  if (error.details !== undefined) err.details = error.details
  return err
}

/**
 * The data of a reply. A refusal throws `envelopeError(label, error)`; a reply that is no envelope
 * throws a plain Error naming what came back.
 */
export function unwrap<T>(reply: unknown, label: string): T {
  const envelope = readEnvelope<T>(reply)
  if (!envelope) throw new Error(`${label}: the reply is not an envelope: ${JSON.stringify(reply)?.slice(0, 300)}`)
  if (!envelope.ok) throw envelopeError(label, envelope.error)
  return envelope.data
}
