// The function host: identity, env and context per invocation, timeouts, crashes,
// one invocation at a time per instance, function → function calls, timers, reload.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FIXTURE_FUNCTIONS, LocalCloudHandle, startLocalCloud } from '../support/localCloud'

jest.setTimeout(60_000)

let cloud: LocalCloudHandle
beforeAll(async () => { cloud = await startLocalCloud({ functionsDir: FIXTURE_FUNCTIONS, extraArgs: ['--function-env', 'FROM_CLI=cli value'] }) })
afterAll(async () => { await cloud?.stop() })
beforeEach(async () => { await cloud.reset() })

describe('a mini-program call', () => {
  it('runs with the OPENID from x-wx-openid, SOURCE wx_client and the cloud context', async () => {
    const { result } = await cloud.call('echo', { a: 1 }, 'oUserA')
    expect(result.wxContext).toEqual({ OPENID: 'oUserA', APPID: 'wxlocalcloud0000', CLIENTIP: '127.0.0.1', ENV: 'local-env', SOURCE: 'wx_client' })
    expect(result.event).toEqual({ a: 1, userInfo: { appId: 'wxlocalcloud0000', openId: 'oUserA' } })
    expect(result.context).toMatchObject({ function_name: 'echo', memory_limit_in_mb: 256, time_limit_in_ms: 20000 })
    expect(typeof result.context.request_id).toBe('string')
    expect(result.context.environ).toContain('TCB_SEQID=')
    expect(result.fromConfig).toBe('yes')
    expect(result.fromCli).toBe('cli value')
  })

  it('has no OPENID when the header is absent, and identities do not leak between calls', async () => {
    await cloud.call('echo', {}, 'oSomeoneElse')
    const { result } = await cloud.call('echo', { b: 2 })
    expect(result.wxContext.OPENID).toBeUndefined()
    expect(result.event).toEqual({ b: 2 })
  })

  it('sees the emulator clock offset in LOCAL_CLOUD_CLOCK_OFFSET_MS', async () => {
    await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ offsetMs: 86_400_000 }) })
    const { result } = await cloud.call('echo', {})
    expect(result.clockOffsetMs).toBe('86400000')
  })

  it('answers -501000 for a folder without index.js, and for an unknown name', async () => {
    expect(await cloud.call('noEntry', {})).toMatchObject({ errCode: -501000 })
    expect(await cloud.call('doesNotExist', {})).toMatchObject({ errCode: -501000 })
  })

  it('reports the invocation cost in x-local-cloud-stats, counting database round trips', async () => {
    const { result, stats } = await cloud.call('dbCounter', { adds: 3 })
    expect(result.count).toBe(3)
    expect(stats).toMatchObject({ dbRoundTrips: 5, docsReturned: 3 })
    expect(stats.ms).toBeGreaterThanOrEqual(0)
  })
})

describe('failures', () => {
  it('times out with -504003 after config.json timeout, then recovers on a fresh instance', async () => {
    const slow = await cloud.call('sleepy', { ms: 3000 })
    expect(slow.errCode).toBe(-504003)
    expect(slow.errMsg).toContain('Invoking task timed out after 1 seconds')
    expect(slow.stats.ms).toBeLessThan(2500)
    const fast = await cloud.call('sleepy', { ms: 10 })
    expect(fast.result.end).toBeGreaterThanOrEqual(fast.result.start)
  })

  it('turns a throw in main into -504002 and keeps the warm instance', async () => {
    const first = await cloud.call('crasher', {})
    const thrown = await cloud.call('crasher', { mode: 'throw' })
    expect(thrown).toMatchObject({ errCode: -504002 })
    expect(thrown.errMsg).toContain('boom from main')
    const after = await cloud.call('crasher', {})
    expect(after.result.threadId).toBe(first.result.threadId)
    expect(after.result.invocationsInThisInstance).toBe(first.result.invocationsInThisInstance + 2)
  })

  it.each(['exit', 'uncaught'])('a process-level crash (%s) answers -504002 and the next call gets a fresh instance', async (mode) => {
    const before = await cloud.call('crasher', {})
    const crash = await cloud.call('crasher', { mode })
    expect(crash.errCode).toBe(-504002)
    const after = await cloud.call('crasher', {})
    expect(after.result.threadId).not.toBe(before.result.threadId)
    expect(after.result.invocationsInThisInstance).toBe(1)
  })
})

