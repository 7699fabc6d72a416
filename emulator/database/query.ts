// Reads through the planner + mingo: matching, find (sort/skip/limit/projection), count, aggregate,
// and update application. Mongo semantics come from mingo (with the operators of operators.ts);
// this file picks candidates, orders near queries by distance and runs $geoNear.
import { Aggregator } from 'mingo/aggregator'
import { Query } from 'mingo/query'
import { update as mingoUpdate } from 'mingo/updater'
import { DbError, Doc, deepClone, encodeDoc, isPlainObject, valueKey } from './codec'
import { compileGroup } from './fastGroup'
import { findNear, geoIndexServes, geoNearStage, nearDistance, requireGeoIndex, sortByDistance, withoutNearBounds } from './geoQuery'
import { filterFields, orderedPlan, plan } from './indexes'
import type { Work } from './metrics'
import { MINGO_OPTIONS } from './operators'
import type { Collection, Store } from './store'

export { MINGO_OPTIONS }

export interface QueryEnv {
  work: Work
  action: string
  unindexed: (collection: string, fields: string[], action: string) => void
}

const configuredThreshold = Number(process.env.LOCAL_CLOUD_UNINDEXED_THRESHOLD || NaN)

/**
 * Collections at or above this size report queries no index serves.
 * LOCAL_CLOUD_UNINDEXED_THRESHOLD=0 reports every unindexed query (the product's strict test runs).
 */
export const UNINDEXED_THRESHOLD = Number.isInteger(configuredThreshold) && configuredThreshold >= 0 ? configuredThreshold : 50

const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$rename', '$push', '$pull',
  '$pullAll', '$addToSet', '$pop', '$currentDate', '$bit'])

export function compileFilter(filter: Doc): Query {
  return new Query(withoutNearBounds(filter), MINGO_OPTIONS)
}

/**
 * How a transaction sees a collection: document key → its version in the transaction (null: absent
 * there), for every key where that differs from the committed collection.
 */
export type Overlay = Map<string, Doc | null>

/** Documents matching `filter`, narrowed by the best index; stops after `stopAfter` matches. */
export function matchDocs(coll: Collection, filter: Doc, env: QueryEnv, stopAfter = Infinity, overlay?: Overlay): Doc[] {
  const q = compileFilter(filter)
  const near = findNear(filter)
  if (near) requireGeoIndex(coll.name, coll.geoFields, near.field)
  const p = plan(filter, coll.indexes)
  if (!p.ids && !geoIndexServes(filter, coll.geoFields)) {
    const fields = Array.from(filterFields(filter)).sort()
    if (fields.length && coll.docs.size >= UNINDEXED_THRESHOLD) env.unindexed(coll.name, fields, env.action)
  }
  const out: Doc[] = []
  if (stopAfter <= 0) return out
  const seen = overlay?.size ? new Set<string>() : null
  const visit = (key: string, committed: Doc | undefined) => {
    if (seen) { if (seen.has(key)) return false; seen.add(key) }
    const doc = overlay?.has(key) ? overlay.get(key) : committed
    if (!doc) return false
    env.work.examined++
    if (q.test(doc) && (!near || withinNear(near, doc))) out.push(doc)
    return out.length >= stopAfter
  }
  if (p.ids) { for (const key of p.ids) if (visit(key, coll.docs.get(key))) return out }
  else for (const [key, doc] of coll.docs) if (visit(key, doc)) return out
  if (overlay) for (const key of overlay.keys()) if (visit(key, coll.docs.get(key))) break
  return out
}

/** The distance bounds of a near query (in the legacy form mingo never sees them). */
function withinNear(near: NonNullable<ReturnType<typeof findNear>>, doc: Doc): boolean {
  const d = nearDistance(near, doc)
  return d !== null && d.distance >= near.min && d.distance <= near.max
}

export interface FindOptions { order?: Doc; offset: number; limit: number; projection?: Doc }

