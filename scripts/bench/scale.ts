/**
 * Scale: a zone of 500 projects (made through the functions), a year of weekly visits (500 × 52, through
 * wx-server-sdk) and 1k → 100k → 1M issues, then the list, detail and dashboard calls measured at each size.
 * The issues go in through the local cloud's bulk import (POST /dev/import: batches of documents, no
 * request per document, no journal line), each with its recorded rollup contribution, and the rollup
 * documents they sum to beside them — what `scripts/rollups.ts rebuild` would write, computed here by
 * the same domain functions. At sizes up to CHECK_UP_TO the rebuild check then confirms it.
 */
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { RollupDoc } from '../../src/domain/metrics'
import { periodFor } from '../../src/domain/period'
import { DAY_MS } from '../../src/domain/time'
import { REPO_ROOT, type LocalCloudHandle, startLocalCloud } from '../../test/support/localCloud'
import { type ZoneIds, visitsFor } from './generate'
import type { WorkerReply, WorkerRequest } from './issueWorker'
import { Progress, type Stats, invoke, median, p95, round, setClock } from './lib'

export const MANAGER = 'o_bench_manager'
export const NOW = Date.parse('2026-11-25T10:00:00+08:00') // a Wednesday; the data covers the 52 weeks before it
const TEAMS = 25
const DEPARTMENTS = 12
const PROJECTS = 500
const BATCH = 100
const IN_FLIGHT = 4
const TIME_CAP_MS = 20_000
const MIN_SAMPLES = 3
const IMPORT_BATCH = 5000
/** Sizes at which the rebuild check (every issue read back through the SDK) runs after the load. */
const CHECK_UP_TO = 100_000

export interface CallFigures { call: string; who: string; samples: number; errors: string[]; msMedian: number; msP95: number; wallMedian: number; wallP95: number; dbRoundTrips: number[]; docsExamined: number; docsExaminedMax: number; docsReturned: number }
export interface Memory { rssMb: number; heapUsedMb: number }
export interface SizeFigures {
  issues: number; visits: number; loadSeconds: number; openIssues: number; rollupDocs: number
  /** The rebuild check's verdict (scripts/rollups.ts check), where it ran. */
  rollupCheck?: { seconds: number; clean: boolean; stale: number; drift: number }
  /** The local cloud's process after the load (and the bench's own). */
  memory: { cloud: Memory; bench: Memory }
  calls: CallFigures[]; unindexed: unknown[]
}

async function buildZone(cloud: LocalCloudHandle, progress: (n: number) => void): Promise<ZoneIds> {
  const call = async (openid: string, fn: string, action: string, input: unknown) => (await invoke(cloud, openid, fn, action, input)).result
  const zone: ZoneIds = { manager: MANAGER, staff: {}, handlers: {}, departmentIds: [], projects: [] }
  let done = 0
  const teams: string[] = []
  for (let i = 0; i < TEAMS; i++) {
    const team = await call(MANAGER, 'org', 'createTeam', { name: `第${i + 1}服务专班` })
    teams.push(team._id)
    const invite = await call(MANAGER, 'org', 'createInvite', { kind: 'staff', teamId: team._id })
    const openid = `o_bench_staff_${i}`
    await call(openid, 'me', 'acceptInvite', { code: invite.code, name: `专员${i + 1}` })
    zone.staff[team._id] = openid
    progress(++done)
  }
  const DEPT_NAMES = ['住建局', '商务局', '发改局', '自然资源局', '生态环境局', '人社局', '市场监管局', '税务局', '供电公司', '水务集团', '交通局', '科技局']
  for (let i = 0; i < DEPARTMENTS; i++) {
    const d = await call(MANAGER, 'org', 'upsertDepartment', { name: DEPT_NAMES[i] ?? `部门${i + 1}` })
    zone.departmentIds.push(d._id)
    const invite = await call(MANAGER, 'org', 'createInvite', { kind: 'handler', departmentId: d._id })
    const openid = `o_bench_handler_${i}`
    await call(openid, 'me', 'acceptInvite', { code: invite.code, name: `经办人${i + 1}` })
    zone.handlers[d._id] = openid
    progress(++done)
  }
  for (let i = 0; i < PROJECTS; i++) {
    const p = await call(MANAGER, 'projects', 'create', {
      enterpriseName: `示范企业${i + 1}有限公司`, name: `产业项目${i + 1}`, address: `高新区创新大道 ${i + 1} 号`,
      teamId: teams[i % TEAMS], visitWeekday: 1 + (i % 5), contacts: [{ name: '张总', phone: '13900000001' }],
    })
    zone.projects.push({ _id: p._id, teamId: p.teamId, visitWeekday: p.visitWeekday })
    progress(++done)
  }
  return zone
}

