/**
 * Cold start: `node -e "require('<bundle>')"` for each cloud function bundle against
 * `require('wx-server-sdk')` bare (and `node -e 0`), median of RUNS each, interleaved so drift hits all alike.
 * hyperfine is used when installed; otherwise child_process timing (spawnSync wall time).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from '../../test/support/localCloud'
import { median, round } from './lib'

export interface ColdRow { name: string; script: string; bundleKb: number | null; runs: number; medianMs: number; minMs: number; maxMs: number; vsSdkMs: number | null }

function hyperfine(): string | null {
  try { execFileSync('hyperfine', ['--version'], { stdio: 'ignore' }); return 'hyperfine' } catch { return null }
}

export function coldStart(runs = 10): { tool: string; rows: ColdRow[] } {
  const fnRoot = path.join(REPO_ROOT, 'cloudfunctions')
  const bundles = readdirSync(fnRoot).filter((n) => existsSync(path.join(fnRoot, n, 'index.js'))).sort()
  const subjects = [
    { name: 'node -e 0', script: '0', bundleKb: null as number | null },
    { name: "require('wx-server-sdk')", script: "require('wx-server-sdk')", bundleKb: null },
    ...bundles.map((n) => {
      const file = path.join(fnRoot, n, 'index.js')
      return { name: n, script: `require(${JSON.stringify(file)})`, bundleKb: round(statSync(file).size / 1000) }
    }),
  ]
  const times = new Map<string, number[]>(subjects.map((s) => [s.name, []]))
  const tool = hyperfine()
  if (tool) {
    const out = path.join(os.tmpdir(), `bench-cold-${process.pid}.json`)
    execFileSync(tool, ['--warmup', '1', '--runs', String(runs), '-N', '--export-json', out, ...subjects.map((s) => `node -e "${s.script.replace(/"/g, '\\"')}"`)], { cwd: REPO_ROOT, stdio: 'ignore' })
    const results = JSON.parse(readFileSync(out, 'utf8')).results as { times: number[] }[]
    results.forEach((r, i) => times.set(subjects[i].name, r.times.map((t) => t * 1000)))
  } else {
    const once = (script: string) => {
      const t = performance.now()
      const r = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, stdio: 'ignore', env: { PATH: process.env.PATH ?? '' } })
      if (r.status !== 0) throw new Error(`node -e ${script} exited ${r.status}`)
      return performance.now() - t
    }
    for (const s of subjects) once(s.script) // warm the file cache
    for (let i = 0; i < runs; i++) for (const s of subjects) times.get(s.name)!.push(once(s.script))
  }
  const sdk = median(times.get("require('wx-server-sdk')")!)
  const rows = subjects.map((s) => {
    const t = times.get(s.name)!
    const m = median(t)
    return { name: s.name, script: s.script, bundleKb: s.bundleKb, runs: t.length, medianMs: round(m), minMs: round(Math.min(...t)), maxMs: round(Math.max(...t)), vsSdkMs: s.bundleKb === null ? null : round(m - sdk) }
  })
  return { tool: tool ?? 'child_process.spawnSync', rows }
}
