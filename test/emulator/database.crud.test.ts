// Conformance: the real wx-server-sdk against DatabaseService — documents, queries, limits, errors.
import { caught, useDatabase } from './support/dbTestSetup'

const t = useDatabase()
const todos = () => t.db.collection('todos')

beforeEach(async () => {
  await t.db.createCollection('todos')
})

describe('adding and reading documents', () => {
  test('add without _id gets a 32-hex id and the document reads back with its types', async () => {
    const due = new Date('2024-01-02T03:04:05.000Z')
    const res = await todos().add({ data: { title: 'x', n: 1, f: 1.5, big: 2 ** 40, due, tags: ['a'], o: { p: { q: null } }, ok: true } })
    expect(res._id).toMatch(/^[0-9a-f]{32}$/)
    const { data } = await todos().doc(res._id).get()
    expect(data).toEqual({ _id: res._id, title: 'x', n: 1, f: 1.5, big: 2 ** 40, due, tags: ['a'], o: { p: { q: null } }, ok: true })
    expect(data.due).toBeInstanceOf(Date)
  })

  test('add keeps a caller-chosen _id, and an array add returns every id', async () => {
    expect((await todos().add({ data: { _id: 'mine', a: 1 } }))._id).toBe('mine')
    const many = await todos().add({ data: [{ _id: 'm1' }, { _id: 'm2' }, { a: 3 }] })
    expect(many._ids.slice(0, 2)).toEqual(['m1', 'm2'])
    expect((await todos().count()).total).toBe(4)
  })

  test('adding a document whose _id exists fails with a duplicate key error', async () => {
    await todos().add({ data: { _id: 'dup' } })
    const e = await caught(todos().add({ data: { _id: 'dup' } }))
    expect(e.errCode).toBe(-502001)
    expect(e.errMsg).toMatch(/E11000 duplicate key/)
  })

  test('doc().get on a missing document makes the SDK throw', async () => {
    const e = await caught(todos().doc('nope').get())
    expect(e.errMsg).toMatch(/does not exist/)
  })

  test('db.serverDate() becomes the emulator clock (plus offset) in add, update and query operands', async () => {
    t.advanceClock(10 * 24 * 3600e3)
    const now = t.now()
    const { _id } = await todos().add({ data: { at: t.db.serverDate(), later: t.db.serverDate({ offset: 60_000 }) } })
    const { data } = await todos().doc(_id).get()
    expect(data.at.getTime()).toBe(now)
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000)
    await todos().doc(_id).update({ data: { touched: t.db.serverDate() } })
    expect((await todos().doc(_id).get()).data.touched).toBeInstanceOf(Date)
    expect((await todos().where({ at: t._.lte(t.db.serverDate()) }).count()).total).toBe(1)
    expect((await todos().where({ later: t._.lte(t.db.serverDate()) }).count()).total).toBe(0)
  })
})

