/**
 * The rollups collection (src/domain/metrics/rollup.ts) and its one maintainer.
 *
 * Invariant, true at every commit: each rollup document is the sum, over all issues, of the contribution
 * recorded on the issue (`issue.rollup`). The maintainer is the only writer: in ONE transaction it reads the
 * issue, takes its recorded contribution out of the documents, puts contributionOf(issue.facts) in, records
 * that on the issue and removes the issue's rollup marks. A step that lands on the issue meanwhile makes the
 * transaction conflict (it is retried, or left to the drain); a crash before the commit applies nothing.
 *
 * Whoever changes an issue's facts (commitStep, the raise) pushes a rollup mark in that same conditional
 * update, so an issue whose recorded contribution lags its facts carries a mark until the move is done:
 * the function that took the step moves it after its reply, and the hourly job drains whatever is left.
 * Moving an issue that is up to date changes nothing, so a move repeated, retried or raced is harmless.
 */
import {
  type AuditedIssue,
  NOW_BUCKET,
  ROLLUP_VIEWS,
  type IssueFacts,
  type RecordedContribution,
  type RollupDelta,
  type RollupDoc,
  type RollupView,
  applyDelta,
  contributionOf,
  decodeContribution,
  encodeContribution,
  isRollupMark,
  mergeDeltas,
  rollupChanges,
  sameContribution,
} from '../../src/domain/metrics'
import { cmd, collection, startTransaction } from './db'
import { COLLECTIONS } from './collections'

export const rollupsCollection = () => collection(COLLECTIONS.rollups)

/** Transactions tried per move before the issue is left to the drain. */
const ATTEMPTS = 3
const PAGE = 1000
/** Issues the drain moves in one transaction. */
const DRAIN_BATCH = 25

type SdkError = { code?: unknown; errMsg?: unknown; message?: unknown }
const errorText = (e: unknown): string =>
  e && typeof e === 'object' ? `${(e as SdkError).code ?? ''} ${(e as SdkError).errMsg ?? ''} ${(e as SdkError).message ?? ''}` : String(e)
/** A transaction of the SDK (untyped, as every handle of it: server/runtime/cloud.ts). */
type Transaction = Awaited<ReturnType<typeof startTransaction>>
/** The transaction lost to another writer (or was aborted for it): try again on fresh reads. */
const lostRace = (e: unknown): boolean => /TransactionConflict|TRANSACTION_CONFLICT|TransactionNotExist|TRANSACTION_FAIL/.test(errorText(e))
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** What the maintainer needs of an issue. */
interface Maintained {
  _id: string
  facts?: IssueFacts
  rollup?: RecordedContribution
  outbox?: unknown[]
}

export type MoveOutcome = 'moved' | 'clean' | 'missing' | 'busy'

/** The increments of one delta, as an update's data (dotted paths: `days.<day>.<field>`, `n.<field>`). */
function increments(d: RollupDelta): Record<string, unknown> {
  const _ = cmd()
  const data: Record<string, unknown> = {}
  for (const [slot, n] of d.add) {
    const space = slot.indexOf(' ')
    const where = slot.slice(0, space)
    data[where === 'n' ? `n.${slot.slice(space + 1)}` : `days.${where}.${slot.slice(space + 1)}`] = _.inc(n)
  }
  return data
}

/**
 * Inside a transaction, for each issue: old out, new in, recorded, marks removed — the issues' deltas summed
 * per document, so a batch writes each document once. Documents are incremented, never read and
 * rewritten, so the transaction stays short: an increment that finds no document (updated 0) is followed
 * by the document's creation with the delta as its sums. `careful` reads the documents no old
 * contribution is in first (for a database that refuses an update of a missing document). Sums that fall
 * to zero stay until tidyRollups drops them.
 */
