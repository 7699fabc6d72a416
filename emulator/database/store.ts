// Collections in memory (Map of frozen documents keyed by valueKey(_id)), their indexes,
// and the one write path: commit(ops) applies a batch all-or-nothing and journals it as one line.
import { DbError, Doc, deepFreeze, valueKey } from './codec'
import { checkGeoKeys } from './geoQuery'
import { Index } from './indexes'
import { Journal, Op } from './journal'
import type { CollectionSpec, DatabaseSpec, IndexSpec } from './spec'

export const ckey = (c: string, key: string) => c + '\u0000' + key

export class Collection {
  readonly docs = new Map<string, Doc>()
  readonly indexes: Index[]
  /** Fields with a 2dsphere key: written values must be geometries; near queries need one. */
  readonly geoFields: string[]
  constructor(readonly name: string, spec: CollectionSpec | undefined, readonly declared: boolean) {
    const all = spec?.indexes ?? []
    const isGeo = (s: IndexSpec) => s.keys.some(k => k.direction === '2dsphere')
    this.indexes = all.filter(s => !isGeo(s)).map(s => new Index(s, () => this.docs))
    this.geoFields = all.filter(isGeo).flatMap(s => s.keys.filter(k => k.direction === '2dsphere').map(k => k.field))
  }

  put(key: string, doc: Doc, checkUnique = true) {
    if (checkUnique && this.geoFields.length) checkGeoKeys(doc, this.geoFields)
    const old = this.docs.get(key)
    // An update leaves alone the indexes whose entries it does not change.
    const touched = old ? this.indexes.filter(ix => !ix.sameEntries(old, doc)) : this.indexes
    if (old) for (const ix of touched) ix.remove(key, old)
    try {
      if (checkUnique) for (const ix of touched) ix.checkUnique(key, doc, this.name)
    } catch (e) {
      if (old) for (const ix of touched) ix.add(key, old)
      throw e
    }
    for (const ix of touched) ix.add(key, doc)
    this.docs.set(key, doc)
  }

  del(key: string) {
    const old = this.docs.get(key)
    if (!old) return
    for (const ix of this.indexes) ix.remove(key, old)
    this.docs.delete(key)
  }
}

type Undo = { c: string; key: string | null; old: Doc | undefined }

export class Store {
  collections = new Map<string, Collection>()
  seq = 0
  /** Last-write seq per document, kept only while transactions are open (see Transactions). */
  readonly versions = new Map<string, number>()
  trackVersions = false
  onWrite: (c: string, key: string, old: Doc | null) => void = () => {}

  constructor(private spec: DatabaseSpec, private journal: Journal | null) {
    this.resetCollections()
  }

  resetCollections() {
    this.collections.clear()
    for (const c of this.spec.collections) this.collections.set(c.name, new Collection(c.name, c, true))
  }

  specFor(name: string) { return this.spec.collections.find(c => c.name === name) }

  collection(name: string): Collection {
    const c = this.collections.get(name)
    if (!c) throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `collection ${name} does not exist (declare it in database/collections.json or create it)`)
    return c
  }

  /** Collections created at run time (not declared in the spec); the snapshot records them. */
  created(): string[] {
    return Array.from(this.collections.values()).filter(c => !c.declared).map(c => c.name)
  }

  /** Applies ops in memory (rolled back on any failure), journals them as one fsync'd line, then publishes. */
  commit(ops: Op[]) {
    if (!ops.length) return
    const undo = this.apply(ops)
    if (this.journal) {
      try {
        this.journal.append(this.seq + 1, ops)
      } catch (e: any) {
        this.rollback(undo)
        throw new DbError('SYS_ERR', `database journal write failed: ${e?.message ?? e}`)
      }
    }
    this.seq++
    for (const u of undo) if (u.key !== null) {
      this.onWrite(u.c, u.key, u.old ?? null)
      if (this.trackVersions) this.versions.set(ckey(u.c, u.key), this.seq)
    }
  }

  /**
   * Bulk import (dev only): documents put straight in, unique keys checked and indexes kept as each goes
   * in, all or nothing; no journal line (the caller writes a snapshot to make them durable). An existing
   * _id is refused unless `replace`.
   */
  importDocs(c: string, docs: Doc[], replace: boolean): number {
    const coll = this.collection(c)
    const undo: Undo[] = []
    try {
      for (const doc of docs) {
        if (typeof doc?._id !== 'string' || !doc._id) throw new DbError('INVALID_PARAM', 'every imported document needs a string _id')
        const key = valueKey(doc._id)
        const old = coll.docs.get(key)
        if (old && !replace) throw new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${c} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`)
        coll.put(key, deepFreeze(doc))
        undo.push({ c, key, old })
      }
    } catch (e) {
      this.rollback(undo)
      throw e
    }
    this.seq++
    for (const u of undo) this.onWrite(c, u.key!, u.old ?? null)
    return docs.length
  }

  /** Replay path: no journal, no hooks, no unique checks; a collection the spec no longer declares is recreated. */
  replay(seq: number, ops: Op[]) {
    this.apply(ops, true)
    this.seq = Math.max(this.seq, seq)
  }

  private apply(ops: Op[], replaying = false): Undo[] {
    const undo: Undo[] = []
    try {
      for (const op of ops) {
        if (op.t === 'create') {
          if (!this.collections.has(op.c)) {
            this.collections.set(op.c, new Collection(op.c, this.specFor(op.c), !!this.specFor(op.c)))
            undo.push({ c: op.c, key: null, old: undefined })
          }
          continue
        }
        if (replaying && !this.collections.has(op.c)) this.collections.set(op.c, new Collection(op.c, undefined, false))
        const coll = this.collection(op.c)
        if (op.t === 'put') {
          const key = valueKey(op.doc._id)
          const old = coll.docs.get(key)
          coll.put(key, deepFreeze(op.doc), !replaying)
          undo.push({ c: op.c, key, old })
        } else {
          const key = valueKey(op.id)
          const old = coll.docs.get(key)
          if (!old) continue
          coll.del(key)
          undo.push({ c: op.c, key, old })
        }
      }
    } catch (e) {
      this.rollback(undo)
      throw e
    }
    return undo
  }

  private rollback(undo: Undo[]) {
    for (let i = undo.length - 1; i >= 0; i--) {
      const u = undo[i]
      if (u.key === null) { this.collections.delete(u.c); continue }
      const coll = this.collections.get(u.c)!
      if (u.old) coll.put(u.key, u.old)
      else coll.del(u.key)
    }
  }

  *allDocs(): Iterable<{ c: string; d: Doc }> {
    for (const coll of this.collections.values()) for (const d of coll.docs.values()) yield { c: coll.name, d }
  }
}
