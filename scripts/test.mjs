// `npm test`: the type check, the lint step (ESLint, dependency rules, unused code), the cloud function bundles, the production weapp build and the weapp
// stories that run it, the h5 build the browser tests drive, every other jest project (domain, UI,
// local cloud, functions, browser), then WeChat's own scan of the weapp build.
//
// Steps run as soon as what they need is there, side by side: the local cloud's conformance tests
// start at once, beside the type check and the two builds; then the other jest projects that need no
// build (unit, ui, api), the weapp stories once the weapp build is there, the browser tests once the
// h5 build is; the scan comes last. Each step's output
// is printed whole when it ends; at the end, a table of every step and of every test file's time.
// `--quick` skips the builds when their output exists (a developer loop). Other arguments (a path,
// -t) go to every jest step; a filter may leave a step with nothing to run.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const jestArgs = args.filter((a) => a !== '--quick')
if (jestArgs.length) jestArgs.push('--passWithNoTests')
const timingDir = path.join(root, 'test-artifacts/timing')
rmSync(timingDir, { recursive: true, force: true })
const started = performance.now()

/** @type {Map<string, {id: string, title: string, cmd: string, args: string[], env: object, after: string[], state: string, out: string, from?: number, to?: number}>} */
const steps = new Map()
// after: steps that must pass first; afterEnd: steps that must have ended, whatever their result.
// nice: a lower CPU priority for the builds and the type check, which have no timing of their own to
// keep; the jest steps keep the normal one.
const step = (id, title, cmd, cmdArgs, { after = [], afterEnd = [], env = {}, nice = 0 } = {}) =>
  steps.set(id, { id, title, cmd, args: cmdArgs, env, nice, after: after.filter((d) => steps.has(d)), afterEnd: afterEnd.filter((d) => steps.has(d)), state: 'waiting', out: '' })
const needed = (file) => !quick || !existsSync(path.join(root, file))
// Jest uses one worker on 2 cores by default; its api and emulator files spend much of their time
// waiting on their local cloud's process, so two workers overlap well.
const workers = String(Math.max(2, Math.min(4, os.availableParallelism?.() ?? os.cpus().length)))
const jest = (id, title, projects, after, afterEnd = []) =>
  step(id, title, 'npx', ['jest', '--ci', `--maxWorkers=${workers}`, ...projects.flatMap((p) => ['--selectProjects', p]), ...jestArgs], {
    after,
    afterEnd,
    env: { JEST_TIMING_FILE: path.join(timingDir, `${id}.json`) },
  })

// Incremental: a second run checks only what changed (the build info lives in node_modules/.cache).
step('tsc', 'type check', 'npx', ['tsc', '-p', '.', '--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/tsbuildinfo'], { nice: 15 })
// The structure: ESLint, dependency-cruiser's never-arrows and knip's unused code (scripts/lint.mjs).
step('lint', 'lint: ESLint, dependency rules (dependency-cruiser), unused code (knip)', 'node', ['scripts/lint.mjs'], { nice: 15 })
if (needed('cloudfunctions/me/index.js')) step('functions', 'bundle cloud functions', 'node', ['scripts/build-functions.mjs'])
if (needed('dist/app.json')) step('weapp', 'build weapp (production)', 'npx', ['taro', 'build', '--type', 'weapp'], { nice: 5 })
// One webpack build at a time: each wants a core and a lot of memory.
if (needed('dist-h5/index.html')) step('h5', 'build h5', 'npx', ['taro', 'build', '--type', 'h5'], { after: ['weapp'], nice: 5 })
// The local cloud's own conformance tests first, beside nothing but the builds: their fixtures run
// under time limits of 1 and 3 s that include a cold start, which a crowded machine can exceed.
jest('jest-emulator', 'jest: emulator (the local cloud, real wx-server-sdk)', ['emulator'], ['functions'])
jest('jest', 'jest: unit, ui, api', ['unit', 'ui', 'api'], ['functions'], ['jest-emulator'])
jest('jest-weapp', 'jest: weapp stories on the production weapp build (miniprogram-simulate, setData budget), WeChat scan tests', ['weapp', 'build'], ['functions', 'weapp'], ['jest-emulator'])
jest('jest-e2e', 'jest: e2e (Chromium on the h5 build)', ['e2e'], ['functions', 'h5'], ['jest-emulator'])
// Last, alone: miniprogram-ci walks the whole project folder, which the other steps write to.
step('scan', 'WeChat code-quality scan of the weapp build, within size budgets', 'node', ['scripts/check-weapp.mjs'], { after: ['weapp'], afterEnd: [...steps.keys()] })

