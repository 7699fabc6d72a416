// The sorted side of an index — what a B-tree gives MongoDB: every (key tuple, document key) pair in
// index order, so a range finds its first entry by binary search and a sort that follows the index
// reads the entries in order and stops at the page's end. Built on first use, then kept: insertions wait
// in a pending list merged on the next read, removals are spliced out. Only scalars are ordered (missing,
// null, numbers, strings, booleans, dates, in mingo's sort order, missing as null); an entry holding
// anything else is kept after them and counted, and while any is, the index does not offer its order
// (ranges still work: a range never matches such a value).

/** mingo's type order for the scalars kept here; -1 for everything else. */
export function scalarRank(v: unknown): number {
  if (v === undefined || v === null) return 2 // missing sorts as null, as in MongoDB (and mingo's $sort)
  switch (typeof v) {
    case 'number': return Number.isNaN(v) ? -1 : 3
    case 'string': return 4
    case 'boolean': return 9
  }
  return v instanceof Date ? 10 : -1
}

const OTHER = 100

export const isOrderable = (v: unknown): boolean => scalarRank(v) > 0

/** Scalars as mingo's sort compares them. */
export function compareScalars(a: unknown, b: unknown): number {
  // Anything else (an object, an element that is itself an array) sorts after every scalar, all equal:
  // kept so that ranges on other fields still find its document, never in an order handed out.
  const ra = scalarRank(a) < 0 ? OTHER : scalarRank(a)
  const rb = scalarRank(b) < 0 ? OTHER : scalarRank(b)
  if (ra !== rb) return ra < rb ? -1 : 1
  if (ra === OTHER) return 0
  const x = a instanceof Date ? a.getTime() : (a as number | string | boolean)
  const y = b instanceof Date ? b.getTime() : (b as number | string | boolean)
  return x < y ? -1 : x > y ? 1 : 0
}

