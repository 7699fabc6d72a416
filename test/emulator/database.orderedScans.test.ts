// The sorted side of an index: a sorted page follows the index and stops at the page's end, a range finds
// its entries by binary search, and either way the documents and their order are exactly what the
// in-memory path (a collection without indexes) gives — through inserts, updates and removes.
import fc from 'fast-check'
import { useDatabase } from './support/dbTestSetup'

const t = useDatabase({
  spec: {
    collections: [
      {
        name: 'indexed',
        indexes: [
          { name: 'state_at', unique: false, keys: [{ field: 'state', direction: 1 }, { field: 'at', direction: -1 }] },
          { name: 'team_state_at', unique: false, keys: [{ field: 'team', direction: 1 }, { field: 'state', direction: 1 }, { field: 'at', direction: -1 }] },
          { name: 'due', unique: false, keys: [{ field: 'due', direction: 1 }] },
          { name: 'team_due_extra', unique: false, keys: [{ field: 'team', direction: 1 }, { field: 'due', direction: 1 }, { field: 'extra', direction: 1 }] },
        ],
      },
      { name: 'plain', indexes: [] },
    ],
  },
})

async function statsOf(prefix: string, fn: () => Promise<unknown>) {
  Object.assign(process.env, { TCB_CONTEXT_KEYS: 'TCB_SEQID', TCB_SEQID: prefix })
  try { await fn() } finally { delete process.env.TCB_SEQID; delete process.env.TCB_CONTEXT_KEYS }
  return t.server.service.takeStats(prefix)
}

const STATES = ['new', 'working', 'review', 'done']
const doc = (i: number) => ({
  _id: `d${String(i).padStart(5, '0')}`, state: STATES[i % 4], team: `t${i % 3}`,
  at: 1_000_000 + Math.floor(i / 3) * 60_000, due: i % 5 === 0 ? null : 2_000_000 + (i % 97) * 1000,
})

async function seed(n: number) {
  const docs = Array.from({ length: n }, (_v, i) => doc(i))
  for (let i = 0; i < n; i += 500) {
    await t.db.collection('indexed').add({ data: docs.slice(i, i + 500) })
    await t.db.collection('plain').add({ data: docs.slice(i, i + 500) })
  }
}

test('a sorted page of a large match reads the index in order and stops at the page; the answer is the in-memory sort\'s', async () => {
  await seed(3000)
  const query = (c: string) => t.db.collection(c).where({ state: t._.in(['new', 'working']), team: 't1' }).orderBy('at', 'desc').skip(10).limit(20).get()
  let indexed: any
  let plain: any
  const fromIndex = await statsOf('inv-ordered', async () => { indexed = await query('indexed') })
  const inMemory = await statsOf('inv-memory', async () => { plain = await query('plain') })
  expect(indexed.data.map((d: any) => d._id)).toEqual(plain.data.map((d: any) => d._id))
  expect(indexed.data).toHaveLength(20)
  expect(inMemory.docsExamined).toBe(3000)
  expect(fromIndex.docsExamined).toBe(30) // offset + limit, from the (team, state, at) index: every entry read matches
})

test('a range on an index\'s first field examines only the documents inside it', async () => {
  await seed(3000)
  const stats = await statsOf('inv-range', () => t.db.collection('indexed').where({ due: t._.gt(2_010_000).and(t._.lte(2_020_000)) }).count())
  const expected = Array.from({ length: 3000 }, (_v, i) => doc(i)).filter(d => d.due !== null && d.due > 2_010_000 && d.due <= 2_020_000).length
  expect(stats.docsExamined).toBe(expected)
  expect((await t.db.collection('indexed').where({ due: t._.gt(2_010_000).and(t._.lte(2_020_000)) }).count()).total).toBe(expected)
})

test('an equality prefix and a range on the next field are served together', async () => {
  await seed(3000)
  const stats = await statsOf('inv-prefix-range', () => t.db.collection('indexed').where({ state: 'done', at: t._.gte(1_000_000 + 100 * 60_000).and(t._.lt(1_000_000 + 130 * 60_000)) }).get())
  expect(stats.docsReturned).toBe(stats.docsExamined)
  expect(stats.docsExamined).toBeLessThan(30)
})

