/**
 * Rollups = the pure metrics function: for any issues, any period (whole days, or cutting days) and
 * any `now` (on, beside and between hour and day boundaries), the dashboard built from the rollup
 * documents plus the two live reads equals computeMetrics / computeMetricsBy / weeklyOpenedClosed over
 * the same facts; and moving contributions "old out, new in" in any order, twice, or half-way keeps
 * every document equal to the sum of what the issues record.
 */
import fc from 'fast-check'
import { Query } from 'mingo'
import {
  type GroupBy,
  type IssueFacts,
  type ProjectWeek,
  type VisitFact,
  computeMetrics,
  computeMetricsBy,
  weeklyOpenedClosed,
} from '../../src/domain/metrics'
import { rowsFromSums } from '../../src/domain/metrics/compute'
import { dashboardFromSums } from '../../src/domain/metrics/dashboard'
import { zeroSums, counters } from '../../src/domain/metrics/counters'
import {
  type Contribution,
  type RollupDoc,
  applyDelta,
  contributionOf,
  decodeContribution,
  encodeContribution,
  mergeDeltas,
  rollupChanges,
  rollupsOf,
} from '../../src/domain/metrics/rollup'
import { type LiveFacts, liveEdgeMatch, liveHourMatch, rollupPlan, sumsFromRollups, viewFor, weeklyFromRollups } from '../../src/domain/metrics/rollupRead'
import { DAY_MS, HOUR_MS, startOfDay } from '../../src/domain/time'
import { SPAN, T0, factsArb } from './support/metricsArbitraries'
import { fact } from './support/metricsFactory'

const DAY0 = startOfDay('2026-02-15')

/** Periods of whole days, periods that cut days, and `now` on, beside and between boundaries. */
const scenario = fc
  .record({
    aligned: fc.boolean(),
    fromDay: fc.integer({ min: 0, max: 60 }),
    days: fc.integer({ min: 0, max: 40 }),
    cutFrom: fc.integer({ min: 0, max: DAY_MS - 1 }),
    cutTo: fc.integer({ min: 1, max: DAY_MS }),
    nowDay: fc.integer({ min: -5, max: 80 }),
    nowIn: fc.oneof(fc.constantFrom(0, 1, -1, HOUR_MS, HOUR_MS - 1, HOUR_MS + 1, 17 * HOUR_MS), fc.integer({ min: 0, max: DAY_MS - 1 })),
  })
  .chain((s) => {
    const from = DAY0 + s.fromDay * DAY_MS + (s.aligned ? 0 : s.cutFrom)
    const to = s.aligned ? DAY0 + (s.fromDay + s.days + 1) * DAY_MS : Math.max(from + 1, DAY0 + (s.fromDay + s.days) * DAY_MS + s.cutTo)
    const period = { from, to }
    const now = DAY0 + s.nowDay * DAY_MS + s.nowIn
    const hour = rollupPlan(period, now).hour
    const edges = [from, to, now, hour.from, hour.from - HOUR_MS, startOfDay('2026-03-01')]
    const weeks = ['2026-W08', '2026-W09', '2026-W10', '2026-W11', '2026-W12']
    return fc.record({
      period: fc.constant(period),
      now: fc.constant(now),
      facts: fc.array(factsArb(edges), { maxLength: 25 }).map((xs) => xs.map((x, i) => fact(`i${i}`, x as Partial<IssueFacts>))),
      visits: fc.uniqueArray(
        fc.record({ projectId: fc.constantFrom('p1', 'p2', 'p3'), weekKey: fc.constantFrom(...weeks), status: fc.constantFrom('planned', 'done', 'missed') }),
        { maxLength: 8, selector: (v) => `${v.projectId}_${v.weekKey}` },
      ) as fc.Arbitrary<VisitFact[]>,
      active: fc.uniqueArray(
        fc.record({ projectId: fc.constantFrom('p1', 'p2', 'p3'), teamId: fc.constantFrom('t1', 't2'), weekKey: fc.constantFrom(...weeks) }),
        { maxLength: 8, selector: (w) => `${w.projectId}_${w.weekKey}` },
      ) as fc.Arbitrary<ProjectWeek[]>,
    })
  })
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never

/** What the cloud reads: the plan's buckets of one view, and the issues each live match finds (mingo, as the local cloud runs it). */
function read(all: Map<string, RollupDoc>, s: Scenario, groupBy: GroupBy | null): { docs: RollupDoc[]; live: LiveFacts } {
  const plan = rollupPlan(s.period, s.now)
  const view = viewFor(groupBy)
  const docs = [...all.values()].filter((d) => d.view === view && plan.buckets.includes(d.bucket))
  const stored = s.facts.map((f) => ({ _id: f.issueId, state: f.state, raisedAt: f.raisedAt, facts: f }))
  const find = (match: Record<string, unknown> | null) => (match ? stored.filter((d) => new Query(match).test(d)).map((d) => d.facts) : [])
  return { docs, live: { edges: find(liveEdgeMatch(plan.edges)), hour: find(liveHourMatch(plan.hour)) } }
}

const docsOf = (facts: readonly IssueFacts[]) => rollupsOf(facts.map(contributionOf))

