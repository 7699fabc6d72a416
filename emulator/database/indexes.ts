// In-memory secondary indexes and the query planner that uses them to narrow candidates.
// Each declared index keeps one map per key prefix: level k maps the composite key of the
// first k+1 fields to its document keys (one key alone, or a set). Arrays are multikey (each element +
// the whole array). Beside the maps, built on first use, a sorted side (orderedKeys.ts) serves ranges
// and index-ordered pages.
// Indexes are sparse on their first key: a document whose first key is missing or null is not indexed,
// so an equality-to-null on that key cannot be served by the index.
import { Doc, DbError, isPlainObject, valueKey } from './codec'
import { type Bounds, OrderedKeys, type Span, isOrderable, scalarRank } from './orderedKeys'
import type { IndexSpec } from './spec'

const SEP = '\u0001'
const MAX_COMBOS = 256


/** All values a dotted path reaches in a document (through arrays), each array also as a whole. */
export function pathValues(doc: any, path: string): any[] {
  const out: any[] = []
  const walk = (v: any, parts: string[], i: number) => {
    if (i === parts.length) {
      if (Array.isArray(v)) { out.push(v); for (const e of v) out.push(e) } else out.push(v)
      return
    }
    if (Array.isArray(v)) {
      const idx = /^\d+$/.test(parts[i]) ? Number(parts[i]) : -1
      if (idx >= 0) walk(v[idx], parts, i + 1)
      else if (!v.length) out.push(undefined)
      else for (const e of v) walk(e, parts, i)
      return
    }
    if (v === null || typeof v !== 'object') { out.push(undefined); return }
    walk(v[parts[i]], parts, i + 1)
  }
  walk(doc, path.split('.'), 0)
  return out
}

function cross(lists: string[][]): string[] {
  let acc = ['']
  for (const list of lists) {
    const next: string[] = []
    for (const a of acc) for (const k of list) { if (next.length < MAX_COMBOS) next.push(a ? a + SEP + k : k) }
    acc = next
  }
  return acc
}

/** The document keys at one index entry: one key alone (most entries), or a set. */
type Ids = Set<string> | string
const idsOf = (ids: Ids): Iterable<string> => (typeof ids === 'string' ? [ids] : ids)
export const idCount = (ids: Set<string> | string[]): number => (Array.isArray(ids) ? ids.length : ids.size)

export class Index {
  readonly fields: string[]
  private levels: Map<string, Ids>[]
  private multikey = 0
  /** The sorted side (orderedKeys.ts), built on first use; and how many documents it leaves out. */
  private ordered: OrderedKeys | null = null
  private unorderable = 0

  constructor(readonly spec: IndexSpec, private readonly docs: () => Map<string, Doc>) {
    this.fields = spec.keys.map(k => k.field)
    this.levels = this.fields.map(() => new Map())
  }