describe('queries', () => {
  beforeEach(async () => {
    await todos().add({ data: [
      { _id: 'a', n: 1, s: 'apple', tags: ['x', 'y'], o: { p: 1 }, items: [{ k: 1, v: 'a' }, { k: 2, v: 'b' }], maybe: null },
      { _id: 'b', n: 2, s: 'Banana', tags: ['y'], o: { p: 2 }, items: [{ k: 3, v: 'c' }] },
      { _id: 'c', n: 3, s: 'cherry', tags: [], o: { p: 3, deep: { x: 1 } }, items: [] },
      { _id: 'd', n: 4, s: 'date', tags: ['x', 'y', 'z'] },
    ] })
  })
  const ids = async (q: any) => (await todos().where(q).orderBy('_id', 'asc').get()).data.map((d: any) => d._id)

  test('comparison operators eq neq gt gte lt lte in nin', async () => {
    const _ = t._
    expect(await ids({ n: _.eq(2) })).toEqual(['b'])
    expect(await ids({ n: _.neq(2) })).toEqual(['a', 'c', 'd'])
    expect(await ids({ n: _.gt(2) })).toEqual(['c', 'd'])
    expect(await ids({ n: _.gte(2) })).toEqual(['b', 'c', 'd'])
    expect(await ids({ n: _.lt(2) })).toEqual(['a'])
    expect(await ids({ n: _.lte(2) })).toEqual(['a', 'b'])
    expect(await ids({ n: _.in([1, 4]) })).toEqual(['a', 'd'])
    expect(await ids({ n: _.nin([1, 4]) })).toEqual(['b', 'c'])
  })

  test('logical operators and or nor not, and field-level .and/.or hoisted to the top', async () => {
    const _ = t._
    expect(await ids(_.and([{ n: _.gt(1) }, { n: _.lt(4) }]))).toEqual(['b', 'c'])
    expect(await ids(_.or([{ n: 1 }, { s: 'date' }]))).toEqual(['a', 'd'])
    expect(await ids(_.nor([{ n: 1 }, { s: 'date' }]))).toEqual(['b', 'c'])
    expect(await ids({ n: _.not(_.gt(2)) })).toEqual(['a', 'b'])
    expect(await ids({ n: _.gt(1).and(_.lt(4)) })).toEqual(['b', 'c'])
    expect(await ids({ n: _.eq(1).or(_.eq(3)) })).toEqual(['a', 'c'])
  })

  test('array and field operators exists size elemMatch all mod', async () => {
    const _ = t._
    expect(await ids({ o: _.exists(false) })).toEqual(['d'])
    expect(await ids({ tags: _.size(3) })).toEqual(['d'])
    expect(await ids({ items: _.elemMatch({ k: _.gt(1), v: 'b' }) })).toEqual(['a'])
    expect(await ids({ tags: _.all(['x', 'y']) })).toEqual(['a', 'd'])
    expect(await ids({ n: _.mod(2, 0) })).toEqual(['b', 'd'])
    expect(await ids({ tags: 'x' })).toEqual(['a', 'd'])
    expect(await ids({ maybe: null })).toEqual(['a', 'b', 'c', 'd'])
  })

  test('regular expressions from db.RegExp and JS literals', async () => {
    expect(await ids({ s: t.db.RegExp({ regexp: '^b', options: 'i' }) })).toEqual(['b'])
    expect(await ids({ s: /an/ })).toEqual(['b'])
  })

  test('nested objects and dot paths', async () => {
    const _ = t._
    expect(await ids({ o: { p: 2 } })).toEqual(['b'])
    expect(await ids({ 'o.p': _.gte(2) })).toEqual(['b', 'c'])
    expect(await ids({ o: { deep: { x: _.eq(1) } } })).toEqual(['c'])
    expect(await ids({ 'items.k': 3 })).toEqual(['b'])
  })

  test('orderBy on several fields, skip, limit and field projection', async () => {
    await todos().add({ data: { _id: 'e', n: 2, s: 'elder' } })
    const page = await todos().where({ n: t._.gte(1) }).orderBy('n', 'desc').orderBy('s', 'asc').skip(1).limit(3).field({ s: true, n: true }).get()
    expect(page.data).toEqual([{ _id: 'c', n: 3, s: 'cherry' }, { _id: 'b', n: 2, s: 'Banana' }, { _id: 'e', n: 2, s: 'elder' }])
    const without = await todos().doc('a').field({ items: false, tags: false, o: false }).get()
    expect(without.data).toEqual({ _id: 'a', n: 1, s: 'apple', maybe: null })
  })

  test('projection operators $slice and $elemMatch', async () => {
    const _ = t._
    const r = await todos().where({ _id: _.in(['a', 'd']) }).orderBy('_id', 'asc')
      .field({ tags: _.project.slice(1), items: _.project.elemMatch({ k: 2 }) }).get()
    expect(r.data).toEqual([{ _id: 'a', tags: ['x'], items: [{ k: 2, v: 'b' }] }, { _id: 'd', tags: ['x'] }])
  })

  test('count honours the filter', async () => {
    expect((await todos().where({ tags: 'y' }).count()).total).toBe(3)
    expect((await todos().count()).total).toBe(4)
  })
})