describe('the dashboard from the rollups equals the pure metrics function', () => {
  test('for the whole zone, and the weekly chart', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { docs, live } = read(docsOf(s.facts), s, null)
        const sums = sumsFromRollups(docs, live, s, s.period, s.now, null).get(null) ?? zeroSums(counters(s.period, s.now))
        expect(dashboardFromSums(sums, s.period, s.now)).toEqual(computeMetrics(s.facts, s.visits, s.active, s.period, s.now))
        expect(weeklyFromRollups(docs, live, s.period, s.now)).toEqual(weeklyOpenedClosed(s.facts, s.period))
      }),
      { numRuns: 400 },
    )
  })

  for (const groupBy of ['department', 'team', 'project', 'week'] as const)
    test(`by ${groupBy}`, () => {
      fc.assert(
        fc.property(scenario, (s) => {
          const { docs, live } = read(docsOf(s.facts), s, groupBy)
          const rows = rowsFromSums(sumsFromRollups(docs, live, s, s.period, s.now, groupBy), s.period, s.now)
          expect(rows).toEqual(computeMetricsBy(groupBy, s.facts, s.visits, s.active, s.period, s.now))
        }),
        { numRuns: 250 },
      )
    })

  test('a period of whole days reads no issue but those with a deadline in the hour holding now', () => {
    const period = { from: startOfDay('2026-01-01'), to: startOfDay('2026-04-01') }
    const plan = rollupPlan(period, T0)
    expect(plan.edges).toEqual([])
    expect(plan.buckets).toEqual(['2026-01', '2026-02', '2026-03', 'now'])
    expect(liveEdgeMatch(plan.edges)).toBeNull()
    expect(plan.hour.to - plan.hour.from).toBeLessThanOrEqual(HOUR_MS)
  })
})

/** Each issue's facts over time: a few versions, the last one current. */
const histories = fc.array(fc.array(factsArb([T0, T0 + SPAN / 2, T0 + SPAN]), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 })
  .map((hs) => hs.map((versions, i) => versions.map((v) => fact(`i${i}`, v as Partial<IssueFacts>))))

describe('maintenance: old out, new in', () => {
  test('in any order, with steps applied twice and maintenance left half-way, every document is the sum of the recorded contributions, and after a full drain the sum of the current ones', () => {
    fc.assert(
      fc.property(histories, fc.array(fc.nat(), { maxLength: 60 }), (hs, schedule) => {
        const docs = new Map<string, RollupDoc>()
        const recorded: (Contribution | null)[] = hs.map(() => null)
        const version = hs.map(() => 0)
        const maintain = (i: number) => {
          const next = contributionOf(hs[i][version[i]])
          // the issue records what it holds through the encoding it is stored in
          const old = recorded[i] && decodeContribution(encodeContribution(recorded[i]!))
          for (const d of rollupChanges(old, next).values()) {
            const after = applyDelta(docs.get(d._id) ?? null, d)
            if (after) docs.set(d._id, after)
            else docs.delete(d._id)
          }
          recorded[i] = next
        }
        for (const n of schedule) {
          const i = n % hs.length
          if ((n >> 3) % 3 === 0 && version[i] < hs[i].length - 1) version[i]++ // a step: the facts move on
          else maintain(i) // maintenance, perhaps of an issue already up to date (a no-op)
          const held = rollupsOf(recorded.filter((c): c is Contribution => c !== null))
          expect(Object.fromEntries(docs)).toEqual(Object.fromEntries(held))
        }
        hs.forEach((_, i) => maintain(i))
        expect(Object.fromEntries(docs)).toEqual(Object.fromEntries(docsOf(hs.map((v, i) => v[version[i]]))))
      }),
      { numRuns: 300 },
    )
  })

  test('a batch (every issue\'s delta merged into one per document, as the drain moves them) leaves what moving them one by one leaves', () => {
    fc.assert(
      fc.property(histories, fc.nat(), (hs, cut) => {
        const apply = (docs: Map<string, RollupDoc>, deltas: Iterable<ReturnType<typeof mergeDeltas>[number]>) => {
          for (const d of deltas) {
            const after = applyDelta(docs.get(d._id) ?? null, d)
            if (after) docs.set(d._id, after)
            else docs.delete(d._id)
          }
        }
        // Each issue recorded at some earlier version, now at its last: the batch moves them all.
        const recorded = hs.map((v, i) => contributionOf(v[(cut + i) % v.length]))
        const current = hs.map((v) => contributionOf(v[v.length - 1]))
        const oneByOne = rollupsOf(recorded)
        hs.forEach((_, i) => apply(oneByOne, rollupChanges(recorded[i], current[i]).values()))
        const batched = rollupsOf(recorded)
        const merged = mergeDeltas(hs.flatMap((_, i) => [...rollupChanges(recorded[i], current[i]).values()]))
        apply(batched, merged)
        expect(new Set(merged.map((d) => d._id)).size).toBe(merged.length)
        expect(Object.fromEntries(batched)).toEqual(Object.fromEntries(oneByOne))
        expect(Object.fromEntries(batched)).toEqual(Object.fromEntries(rollupsOf(current)))
      }),
      { numRuns: 200 },
    )
  })

  test('an issue moved from one department to another leaves nothing behind in the first', () => {
    const a = contributionOf(fact('x', { departmentId: 'd1', confirmedAt: T0 + DAY_MS, resolution: 'solved' }))
    const b = contributionOf(fact('x', { departmentId: 'd2', confirmedAt: T0 + DAY_MS, resolution: 'solved' }))
    const docs = rollupsOf([a])
    for (const d of rollupChanges(a, b).values()) {
      const after = applyDelta(docs.get(d._id) ?? null, d)
      if (after) docs.set(d._id, after)
      else docs.delete(d._id)
    }
    expect([...docs.keys()].filter((id) => id.startsWith('department|d1|'))).toEqual([])
    expect(Object.fromEntries(docs)).toEqual(Object.fromEntries(rollupsOf([b])))
  })
})
