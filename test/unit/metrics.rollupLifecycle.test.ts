/**
 * Rollups through the lifecycle: issues walked by random actors on a random clock (reopens,
 * returns, paused time, extensions, escalations, calendar entries that recompute the deadlines of
 * every open issue), their facts stored at each step as the server stores them, the rollups
 * maintained late, twice or not at all until a drain — and at random moments, for periods of whole
 * days and periods that cut days, the dashboard from the rollups equals computeMetrics over the facts.
 */
import fc from 'fast-check'
import { type GroupBy, type IssueFacts, computeMetrics, computeMetricsBy, weeklyOpenedClosed } from '../../src/domain/metrics'
import { rowsFromSums } from '../../src/domain/metrics/compute'
import { counters, zeroSums } from '../../src/domain/metrics/counters'
import { dashboardFromSums } from '../../src/domain/metrics/dashboard'
import { holds } from '../../src/domain/metrics/conditions'
import { type Contribution, type RollupDoc, applyDelta, contributionOf, rollupChanges, rollupsOf } from '../../src/domain/metrics/rollup'
import { rollupPlan, sumsFromRollups, viewFor, weeklyFromRollups } from '../../src/domain/metrics/rollupRead'
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import { DAY_MS, HOUR_MS, startOfDay } from '../../src/domain/time'
import * as F from './issueFixtures'
import { type WalkStep, factsOf, startWalk, walkStep } from './support/issueWalk'

const CALENDARS = [weekendCalendar, F.holidayCalendar]
const START = F.at('2026-03-02 08:00')

const step: fc.Arbitrary<WalkStep> = fc.record({
  issue: fc.nat(),
  advance: fc.oneof(fc.constant(0), fc.integer({ min: 60_000, max: 3 * HOUR_MS }), fc.integer({ min: 0, max: 3 * DAY_MS })),
  pick: fc.nat(),
  command: fc.nat(),
  calendarEntry: fc.nat(11).map((n) => n === 0),
})
/** What happens to the rollups after a step: maintained now, left pending, or maintained twice. */
const upkeep = fc.constantFrom('now', 'now', 'later', 'twice')
/** A dashboard check: a period of whole days or one that cuts days, over a random stretch. */
const check: fc.Arbitrary<Check> = fc.record({ firstDay: fc.integer({ min: -3, max: 30 }), days: fc.integer({ min: 0, max: 30 }), cut: fc.boolean(), cutAt: fc.integer({ min: 1, max: DAY_MS - 1 }), groupBy: fc.constantFrom(null, 'department', 'team', 'project', 'week') })

const live = (facts: readonly IssueFacts[]) => ({ edges: facts, hour: facts }) // supersets: the reader filters exactly

type Check = { firstDay: number; days: number; cut: boolean; cutAt: number; groupBy: GroupBy | null }

function dashboardsAgree(facts: IssueFacts[], docs: Map<string, RollupDoc>, now: number, c: Check) {
  const from = startOfDay('2026-03-02') + c.firstDay * DAY_MS + (c.cut ? c.cutAt : 0)
  const period = { from, to: from + (c.days + 1) * DAY_MS - (c.cut ? c.cutAt >> 1 : 0) }
  const plan = rollupPlan(period, now)
  const read = [...docs.values()].filter((d) => d.view === viewFor(c.groupBy) && plan.buckets.includes(d.bucket))
  const coverage = { visits: [], active: 0 }
  if (c.groupBy === null) {
    const sums = sumsFromRollups(read, live(facts), coverage, period, now, null).get(null) ?? zeroSums(counters(period, now))
    expect(dashboardFromSums(sums, period, now)).toEqual(computeMetrics(facts, [], 0, period, now))
    expect(weeklyFromRollups(read, live(facts), period, now)).toEqual(weeklyOpenedClosed(facts, period))
  } else {
    const rows = rowsFromSums(sumsFromRollups(read, live(facts), coverage, period, now, c.groupBy), period, now)
    expect(rows).toEqual(computeMetricsBy(c.groupBy, facts, [], 0, period, now))
  }
}

test('through random step sequences, reopens and calendar entries, the rollups give the pure function\'s dashboard', () => {
  const seen = { reopened: 0, moved: 0, overdue: 0 }
  fc.assert(
    fc.property(
      fc.integer({ min: 2, max: 5 }),
      fc.array(fc.integer({ min: 0, max: 2 * DAY_MS }), { minLength: 5, maxLength: 5 }),
      fc.array(fc.tuple(step, upkeep, fc.option(check, { freq: 4 })), { minLength: 1, maxLength: 45 }),
      (count, spread, plan) => {
        const w = startWalk(count, START, spread)
        const facts = w.issues.map((_, i) => factsOf(w, i))
        const recorded: (Contribution | null)[] = facts.map(() => null)
        const docs = new Map<string, RollupDoc>()
        const pending = new Set<number>(facts.map((_, i) => i))
        const maintain = (i: number) => {
          const next = contributionOf(facts[i])
          for (const d of rollupChanges(recorded[i], next).values()) {
            const after = applyDelta(docs.get(d._id) ?? null, d)
            if (after) docs.set(d._id, after)
            else docs.delete(d._id)
          }
          recorded[i] = next
          pending.delete(i)
        }
        for (const [s, how, c] of plan) {
          const changed = walkStep(w, s, CALENDARS)
          if (s.calendarEntry && changed.length) seen.moved++
          for (const i of changed) {
            facts[i] = factsOf(w, i) // stored with the step, under the calendar in force
            pending.add(i)
            if (how !== 'later') maintain(i)
            if (how === 'twice') maintain(i)
          }
          if (c) {
            for (const i of [...pending]) maintain(i) // the drain
            expect(Object.fromEntries(docs)).toEqual(Object.fromEntries(rollupsOf(facts.map(contributionOf))))
            dashboardsAgree(facts, docs, w.now, c)
            if (facts.some((f) => f.reopened)) seen.reopened++
            if (facts.some((f) => holds(counters({ from: 0, to: 1 }, w.now).find((x) => x.name === 'overdue')!.cond, f))) seen.overdue++
          }
        }
      },
    ),
    { numRuns: Number(process.env.ROLLUP_RUNS ?? 150) },
  )
  // the walks reach what they are meant to exercise
  expect(seen.reopened).toBeGreaterThan(0)
  expect(seen.moved).toBeGreaterThan(0)
  expect(seen.overdue).toBeGreaterThan(0)
})