  /** Per field: its value keys (one, or several for arrays). */
  private keyLists(doc: Doc): { lists: string[][]; hasArray: boolean } {
    const lists: string[][] = []
    let hasArray = false
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]
      const direct = f.indexOf('.') < 0 ? doc[f] : undefined
      if (f.indexOf('.') < 0 && !Array.isArray(direct)) {
        lists.push([valueKey(direct)])
        continue
      }
      const vs = pathValues(doc, f)
      if (vs.length > 1) hasArray = true
      lists.push(Array.from(new Set(vs.map(valueKey))))
    }
    return { lists, hasArray }
  }

  private levelKeys(lists: string[][], level: number): string[] {
    if (level === 0) return lists[0]
    let single = true
    for (let i = 0; i <= level; i++) if (lists[i].length !== 1) { single = false; break }
    if (single) {
      let k = lists[0][0]
      for (let i = 1; i <= level; i++) k += SEP + lists[i][0]
      return [k]
    }
    return cross(lists.slice(0, level + 1))
  }

  /**
   * The key tuples of a document for the sorted side (an array gives one per element; an empty one, as
   * in MongoDB, undefined), and whether one holds a value the side cannot order (see orderedKeys.ts).
   */
  private tuples(doc: Doc): { tuples: unknown[][]; skipped: boolean } {
    let skipped = false
    const perField = this.fields.map(f => {
      const direct = f.indexOf('.') < 0 ? doc[f] : undefined
      const vs = f.indexOf('.') < 0 && !Array.isArray(direct) ? [direct] : pathValues(doc, f).filter(v => !Array.isArray(v))
      if (!vs.length) vs.push(undefined)
      if (!vs.every(isOrderable)) skipped = true
      return vs
    })
    let tuples: unknown[][] = [[]]
    for (const values of perField) {
      const next: unknown[][] = []
      for (const t of tuples) for (const v of values) if (next.length < MAX_COMBOS || this.fields.length === 1) next.push([...t, v])
      tuples = next
    }
    return { tuples, skipped }
  }

  private sortedSide(): OrderedKeys {
    if (this.ordered) return this.ordered
    const entries: { tuple: unknown[]; id: string }[] = []
    this.unorderable = 0
    for (const [key, doc] of this.docs()) {
      if (this.isSparse(doc)) continue
      const { tuples, skipped } = this.tuples(doc)
      if (skipped) this.unorderable++
      for (const tuple of tuples) entries.push({ tuple, id: key })
    }
    this.ordered = new OrderedKeys(entries)
    return this.ordered
  }

  private isSparse(doc: Doc): boolean {
    const lists = this.keyLists(doc).lists
    return lists[0].length === 1 && lists[0][0] === 'z'
  }

  /** True when both versions of a document have the same entries here (an update that leaves this index alone). */
  sameEntries(a: Doc, b: Doc): boolean {
    const x = this.keyLists(a).lists
    const y = this.keyLists(b).lists
    return x.every((ks, i) => ks.length === y[i].length && ks.every((k, j) => k === y[i][j]))
  }

  add(key: string, doc: Doc) {
    const { lists, hasArray } = this.keyLists(doc)
    if (lists[0].length === 1 && lists[0][0] === 'z') return // sparse: no first key, not indexed
    if (hasArray) this.multikey++
    for (let level = 0; level < this.levels.length; level++) {
      const map = this.levels[level]
      for (const k of this.levelKeys(lists, level)) {
        const ids = map.get(k)
        if (ids === undefined) map.set(k, key)
        else if (typeof ids === 'string') { if (ids !== key) map.set(k, new Set([ids, key])) }
        else ids.add(key)
      }
    }
    if (this.ordered) {
      const { tuples, skipped } = this.tuples(doc)
      if (skipped) this.unorderable++
      for (const t of tuples) this.ordered.insert(t, key)
    }
  }

  remove(key: string, doc: Doc) {
    const { lists, hasArray } = this.keyLists(doc)
    if (lists[0].length === 1 && lists[0][0] === 'z') return
    if (hasArray) this.multikey--
    for (let level = 0; level < this.levels.length; level++) {
      const map = this.levels[level]
      for (const k of this.levelKeys(lists, level)) {
        const ids = map.get(k)
        if (ids === undefined) continue
        if (typeof ids === 'string') { if (ids === key) map.delete(k); continue }
        ids.delete(key)
        if (ids.size === 1) map.set(k, ids.values().next().value as string)
      }
    }
    if (this.ordered) {
      const { tuples, skipped } = this.tuples(doc)
      if (skipped) this.unorderable--
      for (const t of tuples) this.ordered.remove(t, key)
    }
  }

  /** Sparse unique check: documents lacking a key field (missing or null) are not constrained. */
  checkUnique(key: string, doc: Doc, collection: string) {
    if (!this.spec.unique) return
    const { lists } = this.keyLists(doc)
    if (lists.some(ks => ks.every(k => k === 'z'))) return
    const full = this.levels[this.levels.length - 1]
    for (const k of this.levelKeys(lists, lists.length - 1)) {
      const ids = full.get(k)
      if (ids !== undefined) for (const other of idsOf(ids)) if (other !== key) {
        const dup = this.fields.map(f => `${f}: ${JSON.stringify(pathValues(doc, f)[0])}`).join(', ')
        throw new DbError('DATABASE_REQUEST_FAILED',
          `E11000 duplicate key error collection: ${collection} index: ${this.spec.name} dup key: { ${dup} }`)
      }
    }
  }

  /** The equality prefix the conditions give this index: per field, its values. */
  private eqPrefix(conds: Map<string, Cond>): Extract<Cond, { kind: 'eq' }>[] | null {
    const prefix: Extract<Cond, { kind: 'eq' }>[] = []
    for (const f of this.fields) {
      const c = conds.get(f)
      if (!c || c.kind !== 'eq') break
      if (!prefix.length && c.keys.includes('z')) return null // sparse: documents lacking the first key are not indexed
      prefix.push(c)
    }
    return prefix
  }

  /** The sorted side's spans for an equality prefix (every combination of its values) and a range after it. */
  private spans(prefix: Extract<Cond, { kind: 'eq' }>[], bounds: Bounds | undefined): Span[] | null {
    if (prefix.some(c => !c.values.every(isKeyValue))) return null
    if (bounds && !boundsOrderable(bounds)) return null
    const side = this.sortedSide()
    let combos: unknown[][] = [[]]
    for (const c of prefix) combos = combos.flatMap(t => c.values.map(v => [...t, v])).slice(0, MAX_COMBOS)
    return combos.map(t => side.span(t, bounds))
  }

  /** Candidate ids for the conditions, or null when this index cannot serve them. */
  candidates(conds: Map<string, Cond>): (Set<string> | string[])[] | null {
    const prefix = this.eqPrefix(conds)
    if (!prefix) return null
    const next = prefix.length < this.fields.length ? conds.get(this.fields[prefix.length]) : undefined
    // An equality prefix and a range on the next field: the sorted side's spans (not on multikey
    // indexes, where one array may meet the two bounds with two different elements).
    if (prefix.length && next?.kind === 'range' && this.multikey === 0) {
      const spans = this.spans(prefix, next.bounds)
      if (spans) return spans.map(s => this.sortedSide().idsIn(s))
    }
    if (prefix.length) {
      const map = this.levels[prefix.length - 1]
      const out: Set<string>[] = []
      for (const k of cross(prefix.map(c => c.keys))) {
        const ids = map.get(k)
        if (ids !== undefined) out.push(typeof ids === 'string' ? new Set([ids]) : ids)
      }
      return out
    }
    if (next?.kind !== 'range') return null
    // A range on the first field. Multikey: one bound only (a superset; mingo checks each candidate), and
    // a document once however many of its elements fall inside.
    let bounds = next.bounds
    if (this.multikey > 0) { const [op] = Object.keys(bounds); bounds = { [op]: bounds[op] } }
    const spans = this.spans([], bounds)
    if (!spans) return null
    const ids = this.sortedSide().idsIn(spans[0])
    return [this.multikey > 0 ? new Set(ids) : ids]
  }

  /**
   * Document keys in the order `order` asks, when this index gives it: an equality prefix, then
   * (optionally) a range on the next field, and the sort on every field after the prefix, all one
   * direction. Null otherwise (the caller sorts in memory).
   */
  ordering(conds: Map<string, Cond>, order: [string, number][]): { keys: Iterable<string>; examinedEstimate: number } | null {
    if (this.multikey > 0) return null
    const prefix = this.eqPrefix(conds)
    if (!prefix) return null
    const k = prefix.length
    const tail = this.fields.slice(k)
    if (!tail.length || order.length !== tail.length || order.some(([f], i) => f !== tail[i])) return null
    const descending = order[0][1] === -1
    if (order.some(([, d]) => (d === -1) !== descending)) return null
    const next = conds.get(this.fields[k])
    const bounds = next?.kind === 'range' ? next.bounds : undefined
    if (!k && !bounds) return null // the sparse index lacks the documents without a first key
    const spans = this.spans(prefix, bounds)
    if (!spans) return null
    const side = this.sortedSide()
    if (this.unorderable > 0) return null
    return { keys: side.merged(spans, k, descending), examinedEstimate: spans.reduce((n, s) => n + s.hi - s.lo, 0) }
  }
}

