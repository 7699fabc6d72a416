// The function host: loads bundles (loader), runs them in per-function pools of
// worker instances (pool/instance), with the cloud's env and context (context).
import crypto from 'node:crypto'
import { FunctionLoader, FunctionBundle } from './loader'
import { InstancePool } from './pool'
import type { FunctionInstance } from './instance'
import { Caller, invocationContext, invocationEnv, newSeqId } from './context'
import { FunctionMetrics, InvocationStats } from './metrics'
import { InvocationOutcome, notFound } from './outcome'

export interface DbStatsSource {
  takeStats(seqPrefix: string): { roundTrips: number; docsExamined: number; docsReturned: number; replyTrips?: number; replyDepth?: number; afterTrips?: number }
}

export interface FunctionsServiceOptions {
  functionsDir: string
  port: () => number
  clockOffsetMs: () => number
  now: () => number
  db: DbStatsSource
  fallbackPaths: string[]
  maxInstancesPerFunction?: number
  extraEnv?: Record<string, string>
  log: (line: string) => void
}

export interface ActiveInvocation {
  name: string
  caller: Caller
  seqId: string
  /** Database work of functions this one called (cloud.callFunction), added to its own in the report. */
  downstream: DbWork
  /** The instance running it, once one is acquired. */
  instance?: FunctionInstance
}

interface DbWork { dbRoundTrips: number; docsExamined: number; docsReturned: number }

export interface InvocationReport { outcome: InvocationOutcome; stats: InvocationStats; requestId: string }

export class FunctionsService {
  readonly loader: FunctionLoader
  private readonly pools = new Map<string, InstancePool>()
  private readonly active = new Map<string, ActiveInvocation>()
  private readonly counters = new FunctionMetrics()

  constructor(private readonly opts: FunctionsServiceOptions) {
    this.loader = new FunctionLoader(opts.functionsDir)
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {
    for (const pool of this.pools.values()) pool.stop()
    this.pools.clear()
  }

  getInfo() {
    return { name: 'functions', functionsDir: this.opts.functionsDir, functions: this.loader.list() }
  }

  metrics() {
    return this.counters.summary()
  }

  reset(): void {
    this.counters.reset()
  }

  /** The invocation a request came from, found by the `seqId` the SDK attaches (`<TCB_SEQID>-…`). */
  callerOf(seqId: string | undefined): ActiveInvocation | undefined {
    return seqId ? this.active.get(seqId.split('-')[0]) : undefined
  }

  /** Kills the instance running the invocation that sent this request (a planned fault); false if none. */
  kill(seqId: string | undefined, reason: string): boolean {
    const instance = this.callerOf(seqId)?.instance
    if (!instance) return false
    this.opts.log(`killing function instance: ${reason}`)
    instance.kill(reason)
    return true
  }

  /** `parent` is the invocation that called this one through functions.invokeFunction, if any. */
  async invoke(name: string, event: unknown, caller: Caller, parent?: ActiveInvocation): Promise<InvocationReport> {
    const started = Date.now()
    const requestId = crypto.randomUUID()
    const bundle = this.loader.load(name)
    if (!bundle) {
      return { outcome: notFound(name), stats: { dbRoundTrips: 0, docsExamined: 0, docsReturned: 0, ms: 0 }, requestId }
    }
    const seqId = newSeqId()
    const invocation: ActiveInvocation = { name, caller, seqId, downstream: { dbRoundTrips: 0, docsExamined: 0, docsReturned: 0 } }
    this.active.set(seqId, invocation)
    let outcome: InvocationOutcome
    try {
      outcome = await this.run(bundle, event, caller, invocation, requestId)
    } finally {
      this.active.delete(seqId)
    }
    const db = this.opts.db.takeStats(seqId)
    const own = { dbRoundTrips: db.roundTrips, docsExamined: db.docsExamined, docsReturned: db.docsReturned }
    // The reply's path: this function's own requests before its reply was ready (see AFTER_REPLY_MARK).
    const path = { replyTrips: db.replyTrips ?? db.roundTrips, replyDepth: db.replyDepth ?? db.roundTrips, afterTrips: db.afterTrips ?? 0 }
    const ms = Date.now() - started
    this.counters.record(name, outcome, { ...own, ms })
    const total = addWork(own, invocation.downstream)
    if (parent) parent.downstream = addWork(parent.downstream, total)
    if (!outcome.ok) this.opts.log(`function ${name} failed: ${outcome.errCode} ${outcome.errMsg}`)
    return { outcome, stats: { ...total, ...path, ms }, requestId }
  }

  /** Fires the function's timer trigger; undefined when it declares none. */
  async fireTimer(name: string, time?: string): Promise<InvocationReport | undefined> {
    const trigger = this.loader.load(name)?.config.triggers[0]
    if (!trigger) return undefined
    // The real timer event carries whole seconds: "2026-03-02T00:00:00Z".
    const now = new Date(this.opts.now()).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const event = { Type: 'Timer', TriggerName: trigger.name, Time: time ?? now, Message: '' }
    return this.invoke(name, event, { source: 'wx_trigger' })
  }

  private async run(bundle: FunctionBundle, event: unknown, caller: Caller, invocation: ActiveInvocation, requestId: string) {
    const { seqId } = invocation
    const pool = this.poolFor(bundle.name)
    const instance = await pool.acquire(bundle)
    invocation.instance = instance
    try {
      const env = {
        ...invocationEnv({ port: this.opts.port(), bundle, caller, seqId, clockOffsetMs: this.opts.clockOffsetMs() }),
        ...this.opts.extraEnv,
      }
      const context = invocationContext(bundle, requestId, env)
      return await instance.run({ id: requestId, env, event, context, timeoutSeconds: bundle.config.timeout })
    } finally {
      pool.release(instance)
    }
  }

  private poolFor(name: string): InstancePool {
    let pool = this.pools.get(name)
    if (!pool) {
      const size = this.opts.maxInstancesPerFunction ?? 2
      pool = new InstancePool(size, this.opts.fallbackPaths, (line) => this.opts.log(`[${name}] ${line}`))
      this.pools.set(name, pool)
    }
    return pool
  }
}

function addWork(a: DbWork, b: DbWork): DbWork {
  return {
    dbRoundTrips: a.dbRoundTrips + b.dbRoundTrips,
    docsExamined: a.docsExamined + b.docsExamined,
    docsReturned: a.docsReturned + b.docsReturned,
  }
}
