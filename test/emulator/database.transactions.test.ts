// Conformance: transactions (runTransaction, startTransaction) with isolation and first-committer-wins.
import { caught, useDatabase } from './support/dbTestSetup'

const t = useDatabase()
const todos = () => t.db.collection('todos')
const read = async (id: string) => (await todos().doc(id).get()).data
const exists = async (id: string) => (await todos().where({ _id: id }).count()).total === 1

beforeEach(async () => {
  await t.db.createCollection('todos')
  await todos().add({ data: [{ _id: 'a', n: 1 }, { _id: 'b', n: 10 }, { _id: 'gone', n: 0 }] })
})

test('runTransaction applies add, update, set and remove together and resolves with the callback value', async () => {
  const result = await t.db.runTransaction(async (tx: any) => {
    const c = tx.collection('todos')
    const a = await c.doc('a').get()
    await c.doc('a').update({ data: { n: a.data.n + 1 } })
    await c.doc('b').set({ data: { replaced: true } })
    await c.doc('gone').remove()
    const added = await c.add({ data: { _id: 'new', fromTx: true } })
    return { added: added._id ?? added.id, sawN: a.data.n }
  })
  expect(result).toEqual({ added: 'new', sawN: 1 })
  expect((await read('a')).n).toBe(2)
  expect(await read('b')).toEqual({ _id: 'b', replaced: true })
  expect(await exists('gone')).toBe(false)
  expect(await read('new')).toEqual({ _id: 'new', fromTx: true })
})

test('a transaction reads its own writes while others do not see them before commit', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('todos').doc('a').update({ data: { n: 100 } })
  await tx.collection('todos').add({ data: { _id: 'pending' } })
  expect((await tx.collection('todos').doc('a').get()).data.n).toBe(100)
  expect((await read('a')).n).toBe(1)
  expect(await exists('pending')).toBe(false)
  await tx.commit()
  expect((await read('a')).n).toBe(100)
  expect(await exists('pending')).toBe(true)
})

test('rollback leaves nothing behind', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('todos').doc('a').update({ data: { n: 99 } })
  await tx.collection('todos').doc('b').remove()
  await tx.collection('todos').add({ data: { _id: 'ghost' } })
  await tx.rollback()
  expect((await read('a')).n).toBe(1)
  expect(await exists('b')).toBe(true)
  expect(await exists('ghost')).toBe(false)
})

test('a runTransaction callback that throws is aborted and applies nothing', async () => {
  const err = await caught(t.db.runTransaction(async (tx: any) => {
    await tx.collection('todos').doc('a').update({ data: { n: 50 } })
    throw new Error('changed my mind')
  }))
  expect(err.message).toBe('changed my mind')
  expect((await read('a')).n).toBe(1)
})

test('two transactions writing one document: the first commit wins, the second fails and none of its writes land', async () => {
  const tx1 = await t.db.startTransaction()
  const tx2 = await t.db.startTransaction()
  await tx1.collection('todos').doc('a').update({ data: { n: 1000 } })
  await tx2.collection('todos').doc('a').update({ data: { n: 2000 } })
  await tx2.collection('todos').doc('b').update({ data: { n: 2000 } })
  await tx2.collection('todos').add({ data: { _id: 'from-tx2' } })
  await tx1.commit()
  const e = await caught(tx2.commit())
  expect(e.code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect((await read('a')).n).toBe(1000)
  expect((await read('b')).n).toBe(10)
  expect(await exists('from-tx2')).toBe(false)
})

test('a plain write to a document a transaction wrote makes that transaction fail at commit', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('todos').doc('a').update({ data: { n: 5 } })
  await todos().doc('a').update({ data: { n: 7 } })
  expect((await caught(tx.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect((await read('a')).n).toBe(7)
})

test('reads see the snapshot taken at start; a read document changed by others makes the commit fail', async () => {
  const tx = await t.db.startTransaction()
  await todos().doc('b').update({ data: { n: 11 } })
  await todos().add({ data: { _id: 'late' } })
  expect((await tx.collection('todos').doc('b').get()).data.n).toBe(10)
  const late = await tx.collection('todos').doc('late').get().then((r: any) => r.data, () => null)
  expect(late).toBeNull()
  await tx.collection('todos').doc('a').update({ data: { n: 2 } })
  expect((await caught(tx.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT')
  expect((await read('a')).n).toBe(1)
})

test('transactions touching different documents both commit', async () => {
  const tx1 = await t.db.startTransaction()
  const tx2 = await t.db.startTransaction()
  await tx1.collection('todos').doc('a').update({ data: { n: 3 } })
  await tx2.collection('todos').doc('b').update({ data: { n: 30 } })
  await tx2.commit()
  await tx1.commit()
  expect([(await read('a')).n, (await read('b')).n]).toEqual([3, 30])
})

test('a transaction idle for more than 30 s is aborted', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('todos').doc('a').update({ data: { n: 42 } })
  t.advanceClock(31_000)
  const e = await caught(tx.commit())
  expect(e.code).toBe('DATABASE_TRANSACTION_FAIL')
  expect((await read('a')).n).toBe(1)
  expect(t.logs.join('\n')).toMatch(/idle/)
})

test('adding an existing _id inside a transaction fails', async () => {
  const tx = await t.db.startTransaction()
  const e = await caught(tx.collection('todos').add({ data: { _id: 'a' } }))
  expect(String(e.errMsg ?? e.message)).toMatch(/E11000/)
  await tx.rollback()
})