describe('server limits', () => {
  beforeEach(async () => {
    const docs = Array.from({ length: 1200 }, (_v, i) => ({ i }))
    await todos().add({ data: docs })
  })

  test('a get without limit returns 100 documents', async () => {
    expect((await todos().get()).data).toHaveLength(100)
  })

  test('limit(5000) returns at most 1000 documents', async () => {
    expect((await todos().limit(5000).get()).data).toHaveLength(1000)
    expect((await todos().where({ i: t._.gte(0) }).orderBy('i', 'desc').limit(1000).get()).data[0].i).toBe(1199)
  })
})

describe('errors', () => {
  test('an unknown collection is refused with DATABASE_COLLECTION_NOT_EXIST on every operation', async () => {
    const nope = t.db.collection('nope')
    for (const p of [nope.add({ data: { a: 1 } }), nope.where({ a: 1 }).get(), nope.count(), nope.doc('x').update({ data: { a: 1 } }), nope.where({ a: 1 }).remove()]) {
      expect((await caught(p)).errCode).toBe(-502005)
    }
  })

  test('an unknown query operator is refused with DATABASE_INVALID_OPERRATOR', async () => {
    const e = await caught(todos().where({ n: { $foo: 1 } }).get())
    expect(e.errCode).toBe(-502002)
    const agg = await caught(todos().aggregate().match({ n: { $foo: 1 } }).end())
    expect(agg.code).toBe('DATABASE_INVALID_OPERRATOR')
  })

  test('createCollection on an existing collection fails', async () => {
    expect((await caught(t.db.createCollection('todos'))).errMsg).toMatch(/already exists/)
  })

  test('a unique index refuses a duplicate but ignores documents lacking the field (sparse)', async () => {
    const invites = t.db.collection('invites')
    await invites.add({ data: { name: 'A', code: 'G1' } })
    await invites.add({ data: { name: 'B' } })
    await invites.add({ data: { name: 'C' } })
    const e = await caught(invites.add({ data: { name: 'D', code: 'G1' } }))
    expect(e.errCode).toBe(-502001)
    expect(e.errMsg).toMatch(/E11000 duplicate key.*code/)
    const { _id } = await invites.add({ data: { name: 'E', code: 'G2' } })
    expect((await caught(invites.doc(_id).update({ data: { code: 'G1' } }))).errMsg).toMatch(/E11000/)
    expect((await invites.doc(_id).get()).data.code).toBe('G2')
  })

  test('malformed bodies get INVALID_PARAM and the service keeps answering', async () => {
    const post = async (body: any) => (await fetch(t.server.url, { method: 'POST', body: JSON.stringify(body) })).json()
    expect((await post({ action: 'database.getDocument', collectionName: 'todos', queryType: 'WHERE', query: '{not json' })).code).toBe('INVALID_PARAM')
    expect((await post({ action: 'database.insertDocument', collectionName: 'todos', data: 'x' })).code).toBe('INVALID_PARAM')
    expect((await post({ action: 'database.insertDocument', data: ['{}'] })).code).toBe('INVALID_PARAM')
    expect((await post({ action: 'database.modifyDocument', collectionName: 'todos', query: '{}', data: '{"$bogus":{"a":1}}' })).code).toBe('DATABASE_INVALID_OPERRATOR')
    expect((await post({ action: 'database.aggregateDocuments', collectionName: 'todos', stages: [{ stageKey: '$nope', stageValue: '{}' }] })).code).toBe('DATABASE_INVALID_OPERRATOR')
    expect((await todos().count()).total).toBe(0)
  })
})