export function findDocs(coll: Collection, filter: Doc, o: FindOptions, env: QueryEnv, overlay?: Overlay): Doc[] {
  const sorted = !!o.order && Object.keys(o.order).length > 0
  const near = sorted ? null : findNear(filter)
  const page = sorted ? sortedPage(coll, filter, o, env, overlay) : null
  if (page) return o.projection && Object.keys(o.projection).length ? page.map(d => project(d, o.projection)) : page
  let matched = matchDocs(coll, filter, env, sorted || near ? Infinity : o.offset + o.limit, overlay)
  // A near query returns the nearest first unless an explicit order replaces that.
  if (near) matched = sortByDistance(matched, near)
  // Ties of a sort come in _id order, as from an index (see sortedPage).
  if (sorted) matched = byKey(matched)
  let cursor = new Query({}, MINGO_OPTIONS).find<Doc>(matched)
  if (sorted) cursor = cursor.sort(o.order as any)
  const result = cursor.skip(o.offset).limit(o.limit).all()
  return o.projection && Object.keys(o.projection).length ? result.map(d => project(d, o.projection)) : result
}

function byKey(docs: Doc[]): Doc[] {
  const keyed = docs.map(d => ({ k: valueKey(d._id), d }))
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
  return keyed.map(x => x.d)
}

/**
 * A sorted page read in index order (orderedKeys.ts), stopping once the page is full — as MongoDB reads a
 * B-tree — when an index gives the order, unless another index narrows the filter to less than two pages
 * (then those few are sorted). Null when the page is sorted in memory instead (and always inside a transaction
 * that has written to this collection, or for near queries).
 */
function sortedPage(coll: Collection, filter: Doc, o: FindOptions, env: QueryEnv, overlay?: Overlay): Doc[] | null {
  if (overlay?.size || findNear(filter)) return null
  const order = Object.entries(o.order as Doc).map(([f, d]): [string, number] => [f, Number(d) === -1 ? -1 : 1])
  const wanted = o.offset + o.limit
  const ordered = orderedPlan(filter, order, coll.indexes)
  if (!ordered) return null
  const candidates = plan(filter, coll.indexes).examinedEstimate
  if (ordered.examinedEstimate > candidates && candidates <= 2 * wanted) return null
  const q = compileFilter(filter)
  const out: Doc[] = []
  if (wanted > 0) {
    for (const key of ordered.keys) {
      const doc = coll.docs.get(key)
      if (!doc) continue
      env.work.examined++
      if (q.test(doc) && out.push(doc) >= wanted) break
    }
  }
  return out.slice(o.offset)
}

/** Applies a projection; `$slice`/`$elemMatch` on a field the document lacks leaves it out (mingo would give null). */
export function project(doc: Doc, projection: Doc | undefined): Doc {
  if (!projection || !Object.keys(projection).length) return doc
  const out = new Query({}, MINGO_OPTIONS).find<Doc>([doc], projection as any).all()[0]
  for (const [k, v] of Object.entries(projection)) {
    if (isPlainObject(v) && !k.includes('.') && !(k in doc) && (out[k] === null || out[k] === undefined)) delete out[k]
  }
  return out
}

export function countDocs(coll: Collection, filter: Doc, env: QueryEnv): number {
  if (!Object.keys(filter).length) return coll.docs.size
  return matchDocs(coll, filter, env).length
}

