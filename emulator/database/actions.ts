// One handler per wire action (§4 of the protocol notes). Each returns the reply object the SDK expects.
// A request with a transactionId runs in that transaction's scope (scope.ts), any other in the committed one.
import { DbError, Doc, decode, decodeObject, encodeDoc, invalidParam, isPlainObject, newId, valueKey } from './codec'
import { QueryEnv, aggregate, applyModifier, countDocs, replaceDoc, toModifier, upsertSeed } from './query'
import { Scope, checkId, checkStorable, committedScope, transactionScope } from './scope'
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

const filterOf = (body: any, now: number): Doc => (body.query === undefined || body.query === null || body.query === '' ? {} : decodeObject(body.query, 'query', now))
const optionalObject = (v: unknown, what: string, now: number) => (v === undefined || v === null || v === '' ? undefined : decodeObject(v, what, now))

function scopeOf(body: any, { store, txns, env }: ActionContext): Scope {
  if (!body.transactionId) return committedScope(store, env)
  return transactionScope(txns, txns.use(body.transactionId), env, store)
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

const insertDocument: Handler = (body, ctx) => {
  const c = collectionName(body)
  if (!Array.isArray(body.data) || !body.data.length) throw invalidParam('data must be a non-empty array of EJSON strings')
  const docs = body.data.map((s: unknown) => {
    const { _id, ...rest } = decodeObject(s, 'data', ctx.now)
    if (_id !== undefined) checkId(_id)
    const doc = { _id: _id ?? newId(), ...rest }
    checkStorable(doc)
    return doc
  })
  const scope = scopeOf(body, ctx)
  const seen = new Set<string>()
  for (const d of docs) {
    const key = valueKey(d._id)
    if (seen.has(key) || scope.has(c, d._id)) throw duplicateId(c, d._id)
    seen.add(key)
  }
  scope.apply(c, docs, [])
  return { data: { insertedIds: docs.map((d: Doc) => d._id) } }
}

const getDocument: Handler = (body, ctx) => {
  const c = collectionName(body)
  const filter = filterOf(body, ctx.now)
  const projection = optionalObject(body.projection, 'projection', ctx.now)
  const isDoc = body.queryType === 'DOC'
  const order = isDoc ? undefined : orderOf(body, ctx.now)
  const offset = isDoc ? 0 : Math.max(0, Math.floor(Number(body.offset) || 0))
  const docs = scopeOf(body, ctx).find(c, filter, { order, offset, limit: isDoc ? 1 : limitOf(body), projection })
  ctx.env.work.returned += docs.length
  return { data: { list: docs.map(encodeDoc) } }
}

const calculateDocument: Handler = (body, { store, now, env }) => {
  const coll = store.collection(collectionName(body))
  return { data: { total: countDocs(coll, filterOf(body, now), env) } }
}

/** The update of one document: a modifier (merge) or a replacement (set). */
function changeOf(body: any, filter: Doc, now: number) {
  const data = decodeObject(body.data, 'data', now)
  const modifier = body.merge !== false ? toModifier(data) : null
  const positional = !!modifier && Object.values(modifier).some(fields => Object.keys(fields).some(k => /\.\$(\.|$)/.test(k)))
  return {
    modifier,
    apply(doc: Doc) {
      const r = modifier ? applyModifier(doc, modifier, positional ? filter : undefined) : replaceDoc(doc, data)
      checkStorable(r.doc)
      return r
    },
    create(): Doc {
      const id = '_id' in filter && !isPlainObject(filter._id) ? filter._id : newId()
      const doc = modifier ? applyModifier({ _id: id, ...upsertSeed(filter) }, modifier).doc : replaceDoc({ _id: id }, data).doc
      checkStorable(doc)
      return doc
    },
  }
}

const modifyDocument: Handler = (body, ctx) => {
  const c = collectionName(body)
  const filter = filterOf(body, ctx.now)
  const change = changeOf(body, filter, ctx.now)
  const scope = scopeOf(body, ctx)
  const multi = body.queryType !== 'DOC' && body.multi !== false
  const matched = scope.match(c, filter, multi ? Infinity : 1)
  const puts: Doc[] = []
  // A replacement (set) counts the document it matched, as the cloud reports it; an operator update
  // counts only documents it actually changed.
  let updated = 0
  for (const doc of matched) {
    const r = change.apply(doc)
    if (r.modified) puts.push(r.doc)
    if (r.modified || !change.modifier) updated++
  }
  let upsertId: any
  if (!matched.length && body.upsert) {
    const d = change.create()
    puts.push(d)
    upsertId = d._id
  }
  scope.apply(c, puts, [])
  return { data: upsertId === undefined ? { updated } : { updated: 0, upsert_id: upsertId } }
}

/** `updateAndReturn` (node-sdk): the first match updated, and its new version returned. */
const modifyAndReturnDoc: Handler = (body, ctx) => {
  const c = collectionName(body)
  const filter = filterOf(body, ctx.now)
  const change = changeOf({ ...body, merge: true }, filter, ctx.now)
  const scope = scopeOf(body, ctx)
  const [doc] = scope.match(c, filter, 1)
  if (!doc) return { data: { updated: 0, doc: null } }
  const r = change.apply(doc)
  if (r.modified) scope.apply(c, [r.doc], [])
  ctx.env.work.returned += 1
  return { data: { updated: 1, doc: encodeDoc(r.doc) } }
}

const removeDocument: Handler = (body, ctx) => {
  const c = collectionName(body)
  const filter = filterOf(body, ctx.now)
  const scope = scopeOf(body, ctx)
  const multi = body.queryType !== 'DOC' && body.multi !== false
  const matched = scope.match(c, filter, multi ? Infinity : 1)
  scope.apply(c, [], matched.map(d => d._id))
  return { data: { deleted: matched.length } }
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
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  'database.startTransaction': (_b, { txns }) => ({ transactionId: txns.start() }),
  'database.commitTransaction': (b, { txns }) => { txns.commit(b?.transactionId); return {} },
  'database.abortTransaction': (b, { txns }) => { txns.abort(b?.transactionId); return {} },
}