// Values with ties, a missing field, nulls and a string among numbers: the index must order them as the in-memory sort does.
const atValue = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom('a', 'b') },
)
// `extra`, after the range's field in team_due_extra, is sometimes a value the sorted side cannot order.
const extra = fc.constantFrom<unknown>(1, 'x', { x: 1 }, [], undefined)
const record = fc.record({ id: fc.integer({ min: 0, max: 60 }), state: fc.constantFrom(...STATES), team: fc.constantFrom('t0', 't1'), at: atValue, due: atValue, extra })
const step = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), r: record }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 60 }) }),
  fc.record({
    kind: fc.constant('query' as const),
    states: fc.subarray(STATES, { minLength: 1 }),
    team: fc.option(fc.constantFrom('t0', 't1'), { nil: undefined }),
    range: fc.option(fc.record({ gt: fc.integer({ min: 0, max: 12 }), span: fc.integer({ min: 0, max: 8 }) }), { nil: undefined }),
    descending: fc.boolean(),
    skip: fc.integer({ min: 0, max: 5 }),
    limit: fc.integer({ min: 1, max: 4 }),
  }),
)

const stored = ({ id, at, due, extra: x, ...rest }: typeof record extends fc.Arbitrary<infer R> ? R : never) =>
  ({ ...rest, ...(at === undefined ? {} : { at }), ...(due === undefined ? {} : { due }), ...(x === undefined ? {} : { extra: x }), _id: `k${id}` })

test('through random inserts, updates and removes, index-ordered pages and ranges equal the in-memory path', async () => {
  const start = fc.uniqueArray(record, { minLength: 25, maxLength: 50, selector: (r) => r.id })
  await fc.assert(fc.asyncProperty(start, fc.array(step, { minLength: 5, maxLength: 30, size: 'max' }), async (initial, steps) => {
    await t.server.service.reset()
    // Built empty first, so the batch lands as pending insertions merged on the next read.
    await t.db.collection('indexed').where({ state: 'new', team: 't0' }).orderBy('at', 'asc').get()
    await t.db.collection('indexed').where({ due: t._.gt(0) }).get()
    for (const c of ['indexed', 'plain']) await t.db.collection(c).add({ data: initial.map(stored) })
    for (const s of steps) {
      if (s.kind === 'put') {
        const { _id, ...data } = stored(s.r)
        for (const c of ['indexed', 'plain']) await t.db.collection(c).doc(_id).set({ data })
      } else if (s.kind === 'remove') {
        for (const c of ['indexed', 'plain']) await t.db.collection(c).doc(`k${s.id}`).remove()
      } else {
        const where: Record<string, unknown> = { state: t._.in(s.states) }
        if (s.team) where.team = s.team
        if (s.range) where.at = t._.gt(s.range.gt).and(t._.lte(s.range.gt + s.range.span))
        const page = async (c: string) => (await t.db.collection(c).where(where).orderBy('at', s.descending ? 'desc' : 'asc').skip(s.skip).limit(s.limit).get()).data.map((d: any) => d._id)
        const ranged = async (c: string) => (await t.db.collection(c).where({ due: t._.gte(s.range?.gt ?? 3).and(t._.lt((s.range?.gt ?? 3) + (s.range?.span ?? 4))) }).get()).data.map((d: any) => d._id).sort()
        expect(await page('indexed')).toEqual(await page('plain'))
        expect(await ranged('indexed')).toEqual(await ranged('plain'))
        const teamRange = async (c: string) => (await t.db.collection(c).where({ team: s.team ?? 't0', due: t._.gte(s.range?.gt ?? 2).and(t._.lte((s.range?.gt ?? 2) + (s.range?.span ?? 5))) }).get()).data.map((d: any) => d._id).sort()
        expect(await teamRange('indexed')).toEqual(await teamRange('plain'))
      }
    }
  }), { numRuns: 40, seed: 20261201 })
}, 60_000)