export function compareTuples(a: readonly unknown[], b: readonly unknown[], from = 0, to = a.length): number {
  for (let i = from; i < to; i++) {
    const c = compareScalars(a[i], b[i])
    if (c) return c
  }
  return 0
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const compareEntries = (a: { tuple: unknown[]; id: string }, b: { tuple: unknown[]; id: string }) => compareTuples(a.tuple, b.tuple) || compareIds(a.id, b.id)

/** A bound on one tuple position: `$gt/$gte/$lt/$lte` values of one scalar type. */
export interface Bounds { $gt?: unknown; $gte?: unknown; $lt?: unknown; $lte?: unknown }

export interface Span { lo: number; hi: number }

export class OrderedKeys {
  private tuples: unknown[][] = []
  private ids: string[] = []
  /** Insertions not yet in place (a bulk import adds thousands between two reads): merged on the next read. */
  private pending: { tuple: unknown[]; id: string }[] = []

  constructor(entries: { tuple: unknown[]; id: string }[]) {
    entries.sort(compareEntries)
    this.tuples = entries.map((e) => e.tuple)
    this.ids = entries.map((e) => e.id)
  }

  /** First position whose (tuple, id) is ≥ the given one (the insertion point). */
  private position(tuple: unknown[], id: string): number {
    let lo = 0
    let hi = this.ids.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = compareTuples(this.tuples[mid], tuple) || compareIds(this.ids[mid], id)
      if (c < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  insert(tuple: unknown[], id: string) {
    this.pending.push({ tuple, id })
  }

  remove(tuple: unknown[], id: string) {
    this.settled()
    const at = this.position(tuple, id)
    if (this.ids[at] === id && compareTuples(this.tuples[at], tuple) === 0) {
      this.tuples.splice(at, 1)
      this.ids.splice(at, 1)
    }
  }

  /** Puts the pending insertions in place: one by one when few, else sorted and merged in one pass. */
  private settled(): this {
    const pending = this.pending
    if (!pending.length) return this
    this.pending = []
    if (pending.length <= 16) {
      for (const { tuple, id } of pending) {
        const at = this.position(tuple, id)
        this.tuples.splice(at, 0, tuple)
        this.ids.splice(at, 0, id)
      }
      return this
    }
    pending.sort(compareEntries)
    const tuples: unknown[][] = new Array(this.ids.length + pending.length)
    const ids: string[] = new Array(tuples.length)
    let i = 0
    let j = 0
    for (let k = 0; k < tuples.length; k++) {
      const fromOld = j >= pending.length || (i < this.ids.length && (compareTuples(this.tuples[i], pending[j].tuple) || compareIds(this.ids[i], pending[j].id)) < 0)
      if (fromOld) { tuples[k] = this.tuples[i]; ids[k] = this.ids[i++] } else { tuples[k] = pending[j].tuple; ids[k] = pending[j++].id }
    }
    this.tuples = tuples
    this.ids = ids
    return this
  }

  /**
   * The first position in [lo, hi) where `test(tuple)` holds, for a test that is false then true across
   * the span (a lower bound).
   */
  private firstWhere(lo: number, hi: number, test: (t: unknown[]) => boolean): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (test(this.tuples[mid])) hi = mid
      else lo = mid + 1
    }
    return lo
  }

  /**
   * The entries whose first positions equal `prefix` and whose next position lies within `bounds` (if
   * given; one scalar type, as MongoDB brackets comparisons by type).
   */
  span(prefix: readonly unknown[], bounds?: Bounds): Span {
    this.settled()
    const k = prefix.length
    const cmpPrefix = (t: unknown[]) => compareTuples(t, prefix as unknown[], 0, k)
    let lo = this.firstWhere(0, this.ids.length, (t) => cmpPrefix(t) >= 0)
    let hi = this.firstWhere(lo, this.ids.length, (t) => cmpPrefix(t) > 0)
    if (!bounds) return { lo, hi }
    const low = '$gt' in bounds ? { v: bounds.$gt, strict: true } : '$gte' in bounds ? { v: bounds.$gte, strict: false } : null
    const high = '$lt' in bounds ? { v: bounds.$lt, strict: true } : '$lte' in bounds ? { v: bounds.$lte, strict: false } : null
    const typeOf = scalarRank((low ?? high)!.v)
    // A bound missing on one side stops at the edge of the other bound's type.
    if (low) lo = this.firstWhere(lo, hi, (t) => { const c = compareScalars(t[k], low.v); return low.strict ? c > 0 : c >= 0 })
    else lo = this.firstWhere(lo, hi, (t) => scalarRank(t[k]) >= typeOf)
    if (high) hi = this.firstWhere(lo, hi, (t) => { const c = compareScalars(t[k], high.v); return high.strict ? c >= 0 : c > 0 })
    else hi = this.firstWhere(lo, hi, (t) => scalarRank(t[k]) > typeOf)
    return { lo, hi }
  }

  /** Document keys of a span, in index order. */
  idsIn({ lo, hi }: Span): string[] { return this.ids.slice(lo, hi) }

  /**
   * The document keys of the spans merged in the order of tuple positions `from…` (ascending, or
   * descending when `descending`), ties in document-key order either way — the order an in-memory sort
   * of the same documents gives (see query.ts). Lazy: the caller stops when its page is full.
   */
  *merged(spans: Span[], from: number, descending: boolean): Generator<string> {
    const order = (i: number, j: number) => {
      const c = compareTuples(this.tuples[i], this.tuples[j], from)
      return (descending ? -c : c) || compareIds(this.ids[i], this.ids[j])
    }
    // Each span as a stream of positions in the wanted order: ascending as stored; descending by runs of
    // equal tuples from the end, each run read forwards (ties stay in key order).
    const streams = spans.filter((s) => s.lo < s.hi).map((s) => (descending ? this.descendingRuns(s, from) : ascending(s)))
    const heads = streams.map((it) => it.next())
    for (;;) {
      let best = -1
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i]
        if (h.done) continue
        if (best < 0 || order(h.value, heads[best].value as number) < 0) best = i
      }
      if (best < 0) return
      yield this.ids[heads[best].value as number]
      heads[best] = streams[best].next()
    }
  }

  private *descendingRuns({ lo, hi }: Span, from: number): Generator<number> {
    let end = hi - 1
    while (end >= lo) {
      let start = end
      while (start > lo && compareTuples(this.tuples[start - 1], this.tuples[end], from) === 0) start--
      for (let i = start; i <= end; i++) yield i
      end = start - 1
    }
  }
}

function* ascending({ lo, hi }: Span): Generator<number> {
  for (let i = lo; i < hi; i++) yield i
}
