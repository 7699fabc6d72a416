// Transactions with MongoDB's snapshot isolation, as the cloud runs them: the snapshot is taken at
// the transaction's first operation; it reads that snapshot plus its own writes; a write to a
// document another open transaction has written, or that anyone committed since the snapshot,
// fails at once with DATABASE_TRANSACTION_CONFLICT and aborts the transaction; writes are
// buffered until commit; a transaction lives at most 30 s (emulator clock).
import { DbError, Doc, newId, valueKey } from './codec'
import type { Op } from './journal'
import type { Overlay } from './query'
import { Store, ckey } from './store'

export const TXN_LIFETIME_MS = 30_000

/** The cloud's words for a write conflict and for an unknown, finished or expired transaction. */
export const CONFLICT_MESSAGE = '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'
export const NOT_EXIST_MESSAGE = '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'

interface Write { c: string; key: string; doc: Doc | null; id: any }
export interface Txn {
  id: string
  startedAt: number
  /** store.seq at the first operation; null until then. */
  snapshot: number | null
  writes: Map<string, Write>
  /** The committed state as of the snapshot, for documents committed by others since. */
  pre: Map<string, { c: string; key: string; doc: Doc | null }>
}

export class Transactions {
  private open = new Map<string, Txn>()

  constructor(private store: Store, private now: () => number, private log: (line: string) => void) {
    store.onWrite = (c, key, old) => {
      if (!this.open.size) return
      const ck = ckey(c, key)
      for (const t of this.open.values()) if (t.snapshot !== null && !t.pre.has(ck)) t.pre.set(ck, { c, key, doc: old })
    }
  }

  get count() { return this.open.size }

  start(): string {
    this.sweep()
    const id = newId()
    this.store.trackVersions = true
    this.open.set(id, { id, startedAt: this.now(), snapshot: null, writes: new Map(), pre: new Map() })
    return id
  }

  /** The open transaction `id` for a read or write; its first use fixes its snapshot. */
  use(id: unknown): Txn {
    const t = this.find(id)
    if (t.snapshot === null) t.snapshot = this.store.seq
    return t
  }

  /** The document as this transaction sees it: its own writes, else the state at its snapshot. */
  read(t: Txn, c: string, id: any): Doc | null {
    const coll = this.store.collection(c)
    const key = valueKey(id)
    const ck = ckey(c, key)
    const w = t.writes.get(ck)
    if (w) return w.doc
    const p = t.pre.get(ck)
    if (p) return p.doc
    return coll.docs.get(key) ?? null
  }

  /** Where the transaction's view of collection `c` differs from what is committed. */
  overlay(t: Txn, c: string): Overlay {
    this.store.collection(c)
    const out: Overlay = new Map()
    for (const p of t.pre.values()) if (p.c === c) out.set(p.key, p.doc)
    for (const w of t.writes.values()) if (w.c === c) out.set(w.key, w.doc)
    return out
  }

  /** Buffers a write (null: delete), or aborts the transaction if another one got to the document first. */
  write(t: Txn, c: string, id: any, doc: Doc | null) {
    const key = valueKey(id)
    const ck = ckey(c, key)
    if (!t.writes.has(ck)) {
      const takenByOther = Array.from(this.open.values()).some(o => o !== t && o.writes.has(ck))
      if (takenByOther || this.committedSinceSnapshot(t, ck)) {
        this.finish(t)
        throw new DbError('DATABASE_TRANSACTION_CONFLICT', CONFLICT_MESSAGE)
      }
    }
    t.writes.set(ck, { c, key, doc, id })
  }

  commit(id: unknown) {
    const t = this.find(id)
    // Only a plain (non-transactional) write can have landed on a written document since: the cloud
    // makes such a write wait for the transaction; here it went first, so the transaction loses.
    for (const ck of t.writes.keys()) if (this.committedSinceSnapshot(t, ck)) {
      this.finish(t)
      throw new DbError('DATABASE_TRANSACTION_CONFLICT', CONFLICT_MESSAGE)
    }
    const ops: Op[] = []
    for (const w of t.writes.values()) ops.push(w.doc ? { t: 'put', c: w.c, doc: w.doc } : { t: 'del', c: w.c, id: w.id })
    this.finish(t)
    this.store.commit(ops)
  }

  abort(id: unknown) {
    this.finish(this.find(id))
  }

  reset() {
    this.open.clear()
    this.untrack()
  }

  /** Aborts transactions older than TXN_LIFETIME_MS (emulator clock). */
  sweep() {
    const now = this.now()
    for (const t of this.open.values()) if (now - t.startedAt > TXN_LIFETIME_MS) {
      this.log(`[local cloud] transaction ${t.id} not finished within ${TXN_LIFETIME_MS / 1000}s: aborted`)
      this.finish(t)
    }
  }

  private find(id: unknown): Txn {
    this.sweep()
    const t = typeof id === 'string' ? this.open.get(id) : undefined
    if (!t) throw new DbError('DATABASE_TRANSACTION_FAIL', NOT_EXIST_MESSAGE)
    return t
  }

  private committedSinceSnapshot(t: Txn, ck: string): boolean {
    return (this.store.versions.get(ck) ?? 0) > (t.snapshot ?? this.store.seq)
  }

  private finish(t: Txn) {
    this.open.delete(t.id)
    if (!this.open.size) this.untrack()
  }

  private untrack() {
    this.store.trackVersions = false
    this.store.versions.clear()
  }
}
