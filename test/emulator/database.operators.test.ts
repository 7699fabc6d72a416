// Conformance: query operators where mingo alone differs from the cloud — arrays of embedded
// documents, $jsonSchema, string expressions.
import { caught, useDatabase } from './support/dbTestSetup'

const t = useDatabase()
const todos = () => t.db.collection('todos')
const ids = (r: { data: any[] }) => r.data.map(d => d._id).sort()

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
