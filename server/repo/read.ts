/**
 * Schema on read: every document the functions read is mapped through a schema of its stored shape
 * (valibot `looseObject`: extra fields pass, the fields the code relies on are checked with their
 * types). A stale or malformed record fails loudly here, at the boundary — logged with the
 * collection, the document id and the field, and thrown as an error the function entry answers as
 * STALE_RECORD (server/runtime/entry.ts) — never as a wrong answer further on.
 */
import * as v from 'valibot'
import type { CollectionName } from './collections'

export type DocSchema = v.GenericSchema<unknown, Record<string, unknown>>

/** A document that does not have the shape the code relies on. */
export class StaleRecordError extends Error {
  constructor(
    readonly collection: CollectionName,
    readonly id: string,
    /** Dot path of the first field that does not fit ('roles', 'history.0.at'); '(document)' when the whole is wrong. */
    readonly field: string,
    detail: string,
  ) {
    super(`stale record ${collection}/${id}: field ${field}: ${detail}`)
    this.name = 'StaleRecordError'
  }
}

const idOf = (raw: unknown): string => {
  const id = raw && typeof raw === 'object' ? (raw as { _id?: unknown })._id : undefined
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '(no _id)'
}

/** One document as its schema's output; throws StaleRecordError (and logs it) when it does not fit. */
export function readDoc<S extends DocSchema>(schema: S, collection: CollectionName, raw: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, raw)
  if (result.success) return result.output
  const [first, ...more] = result.issues
  const field = v.getDotPath(first) ?? '(document)'
  const others = more.map((i) => v.getDotPath(i) ?? '(document)').filter((f) => f !== field)
  const detail = `${first.message}${others.length ? ` (also: ${[...new Set(others)].join(', ')})` : ''}`
  const error = new StaleRecordError(collection, idOf(raw), field, detail)
  console.error('[repo]', error.message)
  throw error
}

export const readDocs = <S extends DocSchema>(schema: S, collection: CollectionName, raws: readonly unknown[]): v.InferOutput<S>[] =>
  raws.map((raw) => readDoc(schema, collection, raw))

/** A `doc(id).get()` answer: null when there is no such document. */
export const readMaybe = <S extends DocSchema>(schema: S, collection: CollectionName, raw: unknown): v.InferOutput<S> | null =>
  raw === null || raw === undefined ? null : readDoc(schema, collection, raw)

type Entries<S> = S extends v.LooseObjectSchema<infer E, infer _Message> ? E : never

/**
 * Compile-time agreement of a stored shape with its domain type: the schema's output is assignable
 * to `T`, and every field of `T` (but those listed in `Except`, e.g. fields computed on read) is
 * declared in the schema.
 */
export type Conforms<S extends DocSchema, T, Except extends keyof T = never> = v.InferOutput<S> extends T
  ? Exclude<keyof T, keyof Entries<S> | Except> extends never
    ? true
    : { undeclaredFields: Exclude<keyof T, keyof Entries<S> | Except> }
  : { notAssignableTo: T }

/**
 * Declares a collection's stored shape against its domain type: `storedAs<User>()(v.looseObject({…}))`
 * stops compiling — "… is missing the following properties: undeclaredFields" or "notAssignableTo" —
 * when the schema and the type drift apart.
 */
export const storedAs =
  <T, Except extends keyof T = never>() =>
  <S extends DocSchema>(schema: S & (Conforms<S, T, Except> extends true ? unknown : Conforms<S, T, Except>)): S =>
    schema
