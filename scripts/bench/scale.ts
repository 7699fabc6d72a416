/**
 * Scale: a zone of 500 projects (made through the functions), a year of weekly visits (500 × 52) and
 * 1k → 10k → 100k issues loaded through the SDK-facing database (wx-server-sdk pointed at the local
 * cloud, `collection.add({ data: [100 docs] })`), then the list, detail and dashboard calls measured
 * at each size.
 */
import { createRequire } from 'node:module'
import path from 'node:path'
import { periodFor } from '../../src/domain/period'
import { DAY_MS } from '../../src/domain/time'
import { REPO_ROOT, type LocalCloudHandle, startLocalCloud } from '../../test/support/localCloud'
import { IssueFactory, type ZoneIds, visitsFor } from './generate'
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

export interface CallFigures { call: string; who: string; samples: number; errors: string[]; msMedian: number; msP95: number; wallMedian: number; wallP95: number; dbRoundTrips: number[]; docsExamined: number; docsExaminedMax: number; docsReturned: number }
export interface SizeFigures { issues: number; visits: number; loadSeconds: number; openIssues: number; calls: CallFigures[]; unindexed: unknown[] }

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

function* take<T>(n: number, make: () => T): Generator<T> { for (let i = 0; i < n; i++) yield make() }

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
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim() },
  })
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
    const factory = new IssueFactory(zone, NOW)
    const made: string[] = []
    let openIssues = 0
    const out: SizeFigures[] = []
    const staffTeam = zone.projects[0].teamId
    const quarter = periodFor('quarter', NOW)
    for (const size of sizes) {
      const add = size - made.length
      const loadSeconds = await load(db, 'issues', take(add, () => {
        const i = factory.make()
        made.push(i._id)
        if (!['closed', 'withdrawn', 'declined'].includes(i.state)) openIssues++
        return i
      }), add, `issues → ${size.toLocaleString('en-US')}`.padEnd(14))
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
      out.push({ issues: size, visits: visitCount, loadSeconds: round(loadSeconds), openIssues, calls, unindexed: body.database?.unindexedQueries ?? [] })
      process.stderr.write(`  measured at ${size.toLocaleString('en-US')} issues\n`)
    }
    const emulatorLog = cloud.output().stderr.split('\n').filter((l) => /unindexed|warn|error/i.test(l)).slice(0, 50)
    return { zone: { teams: TEAMS, departments: DEPARTMENTS, projects: PROJECTS, visits: visitCount, zoneSeconds: round(zoneSeconds), visitsSeconds: round(visitsSeconds) }, sizes: out, emulatorLog }
  } catch (e) {
    const { stderr } = cloud.output()
    process.stderr.write(`\nlocal cloud stderr (last 3000 chars):\n${stderr.slice(-3000)}\nlast exit: ${JSON.stringify(cloud.lastExit())}\n`)
    throw e
  } finally {
    await cloud.stop()
  }
}
