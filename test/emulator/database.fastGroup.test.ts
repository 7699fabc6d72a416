// The native $group (emulator/database/fastGroup.ts) against mingo: same rows, same order.
import fc from 'fast-check'
import { Aggregator } from 'mingo'
import { compileGroup } from '../../emulator/database/fastGroup'
import { MINGO_OPTIONS, aggregate } from '../../emulator/database/query'
import { Collection } from '../../emulator/database/store'
import { type GroupBy, type IssueFacts, metricsPipeline } from '../../src/domain/metrics'
import { DAY_MS } from '../../src/domain/time'
import { fact, sh } from '../unit/support/metricsFactory'
import { SPAN, T0, factsArb as issueFactsArb } from '../unit/support/metricsArbitraries'

type Doc = Record<string, any>

const mingo = (pipeline: Doc[], docs: Doc[]): Doc[] => new Aggregator(pipeline, MINGO_OPTIONS as any).run(docs) as Doc[]

/** aggregate() of the local cloud over an in-memory collection (the fast path wired in). */
function localAggregate(pipeline: Doc[], docs: Doc[]): Doc[] {
  const coll = new Collection('issues', undefined, true)
  docs.forEach((d, i) => coll.docs.set(String(d._id ?? i), d))
  const env = { work: { examined: 0 } as any, action: 'aggregate', unindexed: () => {} }
  return aggregate({ collections: new Map([['issues', coll]]) } as any, coll, pipeline, env)
}

// ---- (1) random documents and random condition trees --------------------------------------------

const FIELDS = ['a', 'b', 'c', 's', 'flag'] as const
const scalar = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, -0.5, 1.25, 2.5, -0, 1e15),
  fc.constantFrom('', 'x', 'y', '1', 'Z'),
)
const literal = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0.5, 1.25, 2.5),
  fc.constantFrom('', 'x', 'y', '1', 'Z'),
)
const path = fc.constantFrom('$facts.a', '$facts.b', '$facts.c', '$facts.s', '$facts.flag', '$facts.missing', '$top', '$facts.a.deep')
const operand = fc.oneof({ weight: 3, arbitrary: path }, { weight: 2, arbitrary: literal })

const factsArb = fc.record(
  Object.fromEntries(FIELDS.map((f) => [f, scalar])) as Record<(typeof FIELDS)[number], fc.Arbitrary<unknown>>,
  { requiredKeys: [] },
)
const docArb = (withArrays: boolean) =>
  fc.record(
    {
      top: withArrays ? fc.oneof(scalar, fc.array(scalar, { maxLength: 2 })) : scalar,
      facts: fc.oneof(
        { weight: 8, arbitrary: factsArb },
        { weight: 1, arbitrary: scalar },
        ...(withArrays ? [{ weight: 1, arbitrary: fc.array(factsArb, { maxLength: 2 }) }] : []),
      ),
    },
    { requiredKeys: [] },
  )

const { cond } = fc.letrec<{ cond: unknown }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ op: fc.constantFrom('$eq', '$ne', '$gt', '$gte', '$lt', '$lte'), args: fc.tuple(operand, operand) }).map(({ op, args }) => ({ [op]: args })),
    fc.tuple(operand, fc.array(operand, { maxLength: 3 })).map((args) => ({ $in: args })),
    operand,
    fc.array(tie('cond'), { maxLength: 3 }).map((all) => ({ $and: all })),
    fc.array(tie('cond'), { maxLength: 3 }).map((all) => ({ $or: all })),
    tie('cond').chain((c) => fc.constantFrom({ $not: [c] }, { $not: c })),
  ),
}))

const term = fc.oneof(fc.integer({ min: -2, max: 3 }), fc.constantFrom(0.1, 0.25), path)
const summand = fc.oneof(
  { weight: 1, arbitrary: term },
  {
    weight: 4,
    arbitrary: fc.tuple(cond, term, term, fc.boolean()).map(([e, a, b, asArray]) => ({
      $cond: asArray ? [e, a, b] : { if: e, then: a, else: b },
    })),
  },
)
const groupSpec = fc
  .tuple(
    fc.oneof(fc.constant(null), path, literal),
    fc.array(summand, { minLength: 1, maxLength: 6 }),
  )
  .map(([id, sums]) => {
    const spec: Doc = { _id: id }
    sums.forEach((x, i) => (spec[`n${i}`] = { $sum: x }))
    return spec
  })

