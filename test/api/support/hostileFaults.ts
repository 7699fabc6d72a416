/**
 * What the fault suite checks after every scenario, and the small tools it breaks things with.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readEnvelope } from '../../../src/domain/contract/envelope'
import { replay } from '../../../src/domain/issue'
import type { Issue } from '../../../src/domain/types'
import { REPO_ROOT } from '../../support/localCloud'
import type { App } from './app'

export const issuesOf = async (app: App): Promise<Issue[]> => (await app.cloud.fetchJson('/dev/db/issues')).body.documents

/**
 * Every stored issue is whole and is a cache of its timeline: version == timeline length, one issue
 * per clientRequestId, and the fields equal replay(timeline). Answers the problems found.
 */
export function issueInvariantProblems(issues: Issue[]): string[] {
  const problems: string[] = []
  const byRequest = new Map<string, number>()
  for (const stored of issues) {
    byRequest.set(stored.clientRequestId, (byRequest.get(stored.clientRequestId) ?? 0) + 1)
    if (stored.timeline.length !== stored.version) problems.push(`${stored._id}: version ${stored.version} but ${stored.timeline.length} events`)
    // facts, the outbox and the recorded rollup contribution are the server's, not the timeline's: the rest must be its replay.
    const { facts: _facts, outbox: _outbox, rollup: _rollup, ...fields } = stored as Issue & { facts?: unknown; outbox?: unknown; rollup?: unknown }
    const replayed = replay(stored.timeline)
    const differing = [...new Set([...Object.keys(fields), ...Object.keys(replayed)])]
      .filter((k) => JSON.stringify((fields as any)[k]) !== JSON.stringify((replayed as any)[k]))
    if (differing.length) problems.push(`${stored._id}: stored ≠ replay in ${differing.join(', ')}`)
  }
  for (const [id, n] of byRequest) if (n > 1) problems.push(`clientRequestId ${id} stored ${n} times`)
  return problems
}

/** The lifecycle fields a timer run may change, per issue id (for comparing two end states). */
export function lifecycleOf(issues: Issue[]): Record<string, unknown> {
  return Object.fromEntries(
    [...issues].sort((a, b) => a._id.localeCompare(b._id)).map((i) => [i._id, {
      state: i.state, version: i.version, ladder: i.ladder, overdueStages: i.overdueStages, autoClosed: i.autoClosed, closedAt: i.closedAt,
      signForDue: i.signForDue, answerDue: i.answerDue, confirmDue: i.confirmDue, returnCount: i.returnCount, reopenCount: i.reopenCount,
      timeline: i.timeline.map((e) => `${e.action}@${e.at}:${e.from}>${e.to}`),
    }]),
  )
}

/** A call that may die in transit: 'ok', a refusal code, or 'lost' when no answer came back. */
export type Ack<T = unknown> = { status: 'ok'; data: T } | { status: 'refused'; code: string; details?: any } | { status: 'lost'; why: string }

export async function attempt<T>(app: App, openid: string, fn: string, event: unknown): Promise<Ack<T>> {
  try {
    const res = await app.cloud.call(fn, event, openid)
    if (res.errCode !== undefined) return { status: 'lost', why: `${res.errCode} ${res.errMsg}` }
    const envelope = readEnvelope<T>(res.result)
    if (!envelope) return { status: 'lost', why: `no envelope: ${JSON.stringify(res.result)?.slice(0, 200)}` }
    return envelope.ok ? { status: 'ok', data: envelope.data } : { status: 'refused', code: envelope.error.code, details: envelope.error.details }
  } catch (e) {
    return { status: 'lost', why: String((e as Error).message) }
  }
}

export const setClock = (app: App, now: number) =>
  app.cloud.fetchJson('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now }) })
export const resetClock = (app: App) =>
  app.cloud.fetchJson('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reset: true }) })

export async function fireJobs(app: App, time: string): Promise<{ status: number; body: any }> {
  return app.cloud.fetchJson('/dev/timers/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ time }) })
}

/**
 * The product's built bundles copied into a temporary functions dir, so a test can change their
 * deployment config (config.json: the time limit) without touching the repo: useApiWorld's `functions`.
 */
export async function productFunctionsCopy(): Promise<{ dir: string; remove(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faults-functions-'))
  const source = path.join(REPO_ROOT, 'cloudfunctions')
  for (const name of fs.readdirSync(source)) {
    if (!fs.existsSync(path.join(source, name, 'index.js'))) continue
    fs.mkdirSync(path.join(dir, name))
    for (const file of ['index.js', 'config.json', 'package.json']) {
      if (fs.existsSync(path.join(source, name, file))) fs.copyFileSync(path.join(source, name, file), path.join(dir, name, file))
    }
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
