// Transactions: snapshot reads (pre-images captured lazily when others write), buffered writes,
// first-committer-wins validation at commit, idle expiry.
import { DbError, Doc, newId, valueKey } from './codec'
import type { Op } from './journal'
import { Store, ckey } from './store'

export const TXN_IDLE_MS = 30_000

interface Write { c: string; key: string; doc: Doc | null; id: any }
interface Txn {
  id: string
  startSeq: number
  lastUsed: number
  writes: Map<string, Write>
  touched: Set<string>
  /** State as of the transaction's start for documents written by others since. */
  pre: Map<string, Doc | null>
}

export class Transactions {
  private open = new Map<string, Txn>()

  constructor(private store: Store, private now: () => number, private log: (line: string) => void) {
    store.onWrite = (c, key, old) => {
      if (!this.open.size) return
      const ck = ckey(c, key)
      for (const t of this.open.values()) if (!t.pre.has(ck)) t.pre.set(ck, old)
    }
  }

  get count() { return this.open.size }

  start(): string {
    this.sweep()
    const id = newId()
    this.store.trackVersions = true
    this.open.set(id, { id, startSeq: this.store.seq, lastUsed: this.now(), writes: new Map(), touched: new Set(), pre: new Map() })
    return id
  }

  get(id: unknown): Txn {
    this.sweep()
    const t = typeof id === 'string' ? this.open.get(id) : undefined
    if (!t) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} does not exist, was aborted or has expired`)
    t.lastUsed = this.now()
    return t
  }

  /** The document as this transaction sees it: its own writes, else the state at its start. */
  read(t: Txn, c: string, id: any): Doc | null {
    this.store.collection(c)
    const key = valueKey(id)
    const ck = ckey(c, key)
    t.touched.add(ck)
    const w = t.writes.get(ck)
    if (w) return w.doc
    if (t.pre.has(ck)) return t.pre.get(ck)!
    return this.store.collections.get(c)!.docs.get(key) ?? null
  }

  write(t: Txn, c: string, id: any, doc: Doc | null) {
    const key = valueKey(id)
    const ck = ckey(c, key)
    t.touched.add(ck)
    t.writes.set(ck, { c, key, doc, id })
  }

  commit(id: unknown) {
    const t = this.get(id)
    for (const ck of t.touched) {
      if ((this.store.versions.get(ck) ?? 0) > t.startSeq) {
        this.finish(t)
        throw new DbError('DATABASE_TRANSACTION_CONFLICT', `transaction ${t.id} conflicts with a write committed after it started; nothing was applied`)
      }
    }
    const ops: Op[] = []
    for (const w of t.writes.values()) ops.push(w.doc ? { t: 'put', c: w.c, doc: w.doc } : { t: 'del', c: w.c, id: w.id })
    this.finish(t)
    this.store.commit(ops)
  }

  abort(id: unknown) {
    this.finish(this.get(id))
  }

  reset() {
    this.open.clear()
    this.untrack()
  }

  /** Aborts transactions idle for longer than TXN_IDLE_MS (emulator clock). */
  sweep() {
    const now = this.now()
    for (const t of this.open.values()) if (now - t.lastUsed > TXN_IDLE_MS) {
      this.log(`[local cloud] transaction ${t.id} idle for over ${TXN_IDLE_MS / 1000}s: aborted`)
      this.finish(t)
    }
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