/** Bounds the sorted side can search: scalars of one type (null and missing stay with the hash levels). */
function boundsOrderable(bounds: Doc): boolean {
  const values = Object.values(bounds)
  return values.every(isKeyValue) && new Set(values.map(scalarRank)).size === 1
}

/** A value the sorted side can look up as it is stored: a scalar, not null or missing (which the hash levels treat as one). */
const isKeyValue = (v: unknown): boolean => v !== null && v !== undefined && isOrderable(v)

export type Cond = { kind: 'eq'; keys: string[]; values: unknown[] } | { kind: 'range'; bounds: Doc }

const RANGE_OPS = ['$gt', '$gte', '$lt', '$lte']

function condFor(c: any): Cond | null {
  if (c instanceof RegExp) return null
  if (isPlainObject(c)) {
    const ks = Object.keys(c)
    if (!ks.length || !ks.every(k => k.startsWith('$'))) return null
    if ('$eq' in c && !(c.$eq instanceof RegExp) && !isPlainObject(c.$eq)) return { kind: 'eq', keys: [valueKey(c.$eq)], values: [c.$eq] }
    if (Array.isArray(c.$in) && c.$in.every((v: any) => !(v instanceof RegExp) && !isPlainObject(v))) {
      const byKey = new Map<string, unknown>()
      for (const v of c.$in) if (!byKey.has(valueKey(v))) byKey.set(valueKey(v), v)
      return { kind: 'eq', keys: Array.from(byKey.keys()), values: Array.from(byKey.values()) }
    }
    const bounds: Doc = {}
    for (const op of RANGE_OPS) if (op in c) bounds[op] = c[op]
    if (Object.values(bounds).some(v => v === null || v === undefined)) return null
    return Object.keys(bounds).length ? { kind: 'range', bounds } : null
  }
  return { kind: 'eq', keys: [valueKey(c)], values: [c] }
}