describe('concurrency', () => {
  it('runs one invocation at a time per instance, with at most 2 instances per function', async () => {
    const runs = await Promise.all([1, 2, 3, 4].map(() => cloud.call('sleepy', { ms: 300 })))
    const results = runs.map((r) => r.result)
    const threads = new Set(results.map((r) => r.threadId))
    expect(threads.size).toBeLessThanOrEqual(2)
    for (const thread of threads) {
      const mine = results.filter((r) => r.threadId === thread).sort((a, b) => a.start - b.start)
      for (let i = 1; i < mine.length; i++) expect(mine[i].start).toBeGreaterThanOrEqual(mine[i - 1].end)
    }
    const overlapping = results.some((a) => results.some((b) => a !== b && a.start < b.end && b.start < a.end))
    expect(overlapping).toBe(true)
  })
})

describe('function → function', () => {
  it('calls another function with cloud.callFunction, keeping the user and marking SOURCE', async () => {
    const { result } = await cloud.call('caller', { target: 'echo', data: { x: 1, d: '2024-01-01' } }, 'oUserB')
    expect(result.ok).toBe(true)
    expect(result.errMsg).toBe('callFunction:ok')
    expect(result.result.event).toEqual({ x: 1, d: '2024-01-01' })
    expect(result.result.wxContext).toMatchObject({ OPENID: 'oUserB', SOURCE: 'wx_client,scf' })
  })

  it("counts the callee's database work in the caller's x-local-cloud-stats", async () => {
    const { result, stats } = await cloud.call('caller', { target: 'dbCounter', data: { adds: 2 } })
    expect(result.result.count).toBe(2)
    expect(stats).toMatchObject({ dbRoundTrips: 4, docsReturned: 2 })
    const { body } = await cloud.fetchJson('/dev/metrics')
    expect(body.functions.caller.dbRoundTrips).toBe(0)
    expect(body.functions.dbCounter.dbRoundTrips).toBe(4)
  })

  it('surfaces the callee failure to the caller as a thrown error', async () => {
    const { result } = await cloud.call('caller', { target: 'crasher', data: { mode: 'throw' } })
    expect(result.ok).toBe(false)
    expect(result.errMsg).toContain('boom from main')
    const missing = await cloud.call('caller', { target: 'nope' })
    expect(missing.result.errMsg).toContain('-501000')
  })
})

describe('timer triggers', () => {
  it('fires the timer with the real event shape, the emulator time, no OPENID and SOURCE wx_trigger', async () => {
    await cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ now: Date.parse('2026-03-02T00:00:00Z') }) })
    const { status, body } = await cloud.fetchJson('/dev/timers/weeklyReport', { method: 'POST' })
    expect(status).toBe(200)
    expect(body.result.event).toMatchObject({ Type: 'Timer', TriggerName: 'mondayMorning', Message: '' })
    expect(Date.parse(body.result.event.Time) - Date.parse('2026-03-02T00:00:00Z')).toBeLessThan(5000)
    expect(body.result.wxContext).toEqual({ APPID: 'wxlocalcloud0000', ENV: 'local-env', SOURCE: 'wx_trigger' })
  })

  it('takes Time from the body, and answers 404 for a function without a timer', async () => {
    const { body } = await cloud.fetchJson('/dev/timers/weeklyReport', { method: 'POST', body: JSON.stringify({ time: '2026-01-05T00:00:00Z' }) })
    expect(body.result.event.Time).toBe('2026-01-05T00:00:00Z')
    expect((await cloud.fetchJson('/dev/timers/echo', { method: 'POST' })).status).toBe(404)
  })
})

describe('reload', () => {
  it('picks up a rebuilt index.js without a restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lc-fns-'))
    fs.mkdirSync(path.join(dir, 'hot'))
    const write = (v: number) => fs.writeFileSync(path.join(dir, 'hot/index.js'), `exports.main = async () => ({ v: ${v} })`)
    write(1)
    const other = await startLocalCloud({ functionsDir: dir })
    try {
      expect((await other.call('hot')).result).toEqual({ v: 1 })
      write(2)
      const later = new Date(fs.statSync(path.join(dir, 'hot/index.js')).mtimeMs + 2000) // the file system's clock, not the test's
      fs.utimesSync(path.join(dir, 'hot/index.js'), later, later)
      expect((await other.call('hot')).result).toEqual({ v: 2 })
    } finally {
      await other.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
