// Conformance: query and update operators where mingo alone differs from the cloud — arrays of embedded
// documents, positional updates, $jsonSchema, ObjectIds, `$` field names, set counts, updateAndReturn.
// ObjectIds and updateAndReturn exist only in @cloudbase/node-sdk (the SDK under wx-server-sdk), used here as is.
import { ObjectId } from 'bson'
import { caught, useDatabase } from './support/dbTestSetup'

const t = useDatabase()
const todos = () => t.db.collection('todos')
const ids = (r: { data: any[] }) => r.data.map(d => d._id).sort()
/** The node-sdk database, pointed at the same local cloud through the env the harness set. */
const nodeDb = () => require('@cloudbase/node-sdk').init({ env: 'local-env' }).database()

beforeEach(async () => {
  await t.db.createCollection('todos')
  await todos().add({ data: [
    { _id: 'numbers', tags: [1, 2, 3, 7] },
    { _id: 'embedded', tags: [{ value: 1 }, { value: 7 }] },
    { _id: 'words', tags: ['Go', 'C#'] },
    { _id: 'orders', items: [{ sku: 'a', qty: 1, lots: [{ n: 1 }] }, { sku: 'b', qty: 5, lots: [{ n: 2 }, { n: 3 }] }] },
  ] })
})

describe('arrays of embedded documents', () => {
  test('elemMatch with field criteria matches embedded documents only, never scalar elements', async () => {
    expect(ids(await todos().where({ tags: t._.elemMatch({ value: t._.gt(0) }) }).get())).toEqual(['embedded'])
    expect(ids(await todos().where({ tags: t._.elemMatch({ value: t._.exists(true) }) }).get())).toEqual(['embedded'])
    expect(ids(await todos().where({ tags: t._.elemMatch({ value: t._.mod([4, 3]) }) }).get())).toEqual(['embedded'])
  })

  test('elemMatch with operator criteria applies to every element', async () => {
    expect(ids(await todos().where({ tags: t._.elemMatch(t._.gt(2)) }).get())).toEqual(['numbers'])
    expect(ids(await todos().where({ tags: t._.elemMatch(t._.eq('Go')) }).get())).toEqual(['words'])
  })

  test('elemMatch needs one element to meet every condition; dotted paths may use different elements', async () => {
    expect(ids(await todos().where({ items: t._.elemMatch({ sku: 'a', qty: t._.gt(2) }) }).get())).toEqual([])
    expect(ids(await todos().where({ 'items.sku': 'a', 'items.qty': t._.gt(2) }).get())).toEqual(['orders'])
  })

  test('dotted paths reach through nested arrays and by index', async () => {
    expect(ids(await todos().where({ 'items.lots.n': 3 }).get())).toEqual(['orders'])
    expect(ids(await todos().where({ 'items.1.sku': 'b' }).get())).toEqual(['orders'])
    expect(ids(await todos().where({ 'items.0.sku': 'b' }).get())).toEqual([])
  })

  test('a positional update changes the first element the query matched', async () => {
    await todos().where({ 'items.sku': 'b' }).update({ data: { 'items.$.qty': 6 } })
    await todos().where({ tags: 'C#' }).update({ data: { 'tags.$': 'C' } })
    const orders = (await todos().doc('orders').get()).data
    expect(orders.items.map((i: any) => i.qty)).toEqual([1, 6])
    expect((await todos().doc('words').get()).data.tags).toEqual(['Go', 'C'])
  })
})