export function aggregate(store: Store, coll: Collection, pipeline: Doc[], env: QueryEnv): Doc[] {
  let source: Doc[]
  let rest = pipeline
  if (pipeline.slice(1).some(s => '$geoNear' in s)) throw new DbError('DATABASE_REQUEST_FAILED', '$geoNear is only valid as the first stage in a pipeline')
  if (pipeline.length && isPlainObject(pipeline[0].$geoNear)) {
    const spec = pipeline[0].$geoNear
    const field = requireGeoIndex(coll.name, coll.geoFields, typeof spec.key === 'string' ? spec.key : undefined)
    source = geoNearStage(matchDocs(coll, isPlainObject(spec.query) ? spec.query : {}, env), spec, field)
    rest = pipeline.slice(1)
  } else if (pipeline.length && isPlainObject(pipeline[0].$match)) {
    source = matchDocs(coll, pipeline[0].$match, env)
    rest = pipeline.slice(1)
  } else {
    source = Array.from(coll.docs.values())
    env.work.examined += source.length
  }
  const collectionResolver = (name: string) => Array.from(store.collections.get(name)?.docs.values() ?? [])
  const run = (stages: Doc[], docs: Doc[]) => (stages.length ? new Aggregator(stages, { ...MINGO_OPTIONS, collectionResolver } as any).run(docs) : docs)
  // $sample picks distinct documents (mingo samples with replacement); a $group of sums over simple
  // conditions runs natively (fastGroup.ts, same results as mingo); everything else is mingo's.
  let docs = source
  let segment: Doc[] = []
  for (const stage of rest) {
    if (isPlainObject(stage.$sample)) {
      docs = sampleDistinct(run(segment, docs), Number(stage.$sample.size))
      segment = []
      continue
    }
    const fast = isPlainObject(stage.$group) && Object.keys(stage).length === 1 ? compileGroup(stage.$group) : undefined
    if (fast) {
      const input = run(segment, docs)
      docs = fast.run(input) ?? run([stage], input)
      segment = []
      continue
    }
    segment.push(stage)
  }
  return run(segment, docs)
}

function sampleDistinct(docs: Doc[], size: number): Doc[] {
  if (!Number.isInteger(size) || size < 0) throw new DbError('INVALID_PARAM', '$sample size must be a non-negative integer')
  const pool = docs.slice()
  const n = Math.min(size, pool.length)
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(Math.random() * (pool.length - i))
    ;[pool[i], pool[j]] = [pool[j], pool[i]]
  }
  return pool.slice(0, n)
}

/** The update document as a modifier; plain fields (no operators) mean $set. Unknown operators are refused. */
export function toModifier(data: Doc): Doc {
  const keys = Object.keys(data)
  if (!keys.length) throw new DbError('INVALID_PARAM', 'update data is empty')
  if (!keys.some(k => k.startsWith('$'))) return { $set: data }
  for (const k of keys) {
    if (!UPDATE_OPERATORS.has(k)) throw new DbError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${k}`)
    if (!isPlainObject(data[k])) throw new DbError('INVALID_PARAM', `operand of ${k} must be an object`)
  }
  return data
}

/** Applies a modifier to a copy of `doc` (the filter resolves a positional `$`); refuses to change `_id`. */
export function applyModifier(doc: Doc, modifier: Doc, filter?: Doc): { doc: Doc; modified: boolean } {
  const copy = deepClone(doc)
  const changed = mingoUpdate(copy, modifier as any, undefined, filter as any, { cloneMode: 'deep', queryOptions: MINGO_OPTIONS })
  if (valueKey(copy._id) !== valueKey(doc._id)) {
    throw new DbError('DATABASE_REQUEST_FAILED', "Performing an update on the path '_id' would modify the immutable field '_id'")
  }
  return { doc: copy, modified: changed.length > 0 }
}

/** A whole-document replacement (set): keeps `_id`. */
export function replaceDoc(old: Doc, data: Doc): { doc: Doc; modified: boolean } {
  if ('_id' in data && valueKey(data._id) !== valueKey(old._id)) {
    throw new DbError('DATABASE_REQUEST_FAILED', "Performing an update on the path '_id' would modify the immutable field '_id'")
  }
  const { _id, ...rest } = data
  const doc = { _id: old._id, ...deepClone(rest) }
  return { doc, modified: encodeDoc(doc) !== encodeDoc(old) }
}

/** Seed for an upsert through a modifier: the filter's plain equality fields. */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {}
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$') || k.includes('.')) continue
    if (isPlainObject(v)) { if ('$eq' in v) seed[k] = deepClone(v.$eq) } else if (!(v instanceof RegExp)) seed[k] = deepClone(v)
  }
  return seed
}
