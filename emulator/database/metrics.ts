// Per-action counters, unindexed-query reports and per-invocation (seqId prefix) totals.

export interface ActionStats { calls: number; errors: number; docsExamined: number; docsReturned: number }
export interface UnindexedQuery { collection: string; fields: string[]; action: string; count: number }
export interface SeqStats { roundTrips: number; docsExamined: number; docsReturned: number }
/**
 * An invocation's round trips split by the function's own mark: requests whose seqId carries
 * `-after` were sent after the reply was ready (notices), the rest are on the reply's path; the
 * depth counts how many of those were sequential (requests sent in parallel overlap and count once).
 */
export interface InvocationTrips extends SeqStats { replyTrips: number; replyDepth: number; afterTrips: number }

/** The marker a function puts in TCB_SEQID for work done after its reply is ready. */
export const AFTER_REPLY_MARK = '-after'
export interface DbMetrics {
  actions: Record<string, ActionStats>
  unindexedQueries: UnindexedQuery[]
  bySeqPrefix: Record<string, SeqStats>
}

/** Work done by one request. */
export interface Work { examined: number; returned: number }

const MAX_PREFIXES = 10_000

/** `<TCB_SEQID>-<hexms>_<n>` → `<TCB_SEQID>`; a seqId without a prefix has none. */
export function seqPrefixOf(seqId: string | undefined): string | null {
  if (!seqId) return null
  const i = seqId.lastIndexOf('-')
  return i > 0 ? seqId.slice(0, i) : null
}

export class Metrics {
  private actions = new Map<string, ActionStats>()
  private unindexed = new Map<string, UnindexedQuery>()
  private bySeq = new Map<string, SeqStats>()
  private intervals = new Map<string, [number, number][]>()
  private printed = new Set<string>()

  constructor(private log: (line: string) => void) {}

  record(action: string, seqId: string | undefined, work: Work, failed: boolean, receivedAt?: number) {
    let a = this.actions.get(action)
    if (!a) this.actions.set(action, (a = { calls: 0, errors: 0, docsExamined: 0, docsReturned: 0 }))
    a.calls++
    if (failed) a.errors++
    a.docsExamined += work.examined
    a.docsReturned += work.returned
    const prefix = seqPrefixOf(seqId)
    if (prefix === null) return
    let s = this.bySeq.get(prefix)
    if (!s) {
      if (this.bySeq.size >= MAX_PREFIXES) this.bySeq.delete(this.bySeq.keys().next().value as string)
      this.bySeq.set(prefix, (s = { roundTrips: 0, docsExamined: 0, docsReturned: 0 }))
    }
    s.roundTrips++
    s.docsExamined += work.examined
    s.docsReturned += work.returned
    if (receivedAt !== undefined) {
      const list = this.intervals.get(prefix) ?? []
      list.push([receivedAt, performance.now()])
      this.intervals.set(prefix, list)
    }
  }

  /** Counts an unindexed query; the warning line is printed the first time a (collection, fields) shape is seen. */
  unindexedQuery(collection: string, fields: string[], action: string) {
    const key = `${collection}|${fields.join(',')}|${action}`
    const seen = this.unindexed.get(key)
    if (seen) { seen.count++; return }
    this.unindexed.set(key, { collection, fields, action, count: 1 })
    const shape = `${collection}|${fields.join(',')}`
    if (this.printed.has(shape)) return
    this.printed.add(shape)
    this.log(`[local cloud] unindexed query on ${collection}: fields ${fields.join(',')}`)
  }

  /** Totals of requests whose seqId starts with `${prefix}-` (nested prefixes included); removed once taken. */
  take(prefix: string): InvocationTrips {
    const out: InvocationTrips = { roundTrips: 0, docsExamined: 0, docsReturned: 0, replyTrips: 0, replyDepth: 0, afterTrips: 0 }
    const onPath: [number, number][] = []
    for (const [k, s] of this.bySeq) {
      if (k === prefix || k.startsWith(prefix + '-')) {
        out.roundTrips += s.roundTrips
        out.docsExamined += s.docsExamined
        out.docsReturned += s.docsReturned
        const after = k.slice(prefix.length).includes(AFTER_REPLY_MARK)
        if (after) out.afterTrips += s.roundTrips
        else {
          out.replyTrips += s.roundTrips
          onPath.push(...(this.intervals.get(k) ?? []))
        }
        this.bySeq.delete(k)
        this.intervals.delete(k)
      }
    }
    out.replyDepth = sequentialDepth(onPath)
    return out
  }

  snapshot(): DbMetrics {
    return {
      actions: Object.fromEntries(Array.from(this.actions, ([k, v]) => [k, { ...v }])),
      unindexedQueries: Array.from(this.unindexed.values(), u => ({ ...u, fields: [...u.fields] })),
      bySeqPrefix: Object.fromEntries(Array.from(this.bySeq, ([k, v]) => [k, { ...v }])),
    }
  }

  reset() {
    this.intervals.clear()
    this.actions.clear()
    this.unindexed.clear()
    this.bySeq.clear()
    this.printed.clear()
  }
}

/**
 * How many requests ran one after another: the longest chain of [received, answered] intervals in
 * which each starts after the previous one ended (requests in flight together form one step).
 * @example sequentialDepth([[0, 5], [1, 6], [7, 9]]) // 2
 */
export function sequentialDepth(intervals: readonly [number, number][]): number {
  const byEnd = [...intervals].sort((a, b) => a[1] - b[1])
  let depth = 0
  let lastEnd = -Infinity
  for (const [start, end] of byEnd) {
    if (start >= lastEnd) {
      depth++
      lastEnd = end
    }
  }
  return depth
}