describe('fast $group equals mingo', () => {
  test('random documents (scalars, nulls, missing fields) and random conditions', () => {
    fc.assert(
      fc.property(groupSpec, fc.array(docArb(false), { maxLength: 30 }), (spec, docs) => {
        const fast = compileGroup(spec)
        expect(fast).toBeDefined()
        const out = fast!.run(docs)
        expect(out).toBeDefined()
        expect(out).toStrictEqual(mingo([{ $group: spec }], docs))
        expect(localAggregate([{ $group: spec }, { $limit: 100 }], docs)).toStrictEqual(mingo([{ $group: spec }, { $limit: 100 }], docs))
      }),
      { numRuns: 1500 },
    )
  })

  test('documents with arrays: either the same rows or a fallback to mingo', () => {
    fc.assert(
      fc.property(groupSpec, fc.array(docArb(true), { maxLength: 20 }), (spec, docs) => {
        const out = compileGroup(spec)!.run(docs)
        const expected = mingo([{ $group: spec }], docs)
        if (out !== undefined) expect(out).toStrictEqual(expected)
        expect(localAggregate([{ $group: spec }], docs)).toStrictEqual(expected)
      }),
      { numRuns: 500 },
    )
  })

  test('mingo rules the fast path copies', () => {
    const docs = [{ facts: { x: null, s: '' } }, { facts: {} }, { facts: { x: 0 } }, { facts: { x: 'a' } }]
    const spec = {
      _id: null,
      gtNull: { $sum: { $cond: [{ $gt: ['$facts.x', 0] }, 1, 0] } },
      ltNull: { $sum: { $cond: [{ $lt: ['$facts.x', 0] }, 1, 0] } },
      eqNull: { $sum: { $cond: [{ $eq: ['$facts.x', null] }, 1, 0] } },
      inNull: { $sum: { $cond: [{ $in: ['$facts.x', [null]] }, 1, 0] } },
      empty: { $sum: { $cond: ['$facts.s', 1, 0] } },
      notEmpty: { $sum: { $cond: [{ $not: ['$facts.s'] }, 1, 0] } },
      text: { $sum: '$facts.x' },
    }
    const expected = mingo([{ $group: spec }], docs)
    expect(expected).toEqual([{ _id: null, gtNull: 0, ltNull: 0, eqNull: 2, inNull: 1, empty: 1, notEmpty: 4, text: 0 }])
    expect(compileGroup(spec)!.run(docs)).toStrictEqual(expected)
  })

  test('outside the subset: not compiled', () => {
    for (const spec of [
      { _id: { a: '$a' }, n: { $sum: 1 } },
      { _id: null, n: { $avg: '$a' } },
      { _id: null, n: { $sum: { $add: ['$a', 1] } } },
      { _id: null, n: { $sum: { $cond: [{ $regexMatch: { input: '$a', regex: 'x' } }, 1, 0] } } },
      { _id: null, n: { $sum: { $cond: [{ $eq: ['$$ROOT', null] }, 1, 0] } } },
      { _id: null, n: { $sum: { $cond: [{ $eq: ['$a'] }, 1, 0] } } },
      { _id: null, n: { $sum: { $cond: [{ $eq: ['$a', 1] }, 'x', 0] } } },
      { _id: null, n: { $sum: { $cond: [{ $in: ['$a', '$b'] }, 1, 0] } } },
      { _id: null, n: { $sum: { $cond: [{ $eq: ['$a.0', 1] }, 1, 0] } } },
      { n: { $sum: 1 } },
    ]) expect(compileGroup(spec)).toBeUndefined()
  })
})

// ---- (2) the product's pipelines ----------------------------------------------------------------

const productScenario = fc
  .record({
    from: fc.integer({ min: T0, max: T0 + SPAN }),
    length: fc.integer({ min: 0, max: 45 * DAY_MS }),
    nowOffset: fc.integer({ min: -10 * DAY_MS, max: 60 * DAY_MS }),
  })
  .chain(({ from, length, nowOffset }) => {
    const period = { from, to: from + length }
    const now = from + nowOffset
    return fc.record({
      period: fc.constant(period),
      now: fc.constant(now),
      facts: fc
        .array(issueFactsArb([period.from, period.to, now]), { maxLength: 40 })
        .map((xs) => xs.map((x, i) => fact(`i${i}`, x as Partial<IssueFacts>))),
    })
  })

describe("the product's metrics pipelines", () => {
  test.each([undefined, 'department', 'team', 'project', 'week'] as const)('metricsPipeline by %s: same rows fast and mingo', (groupBy?: GroupBy) => {
    const group = metricsPipeline({ from: T0, to: T0 + DAY_MS }, T0, groupBy).find((s) => '$group' in s) as Doc
    expect(compileGroup(group.$group)).toBeDefined()
    fc.assert(
      fc.property(productScenario, (s) => {
        const docs = s.facts.map((f) => ({ _id: f.issueId, title: '…', facts: f }))
        const pipeline = metricsPipeline(s.period, s.now, groupBy) as Doc[]
        expect(localAggregate(pipeline, docs)).toStrictEqual(mingo(pipeline, docs))
      }),
      { numRuns: groupBy === undefined || groupBy === 'department' ? 150 : 40 },
    )
  })
})

// ---- (3) speed ----------------------------------------------------------------------------------

/** The CPU time this process has used (ms): the $group's own work, whatever else runs on the machine. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

test("20,000 issues through metricsPipeline's $group in under a second", () => {
  const period = { from: sh('2026-03-01T00:00:00'), to: sh('2026-04-01T00:00:00') }
  const now = sh('2026-04-10T12:00:00')
  const [seeded] = fc.sample(fc.array(issueFactsArb([period.from, period.to, now]), { minLength: 20_000, maxLength: 20_000 }), { numRuns: 1, seed: 42 })
  const docs = seeded.map((x, i) => ({ _id: `i${i}`, facts: fact(`i${i}`, x as Partial<IssueFacts>) }))
  const stage = metricsPipeline(period, now).find((s) => '$group' in s) as Doc
  const start = cpuMs()
  const rows = compileGroup(stage.$group)!.run(docs)
  const fastMs = cpuMs() - start
  expect(rows).toBeDefined()
  const sample = docs.slice(0, 2_000)
  const t1 = cpuMs()
  const viaMingo = mingo([stage], sample)
  const mingoMs = ((cpuMs() - t1) * docs.length) / sample.length
  expect(compileGroup(stage.$group)!.run(sample)).toStrictEqual(viaMingo)
  console.log(`fast $group: 20,000 docs in ${fastMs.toFixed(1)} ms; mingo ≈ ${mingoMs.toFixed(0)} ms (extrapolated from 2,000); speed-up ≈ ${(mingoMs / fastMs).toFixed(0)}×`)
  expect(fastMs).toBeLessThan(1000)
})
