// One handler per wire action (§4 of the protocol notes). Each returns the reply object the SDK expects.
import { DbError, Doc, decode, decodeObject, encodeDoc, invalidParam, isPlainObject, newId, valueKey } from './codec'
import type { Op } from './journal'
import {
  QueryEnv, aggregate, applyModifier, compileFilter, countDocs, findDocs, matchDocs, project, replaceDoc, toModifier, upsertSeed,
} from './query'
import type { Store } from './store'
import type { Transactions } from './transactions'

export interface ActionContext { store: Store; txns: Transactions; now: number; env: QueryEnv }
type Handler = (body: any, ctx: ActionContext) => any

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

function collectionName(body: any): string {
  const name = body?.collectionName
  if (typeof name !== 'string' || !name) throw invalidParam('collectionName is required')
  return name
}

const filterOf = (body: any, now: number): Doc => (body.query === undefined || body.query === null ? {} : decodeObject(body.query, 'query', now))
const optionalObject = (v: unknown, what: string, now: number) => (v === undefined || v === null || v === '' ? undefined : decodeObject(v, what, now))

function checkId(id: unknown) {
  if (typeof id !== 'string' && typeof id !== 'number') throw invalidParam('_id must be a string or a number')
}

/** The document id of a DOC request (transactions only support these). */
function docIdOf(body: any, filter: Doc): any {
  if (body.queryType !== 'DOC' || !('_id' in filter)) throw invalidParam('transactional operations must address one document by _id')
  checkId(filter._id)
  return filter._id
}