async function moveAll(tx: Transaction, issueIds: readonly string[], careful: boolean): Promise<Map<string, Exclude<MoveOutcome, 'busy'>>> {
  const issues = tx.collection(COLLECTIONS.issues)
  const read: (Maintained | null)[] = await Promise.all(issueIds.map(async (id) => (await issues.doc(id).get()).data as Maintained | null))
  const outcomes = new Map<string, Exclude<MoveOutcome, 'busy'>>()
  const deltas: RollupDelta[] = []
  const known = new Set<string>() // documents are only removed by the rebuild
  const records: (() => Promise<unknown>)[] = []
  const _ = cmd()
  read.forEach((issue, i) => {
    const id = issueIds[i]
    if (!issue || !issue.facts) return void outcomes.set(id, 'missing')
    const outbox = issue.outbox ?? []
    const marks = outbox.filter(isRollupMark)
    const next = contributionOf(issue.facts)
    const recorded = encodeContribution(next)
    const same = sameContribution(issue.rollup, recorded)
    if (same && marks.length === 0) return void outcomes.set(id, 'clean')
    const old = issue.rollup ? decodeContribution(issue.rollup) : null
    if (!same) deltas.push(...rollupChanges(old, next).values())
    if (old) for (const docId of rollupChanges(null, old).keys()) known.add(docId)
    outcomes.set(id, 'moved')
    records.push(() => issues.doc(id).update({
      data: { rollup: _.set(recorded), ...(marks.length ? { outbox: _.set(outbox.filter((e) => !isRollupMark(e))) } : {}) },
    }))
  })
  if (!records.length) return outcomes
  const changes = mergeDeltas(deltas)
  const rollups = tx.collection(COLLECTIONS.rollups)
  const missing = new Set<string>()
  if (careful) {
    const unknown = changes.filter((d) => !known.has(d._id))
    const found = await Promise.all(unknown.map((d) => rollups.doc(d._id).get().then((r: { data: unknown }) => !!r.data)))
    unknown.forEach((d, i) => !found[i] && missing.add(d._id))
  }
  const create = (d: RollupDelta) => {
    const { _id, ...body } = applyDelta(null, d) ?? { _id: d._id, view: d.view, key: d.key, bucket: d.bucket, days: {} }
    return rollups.doc(_id).set({ data: body })
  }
  const [updated] = await Promise.all([
    Promise.all(changes.map((d) => (missing.has(d._id) ? create(d).then(() => 1) : rollups.doc(d._id).update({ data: increments(d) }).then((r: { stats: { updated: number } }) => r.stats.updated)))),
    Promise.all(records.map((write) => write())),
  ])
  await Promise.all(changes.filter((_d, i) => updated[i] === 0).map(create))
  return outcomes
}

/**
 * Brings issues' shares of the rollups up to their facts (see the invariant above), in one transaction.
 * Never applies twice: an issue already up to date is left as it is. A batch that keeps losing to other
 * writers is moved issue by issue; 'busy': an issue kept losing, its mark stays.
 */
export async function maintainRollups(issueIds: readonly string[]): Promise<Map<string, MoveOutcome>> {
  let careful = false
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(Math.floor(Math.random() * 15 * attempt))
    const tx = await startTransaction()
    try {
      const outcomes = await moveAll(tx, issueIds, careful)
      if ([...outcomes.values()].includes('moved')) await tx.commit()
      else await tx.rollback()
      return outcomes
    } catch (e) {
      await tx.rollback().catch(() => undefined)
      if (lostRace(e)) {
        if (issueIds.length > 1) break
        continue
      }
      if (careful) throw e
      careful = true // refused for another reason: once more, reading before writing
    }
  }
  if (issueIds.length === 1) return new Map([[issueIds[0], 'busy']])
  const one = async (id: string) => [id, (await maintainRollups([id])).get(id) ?? 'busy'] as const
  const out = new Map<string, MoveOutcome>()
  for (const id of issueIds) { const [k, v] = await one(id); out.set(k, v) }
  return out
}

/** One issue: see maintainRollups. */
export async function maintainRollup(issueId: string): Promise<MoveOutcome> {
  return (await maintainRollups([issueId])).get(issueId) ?? 'busy'
}

export interface DrainReport {
  pending: number
  moved: number
  clean: number
  busy: number
  /** Issues left for the next run (the time budget ran out). */
  left: boolean
}

/**
 * Moves every issue that carries a rollup mark (a crash after a step, a move that kept losing, a sweep
 * or a calendar entry that moved many issues), DRAIN_BATCH to a transaction, until none is left or
 * `budgetMs` is spent.
 */
export async function drainRollups(budgetMs: number): Promise<DrainReport> {
  const _ = cmd()
  const started = performance.now()
  const report: DrainReport = { pending: 0, moved: 0, clean: 0, busy: 0, left: false }
  const tried = new Set<string>()
  for (;;) {
    // Any mark, however recent (the outbox.at index serves the range; every entry has an instant).
    const { data } = await collection(COLLECTIONS.issues).where({ 'outbox.at': _.gt(0), 'outbox.rollup': true })
      .field({ _id: true }).limit(PAGE).get()
    const fresh = (data as { _id: string }[]).map((d) => d._id).filter((id) => !tried.has(id))
    if (fresh.length === 0) return report
    for (let i = 0; i < fresh.length; i += DRAIN_BATCH) {
      if (performance.now() - started > budgetMs) return { ...report, left: true }
      const batch = fresh.slice(i, i + DRAIN_BATCH)
      for (const id of batch) tried.add(id)
      report.pending += batch.length
      for (const outcome of (await maintainRollups(batch)).values()) {
        if (outcome === 'moved') report.moved++
        else if (outcome === 'busy') report.busy++
        else report.clean++
      }
    }
  }
}

