// Conformance: transactions (runTransaction, startTransaction) with the cloud's snapshot isolation:
// snapshot at the first operation, write conflicts refused at once, finished transactions refused.
import { CONFLICT_MESSAGE, NOT_EXIST_MESSAGE } from '../../emulator/database/transactions'
import { caught, useDatabase } from './support/dbTestSetup'

const t = useDatabase()
const todos = () => t.db.collection('todos')
const read = async (id: string) => (await todos().doc(id).get()).data
const exists = async (id: string) => (await todos().where({ _id: id }).count()).total === 1
/** What wx-server-sdk makes of a transactional write refused for a conflict (no .code: it keeps only errCode/errMsg). */
const expectConflict = (e: any) => {
  expect(e.errCode).toBe(-501001)
  expect(e.errMsg).toContain(CONFLICT_MESSAGE)
}

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

test('a write to a document another open transaction wrote fails at once with DATABASE_TRANSACTION_CONFLICT', async () => {
  const tx1 = await t.db.startTransaction()
  const tx2 = await t.db.startTransaction()
  await tx1.collection('todos').doc('a').update({ data: { n: 1000 } })
  expectConflict(await caught(tx2.collection('todos').doc('a').update({ data: { n: 2000 } })))
  await tx1.commit()
  expect((await read('a')).n).toBe(1000)
})

test('the conflict reply is { code: DATABASE_TRANSACTION_CONFLICT, message } in the cloud\'s words', async () => {
  const tx1 = await t.db.startTransaction()
  const { transactionId } = await t.server.service.handle('database.startTransaction', {}, {})
  await tx1.collection('todos').doc('b').remove()
  const reply = await t.server.service.handle('database.modifyDocument', {
    collectionName: 'todos', transactionId, queryType: 'DOC', query: '{"_id":"b"}', data: '{"$set":{"n":1}}', merge: true, multi: false, upsert: false,
  }, {})
  expect(reply).toEqual({ code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT_MESSAGE, requestId: expect.any(String) })
  await tx1.rollback()
})

test('a conflict aborts the losing transaction: its earlier writes are gone and its id is refused', async () => {
  const tx1 = await t.db.startTransaction()
  const tx2 = await t.db.startTransaction()
  await tx2.collection('todos').doc('b').update({ data: { n: 20 } })
  await tx1.collection('todos').doc('a').update({ data: { n: 3 } })
  expectConflict(await caught(tx2.collection('todos').doc('a').remove()))
  const after = await caught(tx2.commit())
  expect(after).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST_MESSAGE })
  await tx1.commit()
  expect([(await read('a')).n, (await read('b')).n]).toEqual([3, 10])
})

test('inserting an _id another open transaction inserted is a conflict too', async () => {
  const tx1 = await t.db.startTransaction()
  const tx2 = await t.db.startTransaction()
  await tx1.collection('todos').add({ data: { _id: 'same' } })
  expectConflict(await caught(tx2.collection('todos').add({ data: { _id: 'same' } })))
  await tx1.commit()
  expect(await exists('same')).toBe(true)
})

test('a write to a document committed by others since the snapshot fails at once, though reads still see the snapshot', async () => {
  const tx = await t.db.startTransaction()
  expect((await tx.collection('todos').doc('a').get()).data.n).toBe(1)
  await todos().doc('a').set({ data: { n: 7 } })
  await todos().doc('b').set({ data: { n: 70 } })
  expect((await tx.collection('todos').doc('a').get()).data.n).toBe(1)
  expect((await tx.collection('todos').doc('b').get()).data.n).toBe(10)
  expectConflict(await caught(tx.collection('todos').doc('a').update({ data: { n: 2 } })))
  expect((await read('a')).n).toBe(7)
})

test('the snapshot is taken at the first operation, not at startTransaction', async () => {
  const tx = await t.db.startTransaction()
  await todos().doc('b').update({ data: { n: 11 } })
  await todos().add({ data: { _id: 'early' } })
  expect((await tx.collection('todos').doc('b').get()).data.n).toBe(11)
  await todos().add({ data: { _id: 'late' } })
  await todos().doc('b').update({ data: { n: 12 } })
  expect((await tx.collection('todos').doc('early').get()).data).toEqual({ _id: 'early' })
  expect(await caught(tx.collection('todos').doc('late').get())).toMatchObject({ errMsg: expect.stringMatching(/does not exist/) })
  expect((await tx.collection('todos').doc('b').get()).data.n).toBe(11)
  await tx.commit()
})

