import fc from 'fast-check'
import { Aggregator } from 'mingo'
import {
  type AggregateRow,
  type GroupBy,
  type IssueFacts,
  type ProjectWeek,
  type VisitAggregateRow,
  type VisitFact,
  computeMetrics,
  computeMetricsBy,
  metricsByFromAggregate,
  metricsFromAggregate,
  metricsPipeline,
  periodWeeks,
  visitsPipeline,
  weeklyFromAggregate,
  weeklyOpenedClosed,
  weeklyPipelines,
} from '../../src/domain/metrics'
import { DAY_MS, addWeeks, weekKey } from '../../src/domain/time'
import { MARCH, APRIL_10, fact, sh } from './support/metricsFactory'
import { SPAN, T0, factsArb } from './support/metricsArbitraries'

const run = <T>(pipeline: Record<string, unknown>[], docs: object[]): T[] => new Aggregator(pipeline).run(docs) as T[]

const scenario = fc
  .record({
    from: fc.integer({ min: T0, max: T0 + SPAN }),
    length: fc.integer({ min: 0, max: 45 * DAY_MS }),
    nowOffset: fc.integer({ min: -10 * DAY_MS, max: 60 * DAY_MS }),
  })
  .chain(({ from, length, nowOffset }) => {
    const period = { from, to: from + length }
    const now = from + nowOffset
    const oneFact = factsArb([period.from, period.to, now])
    const weeks = periodWeeks(period, now)
    const weekPool = [...weeks, addWeeks(weekKey(period.from), -1), addWeeks(weekKey(period.to), 1)]
    const visit = fc.record({
      projectId: fc.constantFrom('p1', 'p2', 'p3'),
      weekKey: fc.constantFrom(...weekPool),
      status: fc.constantFrom('planned', 'done', 'missed'),
    })
    const projectWeek = fc.record({
      projectId: fc.constantFrom('p1', 'p2', 'p3'),
      teamId: fc.constantFrom('t1', 't2'),
      weekKey: weeks.length ? fc.constantFrom(...weeks) : fc.constant('2026-W01'),
    })
    return fc.record({
      period: fc.constant(period),
      now: fc.constant(now),
      facts: fc.array(oneFact, { maxLength: 25 }).map((xs) => xs.map((x, i) => fact(`i${i}`, x as Partial<IssueFacts>))),
      visits: fc.uniqueArray(visit, { maxLength: 12, selector: (v) => `${v.projectId}_${v.weekKey}` }) as fc.Arbitrary<VisitFact[]>,
      active: fc.oneof(
        fc.integer({ min: 0, max: 20 }),
        fc.uniqueArray(projectWeek, { maxLength: 12, selector: (w) => `${w.projectId}_${w.weekKey}` }) as fc.Arbitrary<ProjectWeek[]>,
      ),
    })
  })

/** What the cloud does: two aggregate calls, then the same Dashboard. */
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never

function fromDatabase(s: Scenario, groupBy?: GroupBy) {
  const issueDocs = s.facts.map((f) => ({ _id: f.issueId, title: '…', state: f.state, raisedAt: f.raisedAt, facts: f }))
  const visitDocs = s.visits.map((v) => ({ _id: `${v.projectId}_${v.weekKey}`, teamId: 'tX', ...v }))
  const rows = run<AggregateRow>(metricsPipeline(s.period, s.now, groupBy), issueDocs)
  const visitRows = run<VisitAggregateRow>(visitsPipeline(s.period, s.now), visitDocs)
  return groupBy
    ? metricsByFromAggregate(groupBy, rows, visitRows, s.active, s.period, s.now)
    : metricsFromAggregate(rows, visitRows, s.active, s.period, s.now)
}

describe('the database pipeline gives exactly computeMetrics’s figures', () => {
  test('for the whole zone', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(fromDatabase(s)).toEqual(computeMetrics(s.facts, s.visits, s.active, s.period, s.now))
      }),
      { numRuns: 300 },
    )
  })

  for (const groupBy of ['department', 'team', 'project', 'week'] as const)
    test(`by ${groupBy}`, () => {
      fc.assert(
        fc.property(scenario, (s) => {
          expect(fromDatabase(s, groupBy)).toEqual(computeMetricsBy(groupBy, s.facts, s.visits, s.active, s.period, s.now))
        }),
        { numRuns: 200 },
      )
    })
})

const ALLOWED = new Set([
  '$match', '$group', '$project', '$addFields', '$sort', '$limit', '$unwind', '$bucket', '$count', '$lookup',
  '$cond', '$and', '$or', '$eq', '$gte', '$lt', '$lte', '$gt', '$ne', '$in', '$sum', '$avg', '$max', '$min',
  '$push', '$ifNull', '$size', '$add', '$subtract', '$multiply', '$divide',
])

function operators(x: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(x)) x.forEach((y) => operators(y, out))
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) {
      if (k.startsWith('$')) out.add(k)
      operators(v, out)
    }
  return out
}

describe('the weekly chart (每周新增与办结) from the database equals its in-memory twin', () => {
  test('for any facts and any period, with instants at and beside the edges', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const docs = s.facts.map((f) => ({ _id: f.issueId, raisedAt: f.raisedAt, state: f.state, facts: f }))
        const stages = weeklyPipelines(s.period)
        const fromDb = weeklyFromAggregate(s.period, run(stages.opened, docs), run(stages.closed, docs))
        expect(fromDb).toEqual(weeklyOpenedClosed(s.facts, s.period))
      }),
      { numRuns: 200 },
    )
  })

  test('on 2026-12-01 the month\'s chart starts with W49, and an issue raised Monday 11-30 sits in November\'s W49 row', () => {
    const november = { from: sh('2026-11-01T00:00:00'), to: sh('2026-12-01T00:00:00') }
    const rows = weeklyOpenedClosed([fact('mon', { raisedAt: sh('2026-11-30T09:00:00') })], november)
    expect(rows.map((r) => r.weekKey)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-W49'])
    expect(rows.at(-1)).toEqual({ weekKey: '2026-W49', opened: 1, closed: 0 })
  })
})

describe('the pipelines stay within what the WeChat cloud database supports, at a constant size', () => {
  test.each([undefined, 'department', 'team', 'project', 'week'] as const)('metricsPipeline by %s', (groupBy) => {
    const pipeline = metricsPipeline(MARCH, APRIL_10, groupBy)
    for (const op of operators(pipeline)) expect(ALLOWED).toContain(op)
    const size = JSON.stringify(pipeline).length
    expect(JSON.stringify(metricsPipeline({ from: MARCH.from, to: MARCH.from + 365 * DAY_MS }, APRIL_10, groupBy)).length).toBeLessThan(size + 100)
  })

  test('visitsPipeline', () => {
    for (const op of operators(visitsPipeline(MARCH, APRIL_10))) expect(ALLOWED).toContain(op)
  })

  test('a hand-checked run: one row per department with the counter sums', () => {
    const facts = [
      fact('a', { departmentId: 'd1', signForDue: sh('2026-03-03T00:00:00'), signedOnTime: true }),
      fact('b', { departmentId: 'd1', signForDue: sh('2026-03-04T00:00:00'), signedOnTime: false }),
      fact('c', { departmentId: 'd2', signForDue: sh('2026-03-04T00:00:00'), signedOnTime: true, isRepeat: true }),
    ]
    const rows = run<AggregateRow>(metricsPipeline(MARCH, APRIL_10, 'department'), facts.map((f) => ({ facts: f })))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ _id: 'd1', responseDue: 2, respondedOnTime: 1 })
  })
})
