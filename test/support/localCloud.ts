// Starts a fresh local cloud as a child process (so kill -9 is real) on a free port
// with its own temporary data dir, and offers the calls tests need.
import { ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PINNED_NOW } from './clock'

export const REPO_ROOT = path.resolve(__dirname, '../..')
export const FIXTURE_FUNCTIONS = path.join(REPO_ROOT, 'test/fixtures/functions')
const READY = /^local cloud ready on (http:\/\/127\.0\.0\.1:(\d+))$/m

export interface StartOptions {
  /** Default: a fresh temporary dir, removed by stop(). */
  dataDir?: string
  /** Default: the repo's cloudfunctions/ (the emulator tests use FIXTURE_FUNCTIONS). */
  functionsDir?: string
  extraArgs?: string[]
  env?: Record<string, string>
  /** The instant the local cloud's clock starts at (ISO with zone); default PINNED_NOW. `null`: real time. */
  clock?: string | null
}

export interface CallResult {
  result?: any
  errCode?: number
  errMsg?: string
  requestId?: string
  stats: { dbRoundTrips: number; docsExamined: number; docsReturned: number; ms: number; replyTrips?: number; replyDepth?: number; afterTrips?: number }
}

export interface ExitStatus { code: number | null; signal: NodeJS.Signals | null }

export interface LocalCloudHandle {
  url: string
  port: number
  dataDir: string
  /** The functions folder it serves. */
  functionsDir: string
  /** What `--print-env` prints for this port: the SDK env of a separate process. */
  env: Record<string, string>
  /** Everything the child wrote to stdout / stderr so far. */
  output(): { stdout: string; stderr: string }
  /** SIGTERM, wait for exit, remove the temporary data dir. */
  stop(): Promise<void>
  kill9(): Promise<void>
  /** How the server process last exited (after stop / kill9 / restart). */
  lastExit(): ExitStatus | undefined
  restart(): Promise<void>
  reset(): Promise<void>
  /** The whole state (POST /dev/snapshot): documents, groups, credits, outbox, files, the clock's instant. */
  snapshot(): Promise<unknown>
  /** Back to a snapshot (POST /dev/restore): a reset, then exactly that state. */
  restore(snapshot: unknown): Promise<void>
  /** The local cloud's time (epoch ms): what the functions read as now. */
  now(): Promise<number>
  /** Moves the local cloud's clock to an instant (ISO with zone, or epoch ms); it ticks on from there. */
  setClock(at: string | number): Promise<number>
  call(name: string, event?: unknown, openid?: string): Promise<CallResult>
  fetchJson(pathname: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }>
}

const running = new Set<ChildProcess>()
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')))

export async function startLocalCloud(opts: StartOptions = {}): Promise<LocalCloudHandle> {
  const ownsDataDir = !opts.dataDir
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-'))
  const functionsDir = opts.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions')
  let child: ChildProcess
  let stdout = ''
  let stderr = ''
  let port = 0
  let url = ''
  let lastExit: ExitStatus | undefined

  const launch = async (wantedPort: number) => {
    // `node --import tsx` rather than node_modules/.bin/tsx: the tsx binary runs the script in a
    // second process, so SIGKILL would hit only the wrapper and leave the server running.
    const clock = opts.clock === undefined ? PINNED_NOW : opts.clock
    const args = ['--import', 'tsx', 'emulator/cli.ts', '--port', String(wantedPort), '--data', dataDir, '--functions', functionsDir, ...(clock ? ['--clock', clock] : []), ...(opts.extraArgs ?? [])]
    child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    running.add(child)
    child.once('exit', () => running.delete(child))
    // A failed test must not keep jest waiting on the server's pipes; 'exit' above kills it.
    child.unref()
    ;(child.stdout as any).unref?.()
    ;(child.stderr as any).unref?.()
    child.stderr!.on('data', (chunk) => (stderr += chunk))
    const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`local cloud did not start in 20 s:\n${stderr}`)), 20_000)
      child.stdout!.on('data', (chunk) => {
        stdout += chunk
        const match = READY.exec(stdout)
        if (match) {
          clearTimeout(timer)
          resolve(match)
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`local cloud exited with ${code} before it was ready:\n${stderr}`))
      })
    })
    url = ready[1]
    port = Number(ready[2])
  }

  const waitForExit = (signal: NodeJS.Signals) =>
    new Promise<ExitStatus>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode })
      child.once('exit', (code, killedBy) => resolve((lastExit = { code, signal: killedBy })))
      // The child is unref'd while it runs; waiting for its exit must keep this process alive (in a
      // jest globalSetup nothing else may be holding the event loop open).
      child.ref()
      child.kill(signal)
    })

  const fetchJson = async (pathname: string, init?: RequestInit) => {
    const response = await fetch(`${url}${pathname}`, init)
    const text = await response.text()
    let body: any = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON: the body stays text
    }
    return { status: response.status, body, headers: response.headers }
  }

  await launch(0)
  const handle: LocalCloudHandle = {
    get url() { return url },
    get port() { return port },
    dataDir,
    functionsDir,
    get env() { return printEnvFor(port) },
    output: () => ({ stdout, stderr }),
    async stop() {
      await waitForExit('SIGTERM')
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true })
    },
    async kill9() {
      await waitForExit('SIGKILL')
    },
    lastExit: () => lastExit,
    async restart() {
      await waitForExit('SIGTERM')
      await launch(port)
    },
    async reset() {
      const { status } = await fetchJson('/dev/reset', { method: 'POST' })
      if (status !== 200) throw new Error(`reset failed with ${status}`)
    },
    async snapshot() {
      const { status, body } = await fetchJson('/dev/snapshot', { method: 'POST' })
      if (status !== 200) throw new Error(`snapshot failed with ${status}`)
      return body
    },
    async restore(snapshot) {
      const { status, body } = await fetchJson('/dev/restore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(snapshot) })
      if (status !== 200) throw new Error(`restore failed with ${status}: ${JSON.stringify(body).slice(0, 300)}`)
    },
    async now() {
      const { body } = await fetchJson('/dev/clock')
      return body.now
    },
    async setClock(at) {
      const { status, body } = await fetchJson('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: at }) })
      if (status !== 200) throw new Error(`setting the clock failed with ${status}: ${JSON.stringify(body)}`)
      return body.now
    },
    async call(name, event = {}, openid) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (openid) headers['x-wx-openid'] = openid
      const response = await fetch(`${url}/functions/${name}`, { method: 'POST', headers, body: JSON.stringify({ event }) })
      const body = await response.json()
      return { ...body, stats: JSON.parse(response.headers.get('x-local-cloud-stats') ?? '{}') }
    },
    fetchJson,
  }
  return handle
}

/** The same map `tsx emulator/cli.ts --print-env --port P` prints (kept in emulator/env.ts). */
export function printEnvFor(port: number): Record<string, string> {
  // Imported lazily so the helper stays cheap for tests that never need it.
  const { sdkEnv } = require('../../emulator/env') as typeof import('../../emulator/env')
  return sdkEnv(port)
}

/** Points this process's wx-server-sdk at the emulator (call before requiring it). */
export function useLocalCloudEnv(cloud: LocalCloudHandle): void {
  Object.assign(process.env, cloud.env)
}
