// Per-function counters and latency percentiles for GET /dev/metrics.
import type { InvocationOutcome } from './outcome'

/**
 * One invocation's work. replyTrips / replyDepth: the function's own database round trips before its
 * reply was ready, and how many of them ran one after another; afterTrips: those sent after (notices).
 */
export interface InvocationStats {
  dbRoundTrips: number
  docsExamined: number
  docsReturned: number
  ms: number
  replyTrips?: number
  replyDepth?: number
  afterTrips?: number
}

const MAX_SAMPLES = 10_000

class FunctionCounters {
  invocations = 0
  errors = 0
  timeouts = 0
  crashes = 0
  dbRoundTrips = 0
  docsExamined = 0
  docsReturned = 0
  private latencies: number[] = []

  add(outcome: InvocationOutcome, stats: InvocationStats): void {
    this.invocations++
    if (!outcome.ok) {
      this.errors++
      if (outcome.failure === 'timeout') this.timeouts++
      if (outcome.failure === 'crash') this.crashes++
    }
    this.dbRoundTrips += stats.dbRoundTrips
    this.docsExamined += stats.docsExamined
    this.docsReturned += stats.docsReturned
    this.latencies.push(stats.ms)
    if (this.latencies.length > MAX_SAMPLES) this.latencies.shift()
  }

  summary() {
    const sorted = [...this.latencies].sort((a, b) => a - b)
    const pick = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : 0)
    const { invocations, errors, timeouts, crashes, dbRoundTrips, docsExamined, docsReturned } = this
    return {
      invocations, errors, timeouts, crashes, dbRoundTrips, docsExamined, docsReturned,
      latencyMs: { p50: pick(0.5), p95: pick(0.95), p99: pick(0.99), max: sorted[sorted.length - 1] ?? 0 },
    }
  }
}

export class FunctionMetrics {
  private byName = new Map<string, FunctionCounters>()

  record(name: string, outcome: InvocationOutcome, stats: InvocationStats): void {
    let counters = this.byName.get(name)
    if (!counters) this.byName.set(name, (counters = new FunctionCounters()))
    counters.add(outcome, stats)
  }

  summary(): Record<string, ReturnType<FunctionCounters['summary']>> {
    return Object.fromEntries([...this.byName].map(([name, c]) => [name, c.summary()]))
  }

  reset(): void {
    this.byName.clear()
  }
}
