/**
 * Each cloud function's actions are declared once: the input schema (validated by the function)
 * and the output type (returned by it, read by the mini-program's client). The client imports
 * only the types, so the schemas cost the mini-program nothing.
 */
import type * as v from 'valibot'

export interface ActionSpec<S extends v.GenericSchema = v.GenericSchema, O = unknown> {
  input: S
  /** Phantom: carries the output type. */
  readonly output?: O
}

export const action =
  <O>() =>
  <S extends v.GenericSchema>(input: S): ActionSpec<S, O> => ({ input })

export type FunctionContract = Record<string, ActionSpec>
export type InputOf<A> = A extends ActionSpec<infer S, unknown> ? v.InferInput<S> : never
export type ParsedInputOf<A> = A extends ActionSpec<infer S, unknown> ? v.InferOutput<S> : never
export type OutputOf<A> = A extends ActionSpec<v.GenericSchema, infer O> ? O : never

/** The reply envelope (its type and the one helper that opens it) lives in ./envelope.ts. */
export type { Envelope } from './envelope'