/** A document without its zero sums (and empty days); null when it has none to drop. */
function withoutZeros(doc: RollupDoc): RollupDoc | null {
  let dropped = false
  const days: RollupDoc['days'] = {}
  for (const [day, fields] of Object.entries(doc.days ?? {})) {
    const kept = Object.entries(fields).filter(([, n]) => n !== 0)
    if (kept.length !== Object.keys(fields).length) dropped = true
    if (kept.length) days[day] = Object.fromEntries(kept)
  }
  const n = Object.fromEntries(Object.entries(doc.n ?? {}).filter(([, x]) => x !== 0))
  if (doc.n && Object.keys(n).length !== Object.keys(doc.n).length) dropped = true
  return dropped ? { ...doc, days, ...(doc.n ? { n } : {}) } : null
}

/**
 * Drops the zero sums moves leave behind in the now documents (whose days are the running deadlines of
 * all time, so zeros would pile up there). Each document is rewritten in a transaction: a move landing
 * meanwhile makes it conflict, and it waits for the next hour.
 */
export async function tidyRollups(): Promise<{ tidied: number; busy: number }> {
  const docs = (await Promise.all(ROLLUP_VIEWS.map((view) => readRollups(view, [NOW_BUCKET])))).flat()
  let tidied = 0
  let busy = 0
  for (const doc of docs) {
    if (!withoutZeros(doc)) continue
    const tx = await startTransaction()
    try {
      const { data } = await tx.collection(COLLECTIONS.rollups).doc(doc._id).get()
      const clean = data ? withoutZeros(data as RollupDoc) : null
      if (clean) {
        const { _id, ...body } = clean
        await tx.collection(COLLECTIONS.rollups).doc(_id).set({ data: body })
        await tx.commit()
        tidied++
      } else await tx.rollback()
    } catch (e) {
      await tx.rollback().catch(() => undefined)
      if (!lostRace(e)) throw e
      busy++
    }
  }
  return { tidied, busy }
}

/** Every document of `view` in `buckets` (one query per bucket, in parallel; a full page reads on). */
export async function readRollups(view: RollupView, buckets: readonly string[]): Promise<RollupDoc[]> {
  const pages = await Promise.all(buckets.map(async (bucket) => {
    const out: RollupDoc[] = []
    for (let offset = 0; ; offset += PAGE) {
      const { data } = await rollupsCollection().where({ view, bucket }).orderBy('_id', 'asc').skip(offset).limit(PAGE).get()
      out.push(...(data as RollupDoc[]))
      if (data.length < PAGE) return out
    }
  }))
  return pages.flat()
}

/** Every rollup document of a view (the rebuild check). */
export async function readViewRollups(view: RollupView): Promise<RollupDoc[]> {
  const out: RollupDoc[] = []
  for (let offset = 0; ; offset += PAGE) {
    const { data } = await rollupsCollection().where({ view }).orderBy('_id', 'asc').skip(offset).limit(PAGE).get()
    out.push(...(data as RollupDoc[]))
    if (data.length < PAGE) return out
  }
}

/** One project's issues as the audit reads them (facts, recorded contribution, outbox), a page at a time. */
export async function projectIssuesForAudit(projectId: string): Promise<AuditedIssue[]> {
  const out: AuditedIssue[] = []
  for (let offset = 0; ; offset += PAGE) {
    const { data } = await collection(COLLECTIONS.issues).where({ projectId })
      .field({ _id: true, facts: true, rollup: true, outbox: true }).orderBy('_id', 'asc').skip(offset).limit(PAGE).get()
    out.push(...(data as AuditedIssue[]).filter((i) => !!i.facts))
    if (data.length < PAGE) return out
  }
}

/** Every rollup document of one group of a view (the sample check). */
export async function readGroupRollups(view: RollupView, key: string | null): Promise<RollupDoc[]> {
  const { data } = await rollupsCollection().where({ view, key }).limit(PAGE).get()
  return data as RollupDoc[]
}
