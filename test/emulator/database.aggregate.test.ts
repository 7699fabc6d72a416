// Conformance: aggregate() stages through the real wx-server-sdk.
import { useDatabase } from './support/dbTestSetup'

const t = useDatabase()
const orders = () => t.db.collection('orders')

beforeEach(async () => {
  await t.db.createCollection('orders')
  await t.db.createCollection('customers')
  await orders().add({ data: [
    { _id: 'o1', cust: 'c1', item: 'pen', qty: 2, price: 1.5, tags: ['red', 'blue'], at: new Date('2024-01-01T00:00:00Z') },
    { _id: 'o2', cust: 'c1', item: 'ink', qty: 1, price: 10, tags: ['blue'], at: new Date('2024-02-01T00:00:00Z') },
    { _id: 'o3', cust: 'c2', item: 'pen', qty: 5, price: 1.5, tags: [], at: new Date('2024-03-01T00:00:00Z') },
    { _id: 'o4', cust: 'c3', item: 'pad', qty: 7, price: 4, tags: ['red'], at: new Date('2024-04-01T00:00:00Z') },
  ] })
  await t.db.collection('customers').add({ data: [{ _id: 'c1', name: 'Ann' }, { _id: 'c2', name: 'Bo' }] })
})

test('match, group with accumulators, sort, skip, limit', async () => {
  const $ = t._.aggregate
  const { list } = await orders().aggregate()
    .match({ qty: t._.gte(1) })
    .group({ _id: '$cust', n: $.sum(1), qty: $.sum('$qty'), avg: $.avg('$price'), items: $.addToSet('$item') })
    .sort({ qty: -1 })
    .skip(1)
    .limit(1)
    .end()
  expect(list).toEqual([{ _id: 'c2', n: 1, qty: 5, avg: 1.5, items: ['pen'] }])
})

test('project, addFields with expressions, replaceRoot and count', async () => {
  const $ = t._.aggregate
  const projected = await orders().aggregate().match({ _id: 'o1' })
    .project({ _id: 0, item: 1, total: $.multiply(['$qty', '$price']) })
    .addFields({ big: $.gt(['$total', 2]) }).end()
  expect(projected.list).toEqual([{ item: 'pen', total: 3, big: true }])
  const root = await orders().aggregate().match({ _id: 'o2' }).replaceRoot({ newRoot: { who: '$cust' } }).end()
  expect(root.list).toEqual([{ who: 'c1' }])
  const counted = await orders().aggregate().match({ item: 'pen' }).count('pens').end()
  expect(counted.list).toEqual([{ pens: 2 }])
})

test('unwind and sortByCount', async () => {
  const unwound = await orders().aggregate().unwind('$tags').sortByCount('$tags').end()
  expect(unwound.list).toEqual(expect.arrayContaining([{ _id: 'red', count: 2 }, { _id: 'blue', count: 2 }]))
  expect(unwound.list).toHaveLength(2)
})

test('lookup joins another collection', async () => {
  const { list } = await orders().aggregate().match({ item: 'pen' })
    .lookup({ from: 'customers', localField: 'cust', foreignField: '_id', as: 'customer' })
    .project({ cust: 1, customer: 1 }).sort({ _id: 1 }).end()
  expect(list).toEqual([
    { _id: 'o1', cust: 'c1', customer: [{ _id: 'c1', name: 'Ann' }] },
    { _id: 'o3', cust: 'c2', customer: [{ _id: 'c2', name: 'Bo' }] },
  ])
})

test('bucket and bucketAuto group by ranges', async () => {
  const $ = t._.aggregate
  const b = await orders().aggregate().bucket({ groupBy: '$qty', boundaries: [0, 3, 6], default: 'more', output: { n: $.sum(1) } }).end()
  expect(b.list).toEqual([{ _id: 0, n: 2 }, { _id: 3, n: 1 }, { _id: 'more', n: 1 }])
  const auto = await orders().aggregate().bucketAuto({ groupBy: '$qty', buckets: 2 }).end()
  expect(auto.list).toHaveLength(2)
  expect(auto.list.reduce((n: number, x: any) => n + x.count, 0)).toBe(4)
})

test('sample returns the requested number of distinct documents', async () => {
  const { list } = await orders().aggregate().sample({ size: 2 }).end()
  expect(list).toHaveLength(2)
  expect(new Set(list.map((d: any) => d._id)).size).toBe(2)
})

test('dates survive the pipeline and match can use RegExp and serverDate', async () => {
  const { list } = await orders().aggregate()
    .match({ item: /^p/, at: t._.lt(t.db.serverDate()) })
    .project({ at: 1 }).sort({ at: -1 }).limit(1).end()
  expect(list).toEqual([{ _id: 'o4', at: new Date('2024-04-01T00:00:00Z') }])
})
