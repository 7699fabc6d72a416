/**
 * The rollup audit: what the rebuild command and the hourly sample check compare. Fed the issues one by
 * one (their facts, recorded contribution and marks), it tells apart
 * - `stale`: issues without a rollup mark whose recorded contribution is not contributionOf(facts) — a
 *   change of the facts that left no mark (a lost count waiting to happen);
 * - `drift`: documents that are not the sum of the recorded contributions — a count lost or doubled;
 * - `behind`: documents that are not the sum of contributionOf(facts) — what draining the pending marks
 *   will still move (empty when nothing is pending and nothing is stale or drifting).
 */
import {
  type RecordedContribution,
  type RollupDoc,
  accumulate,
  contributionOf,
  decodeContribution,
  encodeContribution,
  isRollupMark,
  rollupDifferences,
  sameContribution,
} from './rollup'
import type { IssueFacts } from './figures'

/** An issue as the audit reads it. */
export interface AuditedIssue {
  _id: string
  facts: IssueFacts
  rollup?: RecordedContribution | null
  outbox?: readonly unknown[] | null
}

export interface RollupAuditReport {
  issues: number
  /** Issues carrying a rollup mark (their move is owed). */
  pending: number
  stale: string[]
  drift: string[]
  behind: string[]
}

export class RollupAudit {
  private readonly recorded = new Map<string, RollupDoc>()
  private readonly current = new Map<string, RollupDoc>()
  private issues = 0
  private pending = 0
  private readonly stale: string[] = []

  add(issue: AuditedIssue): void {
    this.issues++
    const next = contributionOf(issue.facts)
    if ((issue.outbox ?? []).some(isRollupMark)) this.pending++
    else if (!sameContribution(issue.rollup, encodeContribution(next))) this.stale.push(issue._id)
    if (issue.rollup) accumulate(this.recorded, decodeContribution(issue.rollup))
    accumulate(this.current, next)
  }

  /** The documents every issue's facts make (what a rebuild writes). */
  expected(): ReadonlyMap<string, RollupDoc> {
    return this.current
  }

  /** Compares with the stored documents; `inScope` keeps the expected documents the stored ones were read for. */
  report(stored: readonly RollupDoc[], inScope: (id: string) => boolean = () => true): RollupAuditReport {
    const only = (docs: Map<string, RollupDoc>) => new Map([...docs].filter(([id]) => inScope(id)))
    return {
      issues: this.issues,
      pending: this.pending,
      stale: [...this.stale].sort(),
      drift: rollupDifferences(only(this.recorded), stored),
      behind: rollupDifferences(only(this.current), stored),
    }
  }
}