/** wx-server-sdk in this process, pointed at the local cloud (what --print-env gives). */
function sdkDatabase(cloud: LocalCloudHandle): any {
  Object.assign(process.env, cloud.env)
  const req = createRequire(path.join(REPO_ROOT, 'package.json'))
  const sdk = req('wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV })
  return sdk.database()
}

async function load(db: any, collection: string, docs: Iterable<any>, total: number, label: string): Promise<number> {
  const bar = new Progress(label, total)
  const started = Date.now()
  let done = 0
  const inFlight = new Set<Promise<void>>()
  let batch: any[] = []
  // A batch is committed whole or not at all; a connection reset (a keep-alive socket closed while the local
  // cloud was busy compacting its journal) is retried, and "duplicate" on a retry means the first try landed.
  const addBatch = async (data: any[]) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const r = await db.collection(collection).add({ data })
        if (r?.code) throw new Error(`${collection} add: ${r.code} ${r.message}`)
        return
      } catch (e) {
        const msg = String((e as Error).message)
        if (attempt > 0 && /duplicate|E11000/i.test(msg)) return
        if (attempt >= 4 || !/ECONNRESET|socket hang up|-501001/.test(msg)) throw e
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)))
      }
    }
  }
  const send = (data: any[]) => {
    const p: Promise<void> = addBatch(data).then(() => {
      done += data.length
      bar.update(done)
    }).finally(() => inFlight.delete(p))
    inFlight.add(p)
    return p
  }
  for (const d of docs) {
    batch.push(d)
    if (batch.length === BATCH) {
      send(batch)
      batch = []
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight)
    }
  }
  if (batch.length) send(batch)
  await Promise.all(inFlight)
  bar.update(total)
  return (Date.now() - started) / 1000
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20)

/**
 * One batch through POST /dev/import (one JSON line per document, joined by newlines), all or nothing. A kept-alive socket the
 * local cloud closed meanwhile is retried; "duplicate" on a retry means the first try landed.
 */
async function importBatch(cloud: LocalCloudHandle, collection: string, text: string, flags = ''): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { status, body } = await cloud.fetchJson(`/dev/import/${collection}${flags}`, { method: 'POST', body: text })
      if (status === 200 || (attempt > 0 && /E11000/.test(JSON.stringify(body)))) return
      throw new Error(`import into ${collection}: ${status} ${JSON.stringify(body).slice(0, 300)}`)
    } catch (e) {
      if (attempt >= 3 || !/fetch failed/.test(String((e as Error).message))) throw e
      await new Promise((r) => setTimeout(r, 500 * (attempt + 1)))
    }
  }
}

