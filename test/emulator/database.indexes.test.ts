// Indexes: declared indexes narrow candidates, unindexed queries are reported, per-invocation stats.
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { DatabaseService } from '../../emulator/database'
import { useDatabase } from './support/dbTestSetup'

const t = useDatabase()
const issues = () => t.db.collection('issues')
const jobs = () => t.db.collection('jobs')

/** Runs `fn` with the SDK's seqIds prefixed by `prefix`, then returns what the service attributed to it. */
async function statsOf(prefix: string, fn: () => Promise<unknown>) {
  Object.assign(process.env, { TCB_CONTEXT_KEYS: 'TCB_SEQID', TCB_SEQID: prefix })
  try { await fn() } finally { delete process.env.TCB_SEQID; delete process.env.TCB_CONTEXT_KEYS }
  return t.server.service.takeStats(prefix)
}

const seed = (n: number) => Array.from({ length: n }, (_v, i) => ({
  projectId: `p${i % 10}`, state: i % 4 === 0 ? 'open' : 'closed', teamId: `t${i % 3}`, updatedAt: new Date(1e12 + i * 1000), n: i,
}))

beforeEach(async () => {
  await issues().add({ data: seed(200) })
  await jobs().add({ data: seed(200) })
})

test('a query on an indexed prefix examines only its candidates; the same query without an index scans everything', async () => {
  const indexed = await statsOf('inv-indexed', () => issues().where({ projectId: 'p4', state: 'open' }).get())
  const scanned = await statsOf('inv-scan', () => jobs().where({ projectId: 'p4', state: 'open' }).get())
  expect(indexed).toMatchObject({ roundTrips: 1, docsExamined: 10, docsReturned: 10 })
  expect(scanned).toMatchObject({ roundTrips: 1, docsExamined: 200, docsReturned: 10 })
  expect(t.server.service.takeStats('inv-indexed').roundTrips).toBe(0)
})

test('an unindexed query over 50+ documents is counted and logged once; indexed ones are not', async () => {
  await jobs().where({ state: 'open', n: t._.gt(3) }).get()
  await jobs().where({ state: 'open', n: t._.gt(3) }).count()
  await jobs().where({ state: 'open', n: t._.gt(5) }).get()
  await issues().where({ projectId: t._.in(['p1', 'p2']) }).get()
  await issues().where({ projectId: t._.gte('p8') }).count()
  await issues().where({ _id: 'nope', state: 'open' }).get()
  await issues().where(t._.and([{ teamId: 't1' }, { n: t._.lt(10) }])).update({ data: { seen: true } })
  const m = t.server.service.metrics()
  expect(m.unindexedQueries).toEqual([
    { collection: 'jobs', fields: ['n', 'state'], action: 'database.getDocument', count: 2 },
    { collection: 'jobs', fields: ['n', 'state'], action: 'database.calculateDocument', count: 1 },
  ])
  expect(t.logs.filter(l => l.includes('unindexed'))).toEqual(['[local cloud] unindexed query on jobs: fields n,state'])
})

test('an issues query whose filter misses every index is reported', async () => {
  await issues().where({ n: 5 }).remove()
  expect(t.server.service.metrics().unindexedQueries).toEqual([
    { collection: 'issues', fields: ['n'], action: 'database.removeDocument', count: 1 },
  ])
})

test('small collections are never reported', async () => {
  await t.db.collection('calendars').add({ data: seed(49) })
  await t.db.collection('calendars').where({ n: 5 }).get()
  expect(t.server.service.metrics().unindexedQueries).toEqual([])
})

test('range and $in on the first key and the first $match of an aggregation use the index', async () => {
  const _ = t._
  expect(await statsOf('inv-range', () => issues().where({ projectId: _.gte('p8') }).count())).toMatchObject({ docsExamined: 40 })
  expect(await statsOf('inv-in', () => issues().where({ projectId: _.in(['p1', 'p2']), state: 'closed' }).count())).toMatchObject({ docsExamined: 30 })
  expect(await statsOf('inv-agg', () => issues().aggregate().match({ teamId: 't0', state: 'open' }).count('n').end())).toMatchObject({ docsExamined: 17 })
})

test('a top-level or whose every branch is indexed uses the indexes', async () => {
  const _ = t._
  const both = await statsOf('inv-or', () => issues().where(_.or([{ projectId: 'p1' }, { teamId: 't0', state: 'open' }])).count())
  expect(both.docsExamined).toBeLessThan(200)
  await issues().where(_.or([{ projectId: 'p1' }, { n: 3 }])).count()
  expect(t.server.service.metrics().unindexedQueries).toEqual([
    { collection: 'issues', fields: ['n', 'projectId'], action: 'database.calculateDocument', count: 1 },
  ])
})

test('indexes follow updates and removals', async () => {
  await issues().where({ projectId: 'p1' }).update({ data: { projectId: 'moved' } })
  expect((await issues().where({ projectId: 'p1' }).count()).total).toBe(0)
  expect((await issues().where({ projectId: 'moved', state: 'open' }).count()).total).toBe(0)
  expect((await issues().where({ projectId: 'moved' }).count()).total).toBe(20)
  await issues().where({ projectId: 'moved', n: t._.lt(100) }).remove()
  expect((await issues().where({ projectId: 'moved' }).count()).total).toBe(10)
})

test('metrics count calls, examined and returned documents per action', async () => {
  await issues().where({ projectId: 'p0' }).limit(3).get()
  const a = t.server.service.metrics().actions['database.getDocument']
  expect(a).toEqual({ calls: 1, errors: 0, docsExamined: 3, docsReturned: 3 })
})

/** The CPU time this process has used (ms): the database's own work, whatever else runs on the machine. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

test('stays fast with 100k documents in a collection', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'localcloud-100k-'))
  const svc = new DatabaseService({ dataDir: dir, log: () => {} })
  await svc.start()
  try {
    const t0 = cpuMs()
    for (let b = 0; b < 100; b++) {
      const data = Array.from({ length: 1000 }, (_v, i) => JSON.stringify({ projectId: `p${(b * 1000 + i) % 500}`, state: Math.floor((b * 1000 + i) / 500) % 2 ? 'open' : 'closed', n: b * 1000 + i }))
      const r = await svc.handle('database.insertDocument', { collectionName: 'issues', data }, {})
      expect(r.data.insertedIds).toHaveLength(1000)
    }
    const loaded = cpuMs() - t0
    const t1 = cpuMs()
    for (let q = 0; q < 200; q++) {
      const r = await svc.handle('database.getDocument', { collectionName: 'issues', queryType: 'WHERE', query: JSON.stringify({ projectId: `p${q}`, state: 'open' }), order: '{"n":-1}', limit: 20 }, {})
      expect(r.data.list).toHaveLength(20)
    }
    const queried = cpuMs() - t1
    const t2 = cpuMs()
    const upd = await svc.handle('database.modifyDocument', { collectionName: 'issues', queryType: 'WHERE', query: '{"projectId":"p7"}', data: '{"$set":{"flag":true}}', multi: true, merge: true }, {})
    expect(upd.data.updated).toBe(200)
    const count = await svc.handle('database.calculateDocument', { collectionName: 'issues', queryType: 'WHERE', query: '{"flag":true}' }, {})
    expect(count.data.total).toBe(200)
    const rest = cpuMs() - t2
    expect(loaded).toBeLessThan(10000)
    expect(queried).toBeLessThan(1500)
    expect(rest).toBeLessThan(1500)
  } finally {
    await svc.stop()
    rmSync(dir, { recursive: true, force: true })
  }
})
