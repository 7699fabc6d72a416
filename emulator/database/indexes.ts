// In-memory secondary indexes and the query planner that uses them to narrow candidates.
// Each declared index keeps one map per key prefix: level k maps the composite key of the
// first k+1 fields to the set of document keys. Arrays are multikey (each element + the whole array).
// Indexes are sparse on their first key: a document whose first key is missing or null is not indexed,
// so an equality-to-null on that key cannot be served by the index.
import { Query } from 'mingo'
import { Doc, DbError, isPlainObject, valueKey } from './codec'
import type { IndexSpec } from './spec'

const SEP = '\u0001'
const MAX_COMBOS = 256

interface Entry { value: any; ids: Set<string> }

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

export class Index {
  readonly fields: string[]
  private levels: Map<string, Entry>[]
  private multikey = 0

  constructor(readonly spec: IndexSpec) {
    this.fields = spec.keys.map(k => k.field)
    this.levels = this.fields.map(() => new Map())
  }

  /** Per field: its value keys (one, or several for arrays) and, for the first field, key → value. */
  private keyLists(doc: Doc): { lists: string[][]; firstValues: Map<string, any> | null; first: any; hasArray: boolean } {
    const lists: string[][] = []
    let firstValues: Map<string, any> | null = null
    let first: any
    let hasArray = false
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i]
      const direct = f.indexOf('.') < 0 ? doc[f] : undefined
      if (f.indexOf('.') < 0 && !Array.isArray(direct)) {
        lists.push([valueKey(direct)])
        if (i === 0) first = direct
        continue
      }
      const vs = pathValues(doc, f)
      if (vs.length > 1) hasArray = true
      if (i === 0) {
        firstValues = new Map()
        for (const v of vs) firstValues.set(valueKey(v), v)
        lists.push(Array.from(firstValues.keys()))
      } else lists.push(Array.from(new Set(vs.map(valueKey))))
    }
    return { lists, firstValues, first, hasArray }
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

  add(key: string, doc: Doc) {
    const { lists, firstValues, first, hasArray } = this.keyLists(doc)
    if (lists[0].length === 1 && lists[0][0] === 'z') return // sparse: no first key, not indexed
    if (hasArray) this.multikey++
    for (let level = 0; level < this.levels.length; level++) {
      const map = this.levels[level]
      for (const k of this.levelKeys(lists, level)) {
        let e = map.get(k)
        if (!e) {
          e = { value: level > 0 ? null : firstValues ? firstValues.get(k) : first, ids: new Set() }
          map.set(k, e)
        }
        e.ids.add(key)
      }
    }
  }

  remove(key: string, doc: Doc) {
    const { lists, hasArray } = this.keyLists(doc)
    if (lists[0].length === 1 && lists[0][0] === 'z') return
    if (hasArray) this.multikey--
    for (let level = 0; level < this.levels.length; level++) {
      const map = this.levels[level]
      for (const k of this.levelKeys(lists, level)) {
        const e = map.get(k)
        if (e && e.ids.delete(key) && e.ids.size === 0) map.delete(k)
      }
    }
  }

  /** Sparse unique check: documents lacking a key field (missing or null) are not constrained. */
  checkUnique(key: string, doc: Doc, collection: string) {
    if (!this.spec.unique) return
    const { lists } = this.keyLists(doc)
    if (lists.some(ks => ks.every(k => k === 'z'))) return
    const full = this.levels[this.levels.length - 1]
    for (const k of this.levelKeys(lists, lists.length - 1)) {
      const e = full.get(k)
      if (e) for (const other of e.ids) if (other !== key) {
        const dup = this.fields.map(f => `${f}: ${JSON.stringify(pathValues(doc, f)[0])}`).join(', ')
        throw new DbError('DATABASE_REQUEST_FAILED',
          `E11000 duplicate key error collection: ${collection} index: ${this.spec.name} dup key: { ${dup} }`)
      }
    }
  }

  /** Candidate ids for the conditions, or null when this index cannot serve them. */
  candidates(conds: Map<string, Cond>): Set<string>[] | null {
    const prefix: string[][] = []
    for (const f of this.fields) {
      const c = conds.get(f)
      if (!c || c.kind !== 'eq') break
      if (!prefix.length && c.keys.includes('z')) return null // sparse: documents lacking the first key are not indexed
      prefix.push(c.keys)
    }
    if (prefix.length) {
      const map = this.levels[prefix.length - 1]
      const out: Set<string>[] = []
      for (const k of cross(prefix)) { const e = map.get(k); if (e) out.push(e.ids) }
      return out
    }
    const first = conds.get(this.fields[0])
    if (!first || first.kind !== 'range') return null
    let bounds = first.bounds
    if (this.multikey > 0) { const [op] = Object.keys(bounds); bounds = { [op]: bounds[op] } }
    const q = new Query({ v: bounds }, {})
    const out: Set<string>[] = []
    for (const e of this.levels[0].values()) if (q.test({ v: e.value })) out.push(e.ids)
    return out
  }
}

export type Cond = { kind: 'eq'; keys: string[] } | { kind: 'range'; bounds: Doc }

const RANGE_OPS = ['$gt', '$gte', '$lt', '$lte']

function condFor(c: any): Cond | null {
  if (c instanceof RegExp) return null
  if (isPlainObject(c)) {
    const ks = Object.keys(c)
    if (!ks.length || !ks.every(k => k.startsWith('$'))) return null
    if ('$eq' in c && !(c.$eq instanceof RegExp) && !isPlainObject(c.$eq)) return { kind: 'eq', keys: [valueKey(c.$eq)] }
    if (Array.isArray(c.$in) && c.$in.every((v: any) => !(v instanceof RegExp) && !isPlainObject(v))) {
      return { kind: 'eq', keys: Array.from(new Set(c.$in.map(valueKey))) }
    }
    const bounds: Doc = {}
    for (const op of RANGE_OPS) if (op in c) bounds[op] = c[op]
    if (Object.values(bounds).some(v => v === null || v === undefined)) return null
    return Object.keys(bounds).length ? { kind: 'range', bounds } : null
  }
  return { kind: 'eq', keys: [valueKey(c)] }
}

/** Field → servable condition, from top-level keys and (nested) top-level $and. */
export function extractConds(filter: Doc, out = new Map<string, Cond>()): Map<string, Cond> {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) { for (const sub of v) if (isPlainObject(sub)) extractConds(sub, out); continue }
    if (k.startsWith('$')) continue
    const c = condFor(v)
    if (c && (!out.has(k) || c.kind === 'eq')) out.set(k, c)
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
  let best: { sets: Set<string>[]; size: number; name: string } | null = null
  for (const ix of indexes) {
    const sets = ix.candidates(conds)
    if (!sets) continue
    const size = sets.reduce((n, s) => n + s.size, 0)
    if (!best || size < best.size) best = { sets, size, name: ix.spec.name }
  }
  if (!best) return planOr(filter, indexes)
  const sets = best.sets
  const ids = sets.length === 1 ? sets[0] : new Set<string>(sets.flatMap(s => Array.from(s)))
  return { ids, index: best.name, examinedEstimate: best.size }
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
