/**
 * The product's cloud functions running in a fresh local cloud, called as the mini-program calls
 * them (POST /functions/<name>, the caller's OPENID in the dev header). Nothing is mocked: each
 * function uses the real wx-server-sdk against the emulator.
 */
import path from 'node:path'
import type { ActionName, Contract, FunctionName, InputOf, OutputOf } from '../../../src/domain/contract'
import { readEnvelope, unwrap } from '../../../src/domain/contract/envelope'
import type { AppErrorShape } from '../../../src/domain/errors'
import { type LocalCloudHandle, REPO_ROOT, startLocalCloud } from '../../support/localCloud'

export const MANAGER = 'o_test_manager'

export type Out<F extends FunctionName, A extends ActionName<F>> = OutputOf<Contract[F][A]>
export type In<F extends FunctionName, A extends ActionName<F>> = InputOf<Contract[F][A]>
/** As the mini-program sends it; a step's request id is made here when the test leaves it out (each call, a new request). */
export type CallIn<F extends FunctionName, A extends ActionName<F>> = In<F, A> extends { clientRequestId: string } & infer _R
  ? F extends 'issues' ? (A extends 'act' ? Omit<In<F, A>, 'clientRequestId'> & { clientRequestId?: string } : In<F, A>) : In<F, A>
  : In<F, A>

let stepRequests = 0
/** A fresh request id, as a phone makes one per attempt. */
export const stepRequestId = (): string => `step_${process.pid.toString(36)}_${(stepRequests++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`
const withRequestId = (fn: string, action: string, input: unknown): unknown =>
  fn === 'issues' && action === 'act' && input && typeof input === 'object' && !('clientRequestId' in input) ? { ...input, clientRequestId: stepRequestId() } : input

export interface Caller {
  openid: string
  call<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input?: CallIn<F, A>, extra?: Record<string, unknown>): Promise<Out<F, A>>
  fail<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input?: unknown, extra?: Record<string, unknown>): Promise<AppErrorShape>
  raw(fn: string, event: unknown): Promise<any>
}

export interface App {
  cloud: LocalCloudHandle
  as(openid: string): Caller
  /** The local cloud's time: what the functions read as now. */
  now(): Promise<number>
  stop(): Promise<void>
  /** Unindexed queries reported before the local cloud's metrics were last dropped (a restore between stories). */
  earlierUnindexed: unknown[]
}

/** The local clouds this test file started (jest gives each file its own module registry). */
let cloudsStarted = 0
/** The file's own, and one more where a test needs a process of its own (and says why). */
const MAX_CLOUDS_PER_FILE = 2

/**
 * A fresh local cloud with the product's functions. Test files use useApiWorld() (./world.ts), which
 * starts one per file and shares it. extraArgs: more emulator flags, e.g.
 * ['--function-env', 'RED_AFTER_WORKING_DAYS=2', '--long-term-templates', 'tpl_issue_status'].
 */
export async function startApp(opts: { dataDir?: string; extraArgs?: string[]; functionsDir?: string; clock?: string; env?: Record<string, string> } = {}): Promise<App> {
  if (++cloudsStarted > MAX_CLOUDS_PER_FILE) {
    throw new Error(`a test file starts at most ${MAX_CLOUDS_PER_FILE} local clouds: use useApiWorld() from test/api/support/world.ts, which starts one per file and restores the world between describe blocks`)
  }
  const cloud = await startLocalCloud({
    dataDir: opts.dataDir,
    clock: opts.clock,
    functionsDir: opts.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions'),
    extraArgs: ['--function-env', `MANAGER_OPENIDS=${MANAGER}`, ...(opts.extraArgs ?? [])],
    // Strict: every query without a declared index is reported, whatever the collection's size.
    env: { LOCAL_CLOUD_UNINDEXED_THRESHOLD: '0', ...opts.env },
  })
  const as = (openid: string): Caller => {
    const raw = async (fn: string, event: unknown) => {
      const res = await cloud.call(fn, event, openid)
      if (res.errCode !== undefined) throw new Error(`${fn} failed in the cloud: ${res.errCode} ${res.errMsg}`)
      return res.result
    }
    return {
      openid,
      raw,
      async call(fn, action, input, extra) {
        return unwrap(await raw(fn, { action, input: withRequestId(fn, String(action), input), ...extra }), `${fn}.${String(action)}`)
      },
      async fail(fn, action, input, extra) {
        const reply = await raw(fn, { action, input: withRequestId(fn, String(action), input), ...extra })
        const envelope = readEnvelope(reply)
        if (!envelope) throw new Error(`${fn}.${String(action)} was expected to fail but answered no envelope: ${JSON.stringify(reply)?.slice(0, 300)}`)
        if (envelope.ok) throw new Error(`${fn}.${String(action)} was expected to fail but answered ${JSON.stringify(envelope.data)?.slice(0, 300)}`)
        return envelope.error
      },
    }
  }
  return { cloud, as, now: () => cloud.now(), stop: async () => void (await cloud.stop()), earlierUnindexed: [] }
}

/** Queries the functions issued that no index in database/collections.json serves (since the cloud started, across restores). */
export async function unindexedQueries(app: App): Promise<unknown[]> {
  const { body } = await app.cloud.fetchJson('/dev/metrics')
  return [...app.earlierUnindexed, ...body.database.unindexedQueries]
}

/** Keeps what the metrics say about unindexed queries before a restore or reset drops them. */
export async function keepUnindexed(app: App): Promise<void> {
  const { body } = await app.cloud.fetchJson('/dev/metrics')
  app.earlierUnindexed.push(...body.database.unindexedQueries)
}

/** The documents of some collections, read through the local cloud's dev endpoint (for before/after diffs). */
export async function dumpCollections(app: App, names: string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const name of names) {
    const { body } = await app.cloud.fetchJson(`/dev/db/${name}`)
    out[name] = body.documents
  }
  return out
}