const duplicateId = (c: string, id: any) =>
  new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${c} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`)

function orderOf(body: any, now: number): Doc | undefined {
  if (body.order === undefined || body.order === null || body.order === '') return undefined
  const o = decode(body.order, 'order', now)
  if (Array.isArray(o)) {
    const spec: Doc = {}
    for (const e of o) spec[e.field] = e.direction === 'desc' || e.direction === -1 ? -1 : 1
    return spec
  }
  if (!isPlainObject(o)) throw invalidParam('order must be an object')
  for (const k of Object.keys(o)) o[k] = Number(o[k]) < 0 ? -1 : 1
  return o
}

function limitOf(body: any): number {
  const n = Number(body.limit)
  if (body.limit === undefined || body.limit === null || !Number.isFinite(n) || n <= 0) return DEFAULT_LIMIT
  return Math.min(Math.floor(n), MAX_LIMIT)
}

const insertDocument: Handler = (body, { store, txns, now }) => {
  const c = collectionName(body)
  if (!Array.isArray(body.data) || !body.data.length) throw invalidParam('data must be a non-empty array of EJSON strings')
  const docs = body.data.map((s: unknown) => {
    const { _id, ...rest } = decodeObject(s, 'data', now)
    if (_id !== undefined) checkId(_id)
    return { _id: _id ?? newId(), ...rest }
  })
  if (body.transactionId) {
    const t = txns.get(body.transactionId)
    for (const d of docs) {
      if (txns.read(t, c, d._id)) throw duplicateId(c, d._id)
      txns.write(t, c, d._id, d)
    }
  } else {
    const coll = store.collection(c)
    const seen = new Set<string>()
    for (const d of docs) {
      const key = valueKey(d._id)
      if (coll.docs.has(key) || seen.has(key)) throw duplicateId(c, d._id)
      seen.add(key)
    }
    store.commit(docs.map((doc: Doc): Op => ({ t: 'put', c, doc })))
  }
  return { data: { insertedIds: docs.map((d: Doc) => d._id) } }
}

const getDocument: Handler = (body, { store, txns, now, env }) => {
  const c = collectionName(body)
  const filter = filterOf(body, now)
  const projection = optionalObject(body.projection, 'projection', now)
  let docs: Doc[]
  if (body.transactionId) {
    const t = txns.get(body.transactionId)
    const doc = txns.read(t, c, docIdOf(body, filter))
    env.work.examined += doc ? 1 : 0
    docs = doc && compileFilter(filter).test(doc) ? [project(doc, projection)] : []
  } else {
    const coll = store.collection(c)
    const isDoc = body.queryType === 'DOC'
    const order = isDoc ? undefined : orderOf(body, now)
    const offset = isDoc ? 0 : Math.max(0, Math.floor(Number(body.offset) || 0))
    docs = findDocs(coll, filter, { order, offset, limit: isDoc ? 1 : limitOf(body), projection }, env)
  }
  env.work.returned += docs.length
  return { data: { list: docs.map(encodeDoc) } }
}

const calculateDocument: Handler = (body, { store, now, env }) => {
  const coll = store.collection(collectionName(body))
  return { data: { total: countDocs(coll, filterOf(body, now), env) } }
}

const modifyDocument: Handler = (body, { store, txns, now, env }) => {
  const c = collectionName(body)
  const filter = filterOf(body, now)
  const data = decodeObject(body.data, 'data', now)
  const merge = body.merge !== false
  const modifier = merge ? toModifier(data) : null
  const change = (doc: Doc) => (modifier ? applyModifier(doc, modifier) : replaceDoc(doc, data))
  const create = (): Doc => {
    const id = '_id' in filter && !isPlainObject(filter._id) ? filter._id : newId()
    return modifier ? applyModifier({ _id: id, ...upsertSeed(filter) }, modifier).doc : replaceDoc({ _id: id }, data).doc
  }
  let updated = 0
  let upsertId: any
  if (body.transactionId) {
    const t = txns.get(body.transactionId)
    const id = docIdOf(body, filter)
    const doc = txns.read(t, c, id)
    env.work.examined += doc ? 1 : 0
    if (doc && compileFilter(filter).test(doc)) {
      const r = change(doc)
      if (r.modified) { txns.write(t, c, id, r.doc); updated = 1 }
    } else if (!doc && body.upsert) {
      const d = create()
      txns.write(t, c, id, d)
      upsertId = d._id
    }
  } else {
    const coll = store.collection(c)
    const multi = body.queryType !== 'DOC' && body.multi !== false
    const matched = matchDocs(coll, filter, env, multi ? Infinity : 1)
    const ops: Op[] = []
    for (const doc of matched) {
      const r = change(doc)
      if (r.modified) ops.push({ t: 'put', c, doc: r.doc })
    }
    if (!matched.length && body.upsert) {
      const d = create()
      ops.push({ t: 'put', c, doc: d })
      upsertId = d._id
    }
    store.commit(ops)
    updated = upsertId === undefined ? ops.length : 0
  }
  return { data: upsertId === undefined ? { updated } : { updated, upsert_id: upsertId } }
}

const removeDocument: Handler = (body, { store, txns, now, env }) => {
  const c = collectionName(body)
  const filter = filterOf(body, now)
  let deleted = 0
  if (body.transactionId) {
    const t = txns.get(body.transactionId)
    const id = docIdOf(body, filter)
    const doc = txns.read(t, c, id)
    env.work.examined += doc ? 1 : 0
    if (doc && compileFilter(filter).test(doc)) { txns.write(t, c, id, null); deleted = 1 }
  } else {
    const coll = store.collection(c)
    const multi = body.queryType !== 'DOC' && body.multi !== false
    const matched = matchDocs(coll, filter, env, multi ? Infinity : 1)
    store.commit(matched.map((d): Op => ({ t: 'del', c, id: d._id })))
    deleted = matched.length
  }
  return { data: { deleted } }
}

const aggregateDocuments: Handler = (body, { store, now, env }) => {
  const coll = store.collection(collectionName(body))
  if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array')
  const pipeline = body.stages.map((s: any) => {
    if (typeof s?.stageKey !== 'string' || !s.stageKey.startsWith('$')) throw invalidParam('each stage needs a stageKey like "$match"')
    return { [s.stageKey]: decode(s.stageValue, s.stageKey, now) }
  })
  const list = aggregate(store, coll, pipeline, env)
  env.work.returned += list.length
  return { data: { list: list.map(encodeDoc) } }
}

const addCollection: Handler = (body, { store }) => {
  const c = collectionName(body)
  if (store.collections.has(c)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${c} already exists`)
  store.commit([{ t: 'create', c }])
  return {}
}

export const handlers: Record<string, Handler> = {
  'database.insertDocument': insertDocument,
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.modifyDocument': modifyDocument,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  'database.startTransaction': (_b, { txns }) => ({ transactionId: txns.start() }),
  'database.commitTransaction': (b, { txns }) => { txns.commit(b?.transactionId); return {} },
  'database.abortTransaction': (b, { txns }) => { txns.abort(b?.transactionId); return {} },
}