test('a transaction that only read a document others changed still commits (snapshot isolation, no read validation)', async () => {
  const tx = await t.db.startTransaction()
  expect((await tx.collection('todos').doc('b').get()).data.n).toBe(10)
  await todos().doc('b').update({ data: { n: 11 } })
  await tx.collection('todos').doc('a').update({ data: { n: 2 } })
  await tx.commit()
  expect([(await read('a')).n, (await read('b')).n]).toEqual([2, 11])
})

test('queries inside a transaction see its snapshot and its own writes, with order and limit', async () => {
  const tx = await t.db.startTransaction()
  const c = tx.collection('todos')
  await c.add({ data: [{ _id: 'x1', n: 5 }, { _id: 'x2', n: 6 }] })
  await c.doc('b').remove()
  await c.doc('a').update({ data: { n: 4 } })
  await todos().add({ data: { _id: 'outside', n: 8 } })
  const { data } = await c.where({ n: t._.gt(0) }).orderBy('n', 'desc').limit(3).get()
  expect(data.map((d: any) => [d._id, d.n])).toEqual([['x2', 6], ['x1', 5], ['a', 4]])
  expect((await todos().where({ n: t._.gt(0) }).count()).total).toBe(3)
  await tx.commit()
  expect((await todos().where({ n: t._.gt(0) }).count()).total).toBe(4)
})

test('operations on a committed or rolled-back transaction are refused with DATABASE_TRANSACTION_FAIL', async () => {
  const committed = await t.db.startTransaction()
  await committed.commit()
  const e = await caught(committed.collection('todos').doc('a').set({ data: { n: 5 } }))
  expect(e.errMsg).toContain(NOT_EXIST_MESSAGE)
  expect(await caught(committed.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST_MESSAGE })
  const rolledBack = await t.db.startTransaction()
  await rolledBack.rollback()
  expect(await caught(rolledBack.collection('todos').doc('a').get())).toMatchObject({ errMsg: expect.stringContaining(NOT_EXIST_MESSAGE) })
  expect((await read('a')).n).toBe(1)
})

test('a plain write to a document a transaction wrote goes first, and the transaction then fails at commit', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('todos').doc('a').update({ data: { n: 5 } })
  await todos().doc('a').update({ data: { n: 7 } })
  expect(await caught(tx.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT', message: CONFLICT_MESSAGE })
  expect((await read('a')).n).toBe(7)
})

test('a conflict inside runTransaction is not retried through wx-server-sdk: the error reaches the caller', async () => {
  const blocker = await t.db.startTransaction()
  await blocker.collection('todos').doc('a').update({ data: { n: 9 } })
  let attempts = 0
  const e = await caught(t.db.runTransaction(async (tx: any) => {
    attempts++
    await tx.collection('todos').doc('a').update({ data: { n: 8 } })
  }))
  expectConflict(e)
  expect(attempts).toBe(1)
  await blocker.commit()
  expect((await read('a')).n).toBe(9)
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

test('a transaction not committed within 30 s of its start is aborted', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('todos').doc('a').update({ data: { n: 42 } })
  t.advanceClock(20_000)
  await tx.collection('todos').doc('b').update({ data: { n: 43 } })
  t.advanceClock(11_000)
  expect(await caught(tx.commit())).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: NOT_EXIST_MESSAGE })
  expect((await read('a')).n).toBe(1)
  expect(t.logs.join('\n')).toMatch(/not finished within 30s/)
})

test('adding an existing _id inside a transaction fails', async () => {
  const tx = await t.db.startTransaction()
  const e = await caught(tx.collection('todos').add({ data: { _id: 'a' } }))
  expect(String(e.errMsg ?? e.message)).toMatch(/E11000/)
  await tx.rollback()
})
