/**
 * `npm run bench`: five tables on stdout, every figure in bench-results/bench.json.
 *   node scripts/bench/run.mjs [--only size,trips,scale,cold,weapp] [--sizes 1000,100000,1000000] [--samples 20] [--rebuild]
 * Progress goes to stderr. Everything runs on 127.0.0.1 with bounded loops.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from '../../test/support/localCloud'
import { coldStart } from './cold'
import { fmtNum, printTable, round } from './lib'
import { NOW, scale } from './scale'
import { packageSize } from './size'
import { budgetRows, roundTrips, summarise } from './trips'
import { weappCost } from './weapp'

const argv = process.argv.slice(2)
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`)
  if (i >= 0) return argv[i + 1]
  const eq = argv.find((a) => a.startsWith(`--${name}=`))
  return eq?.slice(name.length + 3)
}
const only = new Set((arg('only') ?? 'size,trips,scale,cold,weapp').split(','))
const sizes = (arg('sizes') ?? '1000,10000,100000').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b)
const samples = Number(arg('samples') ?? 20)
const outFile = path.join(REPO_ROOT, 'bench-results/bench.json')

// test/support/localCloud.ts unrefs its child and pipes (for jest): keep this process alive while we wait on it.
const keepAlive = setInterval(() => undefined, 1 << 30)

async function main() {
  const started = Date.now()
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGb: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAvgAtStart: os.loadavg().map((x) => round(x, 2)) },
  }
  const step = (s: string) => process.stderr.write(`\n▶ ${s}\n`)

  if (only.has('size')) {
    step('package size: WeChat analysis of dist/ vs an empty Taro React app built now')
    const r = await packageSize({ rebuild: argv.includes('--rebuild') })
    results.packageSize = r
    const emptyMain = r.empty.packages[0].kb
    const rows: (string | number)[][] = r.app.packages.map((p) => [p.name === 'main' ? 'main package' : `${p.name}/`, p.kb, p.files, p.name === 'main' ? emptyMain : '—', p.name === 'main' ? `${r.mainRatio}×` : '—', p.name === 'main' ? `+${fmtNum(r.mainDiffKb)}` : '—'])
    rows.push(['total', r.app.totalKb, r.app.packages.reduce((s, p) => s + p.files, 0), r.empty.totalKb, `${round(r.app.totalKb / r.empty.totalKb, 2)}×`, `+${fmtNum(round(r.app.totalKb - r.empty.totalKb))}`])
    printTable('1. Package size (WeChat analyseCode, KB = 1000 B)', ['package', 'app KB', 'files', 'empty Taro KB', 'ratio', 'diff KB'], rows, [
      `dist/ ${r.app.builtThisRun ? `built this run (${r.app.buildSeconds} s)` : 'as found (npm run bench -- --rebuild to rebuild it)'}; empty app (1 page, React, webpack5, minified) built this run in ${r.empty.buildSeconds} s`,
    ])
  }

  if (only.has('trips')) {
    step('round trips per user action (small zone built through the functions)')
    const r = await roundTrips()
    const rows = r.rows.map(summarise)
    results.roundTrips = { rows, unindexedQueries: r.unindexed }
    const byAction = new Map<string, number>()
    for (const x of rows) byAction.set(`${x.action}|${x.who}`, (byAction.get(`${x.action}|${x.who}`) ?? 0) + 1)
    printTable('2. Round trips per user action (per cloud call: x-local-cloud-stats, median of 5; ms includes 3 ms per database request held so that parallel ones overlap)',
      ['action', 'who', 'cloud call', 'db trips', 'in sequence', 'after reply', 'docs examined', 'docs returned', 'ms', 'called from'],
      rows.map((x) => [x.action, x.who, x.call, x.dbRoundTripsRange[0] === x.dbRoundTripsRange[1] ? x.dbRoundTrips : `${x.dbRoundTripsRange[0]}–${x.dbRoundTripsRange[1]}`, x.replyDepth, x.afterTrips, x.docsExamined, x.docsReturned, x.msMedian, x.source]),
      [
        'calls per action: ' + [...byAction].map(([k, n]) => `${k.replace('|', ' (')}) ${n}`).join(', '),
        `unindexed queries reported by the local cloud (strict mode, threshold 0): ${r.unindexed.length ? JSON.stringify(r.unindexed) : 'none'}`,
      ])
    const budgets = budgetRows(rows)
    results.criticalPath = budgets
    printTable('2b. Critical path: round trips one after another before the reply, against the budget',
      ['cloud call', 'budget', 'worst median', 'within'], budgets.map((b) => [b.label, b.budget, b.worst, b.within ? 'yes' : 'NO']))
  }

  if (only.has('scale')) {
    step(`scale: 500 projects, 500 × 52 visits, issues ${sizes.join(' → ')}`)
    const r = await scale(sizes, samples)
    results.scale = { now: new Date(NOW).toISOString(), samples, ...r }
    const base = r.sizes[0]
    const rows: (string | number)[][] = []
    for (const s of r.sizes) for (const c of s.calls) {
      const b = base.calls.find((x) => x.call === c.call && x.who === c.who)!
      rows.push([s.issues, c.call, c.who, c.samples, c.errors.length, c.msMedian, c.msP95, Number.isFinite(c.msMedian) ? `${round(c.msMedian / b.msMedian, 1)}×` : '—', Number.isFinite(c.msP95) ? `${round(c.msP95 / b.msP95, 1)}×` : '—', c.dbRoundTrips.join('/') || '—', c.docsExamined, c.docsReturned])
    }
    printTable(`3. Scale (median / p95 of n calls: ${samples}, or at least 3 and as many as fit in 20 s; ms = function time from x-local-cloud-stats; ratios to ${fmtNum(base.issues)} issues)`,
      ['issues', 'call', 'as', 'n', 'failed', 'ms p50', 'ms p95', 'p50 ratio', 'p95 ratio', 'db trips', 'docs examined', 'docs returned'], rows, [
        `zone: ${r.zone.projects} projects, ${r.zone.teams} teams, ${r.zone.departments} departments (made through the functions in ${r.zone.zoneSeconds} s); ${fmtNum(r.zone.visits)} visits loaded in ${r.zone.visitsSeconds} s`,
        ...r.sizes.map((s) => `${fmtNum(s.issues)} issues: ${fmtNum(s.openIssues)} open; this step loaded (bulk import, with ${fmtNum(s.rollupDocs)} rollup documents) in ${s.loadSeconds} s; `
          + `rollup check: ${s.rollupCheck ? `${s.rollupCheck.clean ? 'no difference' : `DIFFERENCES (stale ${s.rollupCheck.stale}, drift ${s.rollupCheck.drift})`} in ${s.rollupCheck.seconds} s` : 'not run at this size'}; `
          + `memory: local cloud ${fmtNum(s.memory.cloud.rssMb)} MB RSS (${fmtNum(s.memory.cloud.heapUsedMb)} MB heap), bench ${fmtNum(s.memory.bench.rssMb)} MB RSS; unindexed queries so far: ${s.unindexed.length ? JSON.stringify(s.unindexed) : 'none'}`),
        ...r.sizes.flatMap((s) => s.calls.filter((c) => c.errors.length).map((c) => `${fmtNum(s.issues)} issues, ${c.call}: ${c.errors.length} failed — ${c.errors[0]}`)),
        ...(r.emulatorLog.length ? ['local cloud log (warnings):', ...r.emulatorLog.map((l) => `  ${l}`)] : []),
      ])
  }

  if (only.has('cold')) {
    step('cold start of the function bundles')
    const r = coldStart(10)
    results.coldStart = r
    printTable(`4. Cold start: node -e "require(bundle)" vs require('wx-server-sdk') (median of 10, ${r.tool})`,
      ['subject', 'bundle KB', 'median ms', 'min ms', 'max ms', 'vs wx-server-sdk ms'],
      r.rows.map((x) => [x.name, x.bundleKb ?? '—', x.medianMs, x.minMs, x.maxMs, x.vsSdkMs === null ? '—' : `${x.vsSdkMs >= 0 ? '+' : ''}${fmtNum(x.vsSdkMs)}`]))
  }

  if (only.has('weapp')) {
    step('weapp page cost: every page on the production weapp build (the weapp jest project)')
    const r = weappCost({ rebuild: argv.includes('--rebuild') })
    results.weappCost = r
    const kb = (b: number) => round(b / 1024)
    printTable(`5. Weapp page cost (production build on miniprogram-simulate, demo data; first render = onLoad until settled; budget ≤ ${r.budget.firstRenderCalls} setData and ≤ ${kb(r.budget.firstRenderBytes)} KB, any update ≤ ${kb(r.budget.updateBytes)} KB)`,
      ['page', 'setData', 'first KB', 'largest KB', 'total KB', 'nodes', 'cloud calls', 'persona'],
      r.pages.map((p) => [p.page, p.setDataCalls, kb(p.firstRenderBytes), kb(p.largestUpdateBytes), kb(p.totalBytes), p.nodes, p.cloudCalls, p.persona]),
      [`weapp project (jest --selectProjects weapp): ${r.projectSeconds} s wall; per file: ${r.files.map((f) => `${path.basename(f.file)} ${f.seconds} s`).join(', ')}`])
  }

  results.seconds = round((Date.now() - started) / 1000)
  mkdirSync(path.dirname(outFile), { recursive: true })
  // A partial run (--only) keeps the other parts' figures from the last run.
  let merged: Record<string, unknown> = results
  if (arg('only') && existsSync(outFile)) {
    try { merged = { ...JSON.parse(readFileSync(outFile, 'utf8')), ...results } } catch { /* unreadable: start over */ }
  }
  writeFileSync(outFile, JSON.stringify(merged, null, 2) + '\n')
  console.log(`\nwrote ${path.relative(REPO_ROOT, outFile)} (${results.seconds} s)`)
}

main().then(
  () => {
    clearInterval(keepAlive)
    process.exit(0)
  }, // miniprogram-ci leaves a file watcher running
  (err) => {
    console.error(`✖ bench: ${err?.stack || err}`)
    process.exit(1)
  },
)
