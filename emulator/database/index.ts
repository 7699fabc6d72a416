// DatabaseService: the local cloud's database, answering the real wx-server-sdk's `database.*` actions.
// See README.md in this folder for the spec format and the deliberate deviations from the cloud.
import { randomBytes } from 'crypto'
import { DbError, decodeLine, encodeLine } from './codec'
import { handlers } from './actions'
import { Journal } from './journal'
import { DbMetrics, InvocationTrips, Metrics, Work } from './metrics'
import { DatabaseSpec, defaultSpecPath, loadSpec } from './spec'
import { Store } from './store'
import { Transactions } from './transactions'

export type { DbMetrics } from './metrics'
/** receivedAt: when the HTTP request arrived (performance.now()), to tell parallel requests from sequential ones. */
export interface DbRequestContext { seqId?: string; receivedAt?: number }
export interface DatabaseServiceOptions {
  dataDir: string
  specPath?: string
  log?: (line: string) => void
  now?: () => number
}

/** Journal size that triggers compaction into a snapshot (after a write, and on start). */
export const COMPACT_BYTES = 64 * 1024 * 1024

export class DatabaseService {
  private readonly log: (line: string) => void
  private readonly now: () => number
  private readonly counters: Metrics
  private spec: DatabaseSpec = { collections: [] }
  private journal: Journal | null = null
  private store: Store | null = null
  private txns: Transactions | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(private opts: DatabaseServiceOptions) {
    this.log = opts.log ?? (line => console.log(line))
    this.now = opts.now ?? Date.now
    this.counters = new Metrics(this.log)
  }

  /** Loads the spec, the snapshot and the journal. */
  async start(): Promise<void> {
    this.spec = loadSpec(this.opts.specPath ?? defaultSpecPath(), this.log)
    this.journal = new Journal(this.opts.dataDir, this.log)
    const loaded = this.journal.load()
    const store = new Store(this.spec, this.journal)
    for (const name of loaded.created) store.replay(0, [{ t: 'create', c: name }])
    for (const { c, d } of loaded.docs) store.replay(0, [{ t: 'put', c, doc: d }])
    store.seq = loaded.seq
    for (const b of loaded.batches) store.replay(b.s, b.ops)
    this.store = store
    this.txns = new Transactions(store, this.now, this.log)
    if (this.journal.size > COMPACT_BYTES / 4) this.compact()
    this.timer = setInterval(() => this.txns?.sweep(), 5_000)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.journal?.close()
    this.journal = null
    this.store = null
    this.txns = null
  }

  handles(action: string): boolean {
    return Object.prototype.hasOwnProperty.call(handlers, action)
  }

  /** Answers one request; never throws: refusals come back as `{ code, message }`. */
  async handle(action: string, body: any, ctx: DbRequestContext): Promise<any> {
    const work: Work = { examined: 0, returned: 0 }
    let failed = false
    try {
      if (!this.store || !this.txns) throw new DbError('RESOURCE_NOT_INITIAL', 'database service is not started')
      const handler = handlers[action]
      if (!handler) throw new DbError('INVALID_PARAM', `unknown database action ${action}`)
      if (body === null || typeof body !== 'object') throw new DbError('INVALID_PARAM', 'request body must be a JSON object')
      this.txns.sweep()
      const env = { work, action, unindexed: (c: string, f: string[], a: string) => this.counters.unindexedQuery(c, f, a) }
      const reply = handler(body, { store: this.store, txns: this.txns, now: this.now(), env })
      if (this.journal && this.journal.size > COMPACT_BYTES) this.compact()
      return { ...reply, requestId: requestId() }
    } catch (e: any) {
      failed = true
      return { ...toErrorReply(e, this.log), requestId: requestId() }
    } finally {
      this.counters.record(action, ctx?.seqId, work, failed, ctx?.receivedAt)
    }
  }

  /** Drops every document and run-time collection (tests call this between cases); keeps the spec. */
  async reset(): Promise<void> {
    this.txns?.reset()
    this.store?.resetCollections()
    this.journal?.clear()
    this.counters.reset()
  }

  metrics(): DbMetrics {
    return this.counters.snapshot()
  }

  /** Every document and run-time collection, each document as one lossless line (POST /dev/snapshot). */
  capture(): { created: string[]; documents: string[] } {
    if (!this.store) throw new DbError('RESOURCE_NOT_INITIAL', 'database service is not started')
    return { created: this.store.created(), documents: Array.from(this.store.allDocs(), (entry) => encodeLine(entry)) }
  }

  /** reset(), then exactly the captured documents and collections, written to disk as a snapshot (POST /dev/restore). */
  async restore(captured: { created: string[]; documents: string[] }): Promise<void> {
    const entries = captured.documents.map((line) => decodeLine(line) as { c: string; d: any })
    await this.reset()
    const store = this.store!
    for (const name of captured.created) store.replay(store.seq, [{ t: 'create', c: name }])
    for (const { c, d } of entries) store.replay(store.seq, [{ t: 'put', c, doc: d }])
    this.compact()
  }

  /**
   * Dev only (POST /dev/import/<collection>): one lossless line per document (as in the snapshot), straight
   * into the store — no request per batch, no journal line. `persist` then writes the whole database once as
   * a snapshot: the imported documents are durable from that moment (a crash before it loses them).
   */
  importDocuments(collection: string, lines: string[], opts: { replace?: boolean; persist?: boolean }): number {
    if (!this.store) throw new DbError('RESOURCE_NOT_INITIAL', 'database service is not started')
    const docs = lines.map((line) => decodeLine(line))
    const n = this.store.importDocs(collection, docs, !!opts.replace)
    if (opts.persist) this.compact()
    return n
  }

  takeStats(seqPrefix: string): InvocationTrips {
    return this.counters.take(seqPrefix)
  }

  /** Writes a snapshot of everything and empties the journal. */
  compact() {
    if (!this.store || !this.journal) return
    this.journal.snapshot(this.store.seq, this.store.created(), this.store.allDocs())
  }
}

const requestId = () => randomBytes(8).toString('hex')

const OPERATOR_ERROR = /unknown (query |update |expression |accumulator |projection )?operator|unregistered .*operator|invalid operator|operator .* not (found|supported)|unknown .*stage/i

function toErrorReply(e: any, log: (line: string) => void): { code: string; message: string } {
  if (e instanceof DbError) return { code: e.code, message: e.message }
  const message = String(e?.message ?? e)
  if (OPERATOR_ERROR.test(message)) return { code: 'DATABASE_INVALID_OPERRATOR', message }
  if (e?.name === 'MingoError' || e instanceof TypeError) return { code: 'DATABASE_REQUEST_FAILED', message }
  log(`[local cloud] database internal error: ${e?.stack ?? message}`)
  return { code: 'SYS_ERR', message }
}
