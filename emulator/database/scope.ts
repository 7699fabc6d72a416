// Where a request reads and writes: the committed collections, or an open transaction's view of
// them (its snapshot plus its own buffered writes). Actions are written once against this.
import { DbError, Doc, isObjectId, valueKey } from './codec'
import type { Op } from './journal'
import { FindOptions, Overlay, QueryEnv, findDocs, matchDocs } from './query'
import type { Store } from './store'
import type { Transactions, Txn } from './transactions'

export interface Scope {
  /** Documents matching `filter`, at most `stopAfter`. */
  match(c: string, filter: Doc, stopAfter?: number): Doc[]
  find(c: string, filter: Doc, o: FindOptions): Doc[]
  /** Whether a document with this _id exists here. */
  has(c: string, id: any): boolean
  /** Applies documents to put and ids to delete, all or nothing. */
  apply(c: string, puts: Doc[], dels: any[]): void
}

export function committedScope(store: Store, env: QueryEnv): Scope {
  return {
    match: (c, filter, stopAfter) => matchDocs(store.collection(c), filter, env, stopAfter),
    find: (c, filter, o) => findDocs(store.collection(c), filter, o, env),
    has: (c, id) => store.collection(c).docs.has(valueKey(id)),
    apply: (c, puts, dels) => {
      store.commit([...puts.map((doc): Op => ({ t: 'put', c, doc })), ...dels.map((id): Op => ({ t: 'del', c, id }))])
    },
  }
}

export function transactionScope(txns: Transactions, t: Txn, env: QueryEnv, store: Store): Scope {
  const overlay = (c: string): Overlay => txns.overlay(t, c)
  return {
    match: (c, filter, stopAfter) => matchDocs(store.collection(c), filter, env, stopAfter, overlay(c)),
    find: (c, filter, o) => findDocs(store.collection(c), filter, o, env, overlay(c)),
    has: (c, id) => txns.read(t, c, id) !== null,
    apply: (c, puts, dels) => {
      for (const doc of puts) txns.write(t, c, doc._id, doc)
      for (const id of dels) txns.write(t, c, id, null)
    },
  }
}

/** `_id`s the cloud stores: strings, numbers, and ObjectIds (`db.ObjectId({ id })`). */
export function checkId(id: unknown) {
  if (typeof id !== 'string' && typeof id !== 'number' && !isObjectId(id)) {
    throw new DbError('INVALID_PARAM', '_id must be a string, a number or an ObjectId')
  }
}

/** MongoDB 4.x refuses to store field names starting with `$` (an operator where a value belongs). */
export function checkStorable(doc: Doc) {
  const walk = (v: any) => {
    if (Array.isArray(v)) { for (const e of v) walk(e); return }
    if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return
    for (const k of Object.keys(v)) {
      if (k.startsWith('$')) throw new DbError('DATABASE_REQUEST_FAILED', `Document can't have $ prefixed field names: ${k}`)
      walk(v[k])
    }
  }
  walk(doc)
}