describe('$jsonSchema', () => {
  test('matches documents against a schema with bsonType, required and nested properties', async () => {
    const schema = (s: object) => todos().where(t._.jsonSchema(s)).get().then(ids)
    expect(await schema({ required: ['items'] })).toEqual(['orders'])
    expect(await schema({ properties: { tags: { bsonType: 'array', items: { bsonType: 'int' } } }, required: ['tags'] })).toEqual(['numbers'])
    expect(await schema({ properties: { items: { items: { properties: { qty: { minimum: 2 } } } } }, required: ['items'] })).toEqual([])
    expect(ids(await todos().where(t._.nor([t._.jsonSchema({ required: ['tags'] })])).get())).toEqual(['orders'])
  })

  test('an unsupported keyword is refused', async () => {
    const e = await caught(todos().where(t._.jsonSchema({ properties: { x: { format: 'email' } } })).get())
    expect(e.errMsg).toMatch(/keyword 'format' is not currently supported/)
  })
})

describe('documents', () => {
  test('ObjectId _ids and fields are stored, matched and joined, and come back as hex strings', async () => {
    const db = nodeDb()
    const [a, b] = [new ObjectId().toHexString(), new ObjectId().toHexString()]
    await db.createCollection('inviters')
    expect((await db.collection('todos').add({ _id: db.ObjectId({ id: a }), inviter: db.ObjectId({ id: b }) })).id).toBe(a)
    await db.collection('inviters').add({ _id: db.ObjectId({ id: b }), name: 'inviter' })
    const found = await db.collection('todos').where({ inviter: db.ObjectId({ id: b }) }).get()
    expect(found.data).toEqual([{ _id: a, inviter: b }])
    expect((await db.collection('todos').where({ inviter: b }).get()).data).toEqual([])
    const joined = await db.collection('todos').aggregate().match({ _id: db.ObjectId({ id: a }) })
      .lookup({ from: 'inviters', localField: 'inviter', foreignField: '_id', as: 'who' }).end()
    expect(joined.data[0].who).toEqual([{ _id: b, name: 'inviter' }])
  })

  test('field names starting with $ are refused on add, set and update', async () => {
    const db = nodeDb()
    expect(await caught(db.collection('todos').add({ $_key: 1 }))).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    expect((await caught(todos().doc('n').set({ data: { nested: { $bad: 1 } } }))).errMsg).toMatch(/\$ prefixed field names: \$bad/)
    expect((await caught(todos().doc('numbers').update({ data: { o: t._.set({ $bad: 1 }) } }))).errCode).toBe(-502001)
  })

  test('set reports the document it replaced even when nothing changed; update counts only changes', async () => {
    await todos().doc('same').set({ data: { v: 1 } })
    expect((await todos().doc('same').set({ data: { v: 1 } })).stats).toEqual({ updated: 1, created: 0 })
    expect((await todos().doc('same').update({ data: { v: 1 } })).stats).toEqual({ updated: 0 })
  })

  test('updateAndReturn updates the first match and returns its new version; no match returns null', async () => {
    const c = nodeDb().collection('todos')
    const r = await c.where({ 'items.sku': 'a' }).updateAndReturn({ note: 'seen' })
    expect(r.updated).toBe(1)
    expect(r.doc).toMatchObject({ _id: 'orders', note: 'seen' })
    expect((await c.where({ _id: 'orders' }).updateAndReturn({ note: 'seen' })).updated).toBe(1)
    expect(await c.where({ _id: 'none' }).updateAndReturn({ note: 'x' })).toMatchObject({ updated: 0, doc: null })
  })
})

describe('string expressions', () => {
  test('$indexOfCP counts code points, $indexOfBytes UTF-8 bytes, and a negative $substr count takes the rest', async () => {
    await todos().add({ data: { _id: 's', s: '企业周走访 visit', d: '2026/11/18' } })
    const $ = t._.aggregate
    const { list } = await todos().aggregate().match({ _id: 's' })
      .project({ _id: 0, at: $.indexOfCP(['$s', 'visit']), bytes: $.indexOfBytes(['$s', 'visit']), day: $.substr(['$d', 8, -1]), rest: $.substrBytes(['$d', 5, -1]) })
      .end()
    expect(list).toEqual([{ at: 6, bytes: 16, day: '18', rest: '11/18' }])
  })
})