/** The issue factories, one per worker thread (./issueWorker.ts), each answering its requests in order. */
class Generators {
  private readonly workers: Worker[]
  private readonly waiting: ((r: WorkerReply) => void)[][]
  private turn = 0
  constructor(zone: ZoneIds, now: number, count = Math.max(1, os.cpus().length)) {
    this.workers = Array.from({ length: count }, (_, k) =>
      // A worker thread does not inherit tsx's loader: it registers tsx for require() and loads the TypeScript file.
      new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(path.join(REPO_ROOT, 'scripts/bench/issueWorker.ts'))})`, {
        eval: true, workerData: { zone, now, seed: 42 + k, firstSeq: k * 100_000_000 },
      }))
    this.waiting = this.workers.map(() => [])
    this.workers.forEach((w, k) => {
      w.on('message', (r: WorkerReply) => this.waiting[k].shift()!(r))
      w.on('error', (e) => { throw e })
    })
  }
  private ask(k: number, req: WorkerRequest): Promise<WorkerReply> {
    return new Promise((resolve) => {
      this.waiting[k].push(resolve)
      this.workers[k].postMessage(req)
    })
  }
  /** The next batch, from the workers in turn (the same run, the same data). */
  make(n: number) { return this.ask(this.turn++ % this.workers.length, { make: n }) as Promise<Extract<WorkerReply, { lines: string }>> }
  /** The rollup documents of every issue made so far: each worker's sums, added up. */
  async rollups(): Promise<RollupDoc[]> {
    const shards = await Promise.all(this.workers.map((_, k) => this.ask(k, { rollups: true }) as Promise<Extract<WorkerReply, { rollups: RollupDoc[] }>>))
    const out = new Map<string, RollupDoc>()
    const add = (into: Record<string, number>, from: Record<string, number>) => { for (const [f, x] of Object.entries(from)) into[f] = (into[f] ?? 0) + x }
    for (const { rollups } of shards) for (const d of rollups) {
      const into = out.get(d._id)
      if (!into) { out.set(d._id, structuredClone(d)); continue }
      for (const [day, fields] of Object.entries(d.days)) add((into.days[day] ??= {}), fields)
      if (d.n) add((into.n ??= {}), d.n)
    }
    return [...out.values()]
  }
  stop() { return Promise.all(this.workers.map((w) => w.terminate())) }
}

/**
 * `n` more issues through the bulk import, each with its recorded contribution (made by the workers while
 * the last batch is imported), then the rollup documents they all sum to, replacing the last size's.
 */
async function importIssues(cloud: LocalCloudHandle, gens: Generators, n: number, made: string[], label: string): Promise<{ seconds: number; open: number; rollupDocs: number }> {
  const bar = new Progress(label, n)
  const started = performance.now()
  let requested = 0
  let done = 0
  let open = 0
  const request = () => {
    const m = Math.min(IMPORT_BATCH, n - requested)
    requested += m
    return gens.make(m)
  }
  const queue: ReturnType<Generators['make']>[] = []
  while (queue.length < 2 && requested < n) queue.push(request())
  while (queue.length) {
    const batch = await queue.shift()!
    if (requested < n) queue.push(request())
    await importBatch(cloud, 'issues', batch.lines)
    made.push(...batch.ids)
    open += batch.open
    bar.update((done += batch.ids.length))
  }
  const docs = await gens.rollups()
  for (let i = 0; i < docs.length; i += IMPORT_BATCH) await importBatch(cloud, 'rollups', docs.slice(i, i + IMPORT_BATCH).map((d) => JSON.stringify(d)).join('\n'), '?replace=1')
  bar.update(n)
  return { seconds: (performance.now() - started) / 1000, open, rollupDocs: docs.length }
}

/** `scripts/rollups.ts check` against the cloud: the stored rollups are what the stored issues sum to. */
function rollupCheck(cloud: LocalCloudHandle): Promise<NonNullable<SizeFigures['rollupCheck']>> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/rollups.ts', 'check', '--port', String(cloud.port)], { cwd: REPO_ROOT, timeout: 600_000, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      try {
        const report = JSON.parse(stdout)
        resolve({ seconds: round((performance.now() - started) / 1000), clean: !error, stale: report.stale, drift: report.drift })
      } catch {
        reject(new Error(`rollups check gave no report: ${error?.message ?? ''}\n${stderr.slice(-1000)}`))
      }
    })
  })
}

async function measure(cloud: LocalCloudHandle, label: string, who: string, openid: string, fn: string, action: string, inputs: () => unknown, samples: number): Promise<CallFigures> {
  const errors: string[] = []
  const attempt = async () => {
    const t = performance.now()
    try {
      return await invoke(cloud, openid, fn, action, inputs())
    } catch (e) {
      errors.push(`${((performance.now() - t) / 1000).toFixed(1)} s: ${String((e as Error).message).slice(0, 160)}`)
      return null
    }
  }
  const warm = await attempt()
  const slow = !warm || warm.wallMs > 2000
  if (!slow) await attempt()
  errors.length = 0
  const stats: Stats[] = []
  const wall: number[] = []
  const until = Date.now() + TIME_CAP_MS
  // ~`samples` calls, but no more than TIME_CAP_MS of them once MIN_SAMPLES are in (the run must stay < 10 min).
  for (let i = 0; i < samples && (i < MIN_SAMPLES || Date.now() < until); i++) {
    const m = await attempt()
    if (!m) continue
    stats.push(m.stats)
    wall.push(m.wallMs)
  }
  const ms = stats.map((s) => s.ms)
  const examined = stats.map((s) => s.docsExamined)
  return {
    call: label, who, samples: stats.length, errors, msMedian: round(median(ms)), msP95: round(p95(ms)), wallMedian: round(median(wall)), wallP95: round(p95(wall)),
    dbRoundTrips: [...new Set(stats.map((s) => s.dbRoundTrips))].sort((a, b) => a - b),
    docsExamined: median(examined), docsExaminedMax: stats.length ? Math.max(...examined) : NaN, docsReturned: median(stats.map((s) => s.docsReturned)),
  }
}

export async function scale(sizes: number[], samples = 20): Promise<{ zone: { teams: number; departments: number; projects: number; visits: number; zoneSeconds: number; visitsSeconds: number }; sizes: SizeFigures[]; emulatorLog: string[] }> {
  const cloud = await startLocalCloud({
    extraArgs: ['--function-env', `MANAGER_OPENIDS=${MANAGER}`],
    // A million issues take some 10 GB in the local cloud's memory (documents as objects, and their indexes).
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${Math.max(...sizes) > 200_000 ? 16384 : 8192}`.trim() },
  })
  let gens: Generators | undefined
  try {
    const t0 = Date.now()
    await setClock(cloud, NOW - 365 * DAY_MS) // the zone exists from a year ago: projects count as active all year
    const zoneBar = new Progress('zone (functions)', TEAMS + DEPARTMENTS + PROJECTS)
    const zone = await buildZone(cloud, (n) => zoneBar.update(n))
    const zoneSeconds = (Date.now() - t0) / 1000
    await setClock(cloud, NOW)
    const db = sdkDatabase(cloud)
    const visitCount = PROJECTS * 52
    const visitsSeconds = await load(db, 'visits', visitsFor(zone, NOW), visitCount, 'visits (SDK)  ')
    gens = new Generators(zone, NOW)
    const made: string[] = []
    let openIssues = 0
    const out: SizeFigures[] = []
    const staffTeam = zone.projects[0].teamId
    const quarter = periodFor('quarter', NOW)
    for (const size of sizes) {
      const loaded = await importIssues(cloud, gens, size - made.length, made, `issues → ${size.toLocaleString('en-US')}`.padEnd(14))
      openIssues += loaded.open
      const check = size <= CHECK_UP_TO ? await rollupCheck(cloud) : undefined
      if (check && !check.clean) throw new Error(`the rollups loaded at ${size} issues differ from the issues: ${JSON.stringify(check)}`)
      const own = process.memoryUsage()
      const { memory: cloudMemory } = (await cloud.fetchJson('/dev/metrics')).body
      const memory = { cloud: { rssMb: mb(cloudMemory.rss), heapUsedMb: mb(cloudMemory.heapUsed) }, bench: { rssMb: mb(own.rss), heapUsedMb: mb(own.heapUsed) } }
      await cloud.fetchJson('/dev/metrics') // (metrics are cumulative; unindexed queries read below)
      let k = 0
      const pickIssue = () => ({ issueId: made[(k++ * 7919) % made.length] })
      const calls = [
        await measure(cloud, 'issues.list (open)', 'manager', MANAGER, 'issues', 'list', () => ({ state: 'open', pageSize: 20 }), samples),
        await measure(cloud, 'issues.list (open, overdue)', 'manager', MANAGER, 'issues', 'list', () => ({ state: 'open', overdue: true, pageSize: 20 }), samples),
        await measure(cloud, 'issues.list (team, open)', 'staff', zone.staff[staffTeam], 'issues', 'list', () => ({ state: 'open', teamId: staffTeam, pageSize: 20 }), samples),
        await measure(cloud, 'issues.get', 'manager', MANAGER, 'issues', 'get', pickIssue, samples),
        await measure(cloud, 'dashboard.summary (quarter)', 'manager', MANAGER, 'dashboard', 'summary', () => ({ period: quarter }), samples),
        await measure(cloud, 'dashboard.summary (quarter, by department)', 'manager', MANAGER, 'dashboard', 'summary', () => ({ period: quarter, groupBy: 'department' }), samples),
      ]
      const { body } = await cloud.fetchJson('/dev/metrics')
      out.push({ issues: size, visits: visitCount, loadSeconds: round(loaded.seconds), openIssues, rollupDocs: loaded.rollupDocs, ...(check ? { rollupCheck: check } : {}), memory, calls, unindexed: body.database?.unindexedQueries ?? [] })
      process.stderr.write(`  measured at ${size.toLocaleString('en-US')} issues\n`)
    }
    const emulatorLog = cloud.output().stderr.split('\n').filter((l) => /unindexed|warn|error/i.test(l)).slice(0, 50)
    return { zone: { teams: TEAMS, departments: DEPARTMENTS, projects: PROJECTS, visits: visitCount, zoneSeconds: round(zoneSeconds), visitsSeconds: round(visitsSeconds) }, sizes: out, emulatorLog }
  } catch (e) {
    const { stderr } = cloud.output()
    process.stderr.write(`\nlocal cloud stderr (last 3000 chars):\n${stderr.slice(-3000)}\nlast exit: ${JSON.stringify(cloud.lastExit())}\n`)
    throw e
  } finally {
    await gens?.stop()
    await cloud.stop()
  }
}