const secs = (ms) => (ms / 1000).toFixed(1)
const at = () => secs(performance.now() - started).padStart(6)

function run(s) {
  s.state = 'running'
  s.from = performance.now()
  console.log(`${at()} s ▶ ${s.title}`)
  const child = spawn(s.cmd, s.args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0', ...s.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  if (s.nice) {
    try {
      os.setPriority(child.pid, s.nice) // its own children (webpack's workers) inherit it
    } catch {
      // not permitted here: it runs at the normal priority
    }
  }
  child.stdout.on('data', (d) => (s.out += d))
  child.stderr.on('data', (d) => (s.out += d))
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      s.to = performance.now()
      s.state = code === 0 ? 'passed' : 'failed'
      // A jest process that ends with 0 but never reported its run (it exited early) ran nothing.
      if (code === 0 && s.env.JEST_TIMING_FILE && !existsSync(s.env.JEST_TIMING_FILE)) {
        s.state = 'failed'
        s.out += '\n✖ jest exited without finishing its run: no test results were reported'
      }
      console.log(`\n${'─'.repeat(100)}\n${s.title}\n${'─'.repeat(100)}\n${s.out.trimEnd()}`)
      console.log(`${at()} s ${s.state === 'passed' ? '✔' : '✖'} ${s.title} (${secs(s.to - s.from)} s)${signal ? ` — ${signal}` : ''}`)
      resolve()
    })
  })
}

async function schedule() {
  const running = new Set()
  for (;;) {
    for (const s of steps.values()) {
      if (s.state !== 'waiting') continue
      const deps = s.after.map((d) => steps.get(d))
      const ended = s.afterEnd.every((d) => ['passed', 'failed', 'skipped'].includes(steps.get(d).state))
      if (deps.some((d) => d.state === 'failed' || d.state === 'skipped')) s.state = 'skipped'
      else if (ended && deps.every((d) => d.state === 'passed')) {
        const p = run(s).then(() => running.delete(p))
        running.add(p)
      }
    }
    if (!running.size) return
    await Promise.race(running)
  }
}

await schedule()
const total = performance.now() - started

console.log(`\n${'═'.repeat(100)}\nnpm test — steps (wall clock; steps overlap)\n`)
console.log(`${'step'.padEnd(70)} ${'start'.padStart(7)} ${'time'.padStart(7)}  result`)
for (const s of steps.values()) {
  const start = s.from === undefined ? '' : `${secs(s.from - started)} s`
  const took = s.to === undefined ? '' : `${secs(s.to - s.from)} s`
  console.log(`${s.title.slice(0, 70).padEnd(70)} ${start.padStart(7)} ${took.padStart(7)}  ${s.state}`)
}
printFiles()
const failed = [...steps.values()].filter((s) => s.state !== 'passed')
console.log(`\n${failed.length ? '✖' : '✔'} npm test ${failed.length ? `failed (${failed.map((s) => `${s.id}: ${s.state}`).join(', ')})` : 'passed'} in ${secs(total)} s on ${os.availableParallelism?.() ?? os.cpus().length} cores`)
process.exit(failed.length ? 1 : 0)

/** Every test file's time, by project (from test/support/timingReporter.js). */
function printFiles() {
  const files = [...steps.keys()].flatMap((id) => {
    const file = path.join(timingDir, `${id}.json`)
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : []
  })
  const t0 = Date.now() - (performance.now() - started) // the run's start on jest's clock (perfStats are epoch ms)
  if (!files.length) return
  const byProject = new Map()
  for (const f of files) byProject.set(f.project, [...(byProject.get(f.project) ?? []), f])
  console.log(`\njest — test files by project (when each started in the run, and its own time; files run side by side)\n`)
  for (const [project, list] of [...byProject].sort((a, b) => sum(b[1]) - sum(a[1]))) {
    console.log(`${project}: ${list.length} files, ${secs(sum(list))} s in all`)
    const shown = list.sort((a, b) => b.ms - a.ms)
    for (const f of shown) console.log(`  at ${secs(f.start - t0).padStart(6)} s  ${secs(f.ms).padStart(6)} s  ${String(f.tests).padStart(4)} tests  ${f.file}${f.failed ? '  ✖' : ''}`)
  }
}

function sum(list) {
  return list.reduce((n, f) => n + f.ms, 0)
}
