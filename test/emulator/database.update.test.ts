// Conformance: update operators, set/upsert and remove through the real wx-server-sdk.
import { useDatabase } from './support/dbTestSetup'

const t = useDatabase()
const todos = () => t.db.collection('todos')
const read = async (id: string) => (await todos().doc(id).get()).data

beforeEach(async () => {
  await t.db.createCollection('todos')
  await todos().add({ data: { _id: 'x', n: 5, m: 2, lo: 10, hi: 10, old: 'v', gone: 1, arr: [3, 1, 2], tags: ['a'], items: [{ k: 1 }, { k: 5 }], o: { p: 1, q: { r: 1 } } } })
})

test('field operators set, remove, inc, mul, min, max, rename', async () => {
  const _ = t._
  const r = await todos().doc('x').update({ data: { s: 'new', gone: _.remove(), n: _.inc(2), m: _.mul(3), lo: _.min(4), hi: _.max(20), old: _.rename('renamed') } })
  expect(r.stats.updated).toBe(1)
  const d = await read('x')
  expect(d).toMatchObject({ s: 'new', n: 7, m: 6, lo: 4, hi: 20, renamed: 'v' })
  expect(d).not.toHaveProperty('gone')
  expect(d).not.toHaveProperty('old')
})

test('nested plain objects update dot paths and keep sibling fields; _.set replaces the whole object', async () => {
  const _ = t._
  await todos().doc('x').update({ data: { o: { q: { r: _.inc(2), s: 1 } } } })
  expect((await read('x')).o).toEqual({ p: 1, q: { r: 3, s: 1 } })
  await todos().doc('x').update({ data: { 'o.p': 9 } })
  expect((await read('x')).o.p).toBe(9)
  await todos().doc('x').update({ data: { o: _.set({ only: true }) } })
  expect((await read('x')).o).toEqual({ only: true })
})

test('push with each, position, slice and sort; unshift; pop and shift', async () => {
  const _ = t._
  await todos().doc('x').update({ data: { tags: _.push(['b', 'c']) } })
  expect((await read('x')).tags).toEqual(['a', 'b', 'c'])
  await todos().doc('x').update({ data: { tags: _.push({ each: ['z'], position: 1 }) } })
  expect((await read('x')).tags).toEqual(['a', 'z', 'b', 'c'])
  await todos().doc('x').update({ data: { arr: _.push({ each: [0, 9], sort: 1, slice: 4 }) } })
  expect((await read('x')).arr).toEqual([0, 1, 2, 3])
  await todos().doc('x').update({ data: { arr: _.unshift([-1]) } })
  expect((await read('x')).arr).toEqual([-1, 0, 1, 2, 3])
  await todos().doc('x').update({ data: { arr: _.pop() } })
  await todos().doc('x').update({ data: { tags: _.shift() } })
  const d = await read('x')
  expect(d.arr).toEqual([-1, 0, 1, 2])
  expect(d.tags).toEqual(['z', 'b', 'c'])
})

test('pull by value and by query, pullAll, addToSet with and without $each', async () => {
  const _ = t._
  await todos().doc('x').update({ data: { arr: _.pull(1), items: _.pull({ k: _.gt(2) }) } })
  let d = await read('x')
  expect(d.arr).toEqual([3, 2])
  expect(d.items).toEqual([{ k: 1 }])
  await todos().doc('x').update({ data: { arr: _.pullAll([3, 2]) } })
  await todos().doc('x').update({ data: { tags: _.addToSet('a') } })
  await todos().doc('x').update({ data: { tags: _.addToSet({ $each: ['a', 'b', 'b'] }) } })
  await todos().doc('x').update({ data: { arr: _.pull(_.in([7])) } })
  d = await read('x')
  expect(d.arr).toEqual([])
  expect(d.tags).toEqual(['a', 'b'])
})

test('where().update updates every match and reports the count; an unchanged document is not counted', async () => {
  await todos().add({ data: [{ _id: 'y', n: 5 }, { _id: 'z', n: 6 }] })
  const r = await todos().where({ n: 5 }).update({ data: { flag: true } })
  expect(r.stats.updated).toBe(2)
  expect((await todos().where({ flag: true }).count()).total).toBe(2)
  expect((await todos().where({ n: 5 }).update({ data: { flag: true } })).stats.updated).toBe(0)
  expect((await todos().doc('missing').update({ data: { flag: true } })).stats.updated).toBe(0)
})

test('conditional update on _id + version updates once (optimistic concurrency)', async () => {
  const _ = t._
  await todos().doc('x').update({ data: { version: 1 } })
  const first = await todos().where({ _id: 'x', version: 1 }).update({ data: { version: _.inc(1), timeline: _.push([{ ev: 'a' }]) } })
  const second = await todos().where({ _id: 'x', version: 1 }).update({ data: { version: _.inc(1), timeline: _.push([{ ev: 'b' }]) } })
  expect([first.stats.updated, second.stats.updated]).toEqual([1, 0])
  expect((await read('x')).timeline).toEqual([{ ev: 'a' }])
})

test('set replaces an existing document and upserts a missing one', async () => {
  const replaced = await todos().doc('x').set({ data: { only: 1 } })
  expect(replaced.stats).toEqual({ updated: 1, created: 0 })
  expect(await read('x')).toEqual({ _id: 'x', only: 1 })
  const created = await todos().doc('new').set({ data: { fresh: t.db.serverDate() } })
  expect(created._id).toBe('new')
  expect(created.stats).toEqual({ updated: 0, created: 1 })
  expect((await read('new')).fresh).toBeInstanceOf(Date)
})

test('remove by id and remove where with multi', async () => {
  await todos().add({ data: [{ _id: 'r1', k: 1 }, { _id: 'r2', k: 1 }, { _id: 'r3', k: 2 }] })
  expect((await todos().doc('x').remove()).stats.removed).toBe(1)
  expect((await todos().doc('x').remove()).stats.removed).toBe(0)
  expect((await todos().where({ k: 1 }).remove()).stats.removed).toBe(2)
  expect((await todos().count()).total).toBe(1)
})