/** Field → servable condition, from top-level keys and (nested) top-level $and. */
export function extractConds(filter: Doc, out = new Map<string, Cond>()): Map<string, Cond> {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) { for (const sub of v) if (isPlainObject(sub)) extractConds(sub, out); continue }
    if (k.startsWith('$')) continue
    const c = condFor(v)
    const had = out.get(k)
    // Two ranges on one field under $and (the SDK's gt().and(lte())) serve as one: every bound must hold.
    if (c?.kind === 'range' && had?.kind === 'range') out.set(k, { kind: 'range', bounds: { ...had.bounds, ...c.bounds } })
    else if (c && (!had || c.kind === 'eq')) out.set(k, c)
  }
  return out
}

/** Field names a filter mentions (for the unindexed-query report). */
export function filterFields(filter: any, out = new Set<string>()): Set<string> {
  if (Array.isArray(filter)) { for (const f of filter) filterFields(f, out); return out }
  if (!isPlainObject(filter)) return out
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' || k === '$or' || k === '$nor') filterFields(v, out)
    else if (!k.startsWith('$')) out.add(k)
  }
  return out
}

export interface Plan { ids: Iterable<string> | null; index: string | null; examinedEstimate: number }

/** Picks the narrowest candidate set: `_id` first (document keys are valueKey(_id)), then declared indexes. */
export function plan(filter: Doc, indexes: Index[]): Plan {
  const conds = extractConds(filter)
  const idc = conds.get('_id')
  if (idc && idc.kind === 'eq') return { ids: idc.keys, index: '_id_', examinedEstimate: idc.keys.length }
  let best: { sets: (Set<string> | string[])[]; size: number; name: string } | null = null
  for (const ix of indexes) {
    const sets = ix.candidates(conds)
    if (!sets) continue
    const size = sets.reduce((n, s) => n + idCount(s), 0)
    if (!best || size < best.size) best = { sets, size, name: ix.spec.name }
  }
  if (!best) return planOr(filter, indexes)
  const sets = best.sets
  return { ids: sets.length === 1 ? sets[0] : unionOf(sets), index: best.name, examinedEstimate: best.size }
}

/** The candidates of several sets, each once, gathered only when read (a plan asked only for its estimate costs nothing). */
function unionOf(sets: (Set<string> | string[])[]): Iterable<string> {
  return {
    *[Symbol.iterator]() {
      const seen = new Set<string>()
      for (const s of sets) for (const id of s) if (!seen.has(id)) { seen.add(id); yield id }
    },
  }
}

/** The index that yields a filter's documents in the order asked (the fewest entries to read), if any. */
export function orderedPlan(filter: Doc, order: [string, number][], indexes: Index[]): { keys: Iterable<string>; index: string; examinedEstimate: number } | null {
  const conds = extractConds(filter)
  let best: { keys: Iterable<string>; index: string; examinedEstimate: number } | null = null
  for (const ix of indexes) {
    const o = ix.ordering(conds, order)
    if (o && (!best || o.examinedEstimate < best.examinedEstimate)) best = { ...o, index: ix.spec.name }
  }
  return best
}

/** A top-level $or is served when every branch is: the union of the branches' candidates. */
function planOr(filter: Doc, indexes: Index[]): Plan {
  const none: Plan = { ids: null, index: null, examinedEstimate: Infinity }
  if (!Array.isArray(filter.$or) || !filter.$or.length) return none
  const ids = new Set<string>()
  const names = new Set<string>()
  for (const branch of filter.$or) {
    if (!isPlainObject(branch)) return none
    const p = plan(branch, indexes)
    if (!p.ids) return none
    for (const id of p.ids) ids.add(id)
    names.add(p.index!)
  }
  return { ids, index: Array.from(names).join('|'), examinedEstimate: ids.size }
}
