/** Random issue facts for the property tests that compare the metrics pipeline with the pure function. */
import fc from 'fast-check'
import type { IssueFacts } from '../../../src/domain/metrics'
import { DAY_MS } from '../../../src/domain/time'
import { sh } from './metricsFactory'

export const T0 = sh('2026-02-15T00:00:00')
export const SPAN = 75 * DAY_MS

/** An instant that is often exactly at, or one ms either side of, an edge (period bounds, now). */
export const instant = (edges: number[]) =>
  fc.oneof(
    fc.constant(null),
    fc.constantFrom(...edges, ...edges.map((e) => e - 1), ...edges.map((e) => e + 1)),
    fc.integer({ min: T0, max: T0 + SPAN }),
  )

export const workingDays = fc.oneof(
  fc.constant(null),
  fc.constantFrom(0, 0.01, 1, 1.01, 2, 29.99, 30, 30.01, 31, 45),
  fc.integer({ min: 0, max: 4000 }).map((n) => n / 100),
)

/** The facts fields a test varies; the rest come from `fact()`'s defaults. */
export function factsArb(edges: number[]): fc.Arbitrary<Partial<IssueFacts>> {
  const t = instant(edges)
  return fc.record({
    projectId: fc.constantFrom('p1', 'p2', 'p3'),
    teamId: fc.constantFrom('t1', 't2'),
    departmentId: fc.constantFrom('d1', 'd2', null),
    state: fc.constantFrom('dispatched', 'in_progress', 'awaiting_materials', 'under_review', 'resolved', 'closed', 'submitted'),
    paused: fc.boolean(),
    isRepeat: fc.boolean(),
    raisedAt: fc.integer({ min: T0, max: T0 + SPAN }),
    dispatchedAt: t,
    returns: fc.integer({ min: 0, max: 3 }),
    signForDue: t,
    signedForAt: t,
    signedOnTime: fc.constantFrom(true, false, null),
    answerDue: t,
    answeredAt: t,
    answeredOnTime: fc.constantFrom(true, false, null),
    workingDaysToAnswer: workingDays,
    firstContactAt: t,
    workingDaysToFirstContact: workingDays,
    runningDue: t,
    confirmedAt: t,
    resolution: fc.constantFrom('solved', 'partly', 'unsolved', null),
    rating: fc.constantFrom('satisfied', 'basically', 'unsatisfied', null),
    autoClosed: fc.boolean(),
    reopened: fc.boolean(),
    closedAt: t,
    ladder: fc.constantFrom('none', 'blue', 'yellow', 'red'),
    supervised: fc.boolean(),
  }) as fc.Arbitrary<Partial<IssueFacts>>
}
