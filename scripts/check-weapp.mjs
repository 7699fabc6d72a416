// WeChat's code-quality scan and the package budgets, on the weapp build (offline, no key).
//   node scripts/check-weapp.mjs [--project <dir>] [--json <file>] [--verbose]
// --project: a directory holding project.config.json whose miniprogramRoot points at the build
//            (default: the repo root → dist/). --json: write the figures there.
// Exits 1 when a check fails or a budget is exceeded (each one named), 2 when the scan can't run.
import { writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { analyse, BUDGETS, EXPECTED_CHECKS, fmtKb, packageTable, repoRoot } from './weapp-analysis.mjs'

function parseArgs(argv) {
  const opts = { project: repoRoot, json: null, verbose: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--project') opts.project = argv[++i]
    else if (a === '--json') opts.json = argv[++i]
    else if (a === '--verbose') opts.verbose = true
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/check-weapp.mjs [--project <dir>] [--json <file>] [--verbose]')
      process.exit(0)
    } else throw new Error(`unknown argument ${a}`)
    if ((a === '--project' || a === '--json') && !argv[i]) throw new Error(`${a} needs a value`)
  }
  return opts
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  const started = Date.now()
  const r = await analyse(opts.project)
  const failures = []

  console.log(`WeChat code-quality scan (miniprogram-ci checkCodeQuality) — ${path.relative(process.cwd(), r.miniprogramRoot) || '.'}`)
  for (const c of r.checks) {
    const text = String(c.text ?? '').replace(/\s*:\s*$/, '') // the library formats an empty list as " :"
    const extra = c.name === 'IMAGE_AND_AUDIO_LIMIT' ? ` (here: ${fmtKb(r.mediaKb)}; the limit is 200 × 1024 B)` : ''
    console.log(`  ${c.ok ? '✔' : '✖'} ${c.name}  ${text}${extra}`)
    const files = Array.isArray(c.detail) ? c.detail : Array.isArray(c.detail?.files) ? c.detail.files : []
    if (files.length) console.log(`      ${c.ok ? 'note' : 'files'}: ${files.slice(0, 10).join(', ')}${files.length > 10 ? ` … (${files.length})` : ''}`)
    if (!c.ok) failures.push(`check ${c.name}: ${text}${extra}`)
  }
  const got = new Set(r.checks.map((c) => c.name))
  const missing = EXPECTED_CHECKS.filter((n) => !got.has(n))
  if (missing.length) failures.push(`scan did not run ${missing.join(', ')}`)
  if (r.scanErrors.length) {
    // miniprogram-ci reports a check whose handler threw as passed; don't believe it.
    failures.push(`the scan logged ${r.scanErrors.length} error(s); a ✔ above may be a check that crashed:\n      ${r.scanErrors.join('\n      ')}`)
  }
  const passed = r.checks.filter((c) => c.ok).length
  console.log(`  ${passed}/${r.checks.length} checks pass`)

  console.log('\nPackage sizes (miniprogram-ci analyseCode, KB = 1000 B)')
  for (const line of packageTable(r)) console.log(line)

  const budgets = []
  const budget = (name, kb, limitKb) => {
    const ok = kb <= limitKb
    budgets.push({ name, kb, limitKb, ok })
    if (!ok) failures.push(`budget ${name}: ${fmtKb(kb)} > ${fmtKb(limitKb)}`)
  }
  const [main, ...subs] = r.packages
  budget('main package', main.kb, BUDGETS.mainKb)
  for (const s of subs) budget(`subpackage ${s.name}`, s.kb, BUDGETS.subpackageKb)
  budget('all packages', r.totalKb, BUDGETS.totalKb)

  console.log('\npreloadRule (pages of one package share a 2M allowance: 同一个分包中的页面享有共同的预下载大小限额 2M)')
  if (!r.preload.groups.length) console.log('  no preloadRule: 0.0 KB')
  for (const g of r.preload.groups) {
    console.log(`  from ${g.root ? `${g.from} (${g.root}/)` : 'main package'}: ${fmtKb(g.kb)}`)
    for (const p of g.pages) console.log(`      ${p.page} → ${p.packages.join(', ') || '(nothing)'}`)
  }
  for (const p of r.preload.problems) failures.push(p)
  for (const g of r.preload.groups) budget(`preload from ${g.from}`, g.kb, BUDGETS.preloadKb)
  console.log(`  largest: ${fmtKb(r.preload.maxKb)}`)

  console.log('\nBudgets')
  for (const b of budgets) console.log(`  ${b.ok ? '✔' : '✖'} ${b.name}: ${fmtKb(b.kb)} ${b.ok ? '≤' : '>'} ${fmtKb(b.limitKb)}`)

  if (opts.verbose) console.log(`\nminiprogram-ci log:\n  ${r.log.join('\n  ')}`)

  if (opts.json) {
    const out = {
      generatedAt: new Date().toISOString(),
      project: r.projectDir,
      miniprogramRoot: r.miniprogramRoot,
      tool: 'miniprogram-ci checkCodeQuality + analyseCode',
      unit: 'KB = 1000 B',
      checks: r.checks.map(({ name, ok, text, detail }) => ({ name, ok, text, detail })),
      checksPassed: passed,
      packages: r.packages.map(({ name, root, kb, bytes, files, independent }) => ({ name, root, kb, bytes, files, independent })),
      totalKb: r.totalKb,
      mediaKb: r.mediaKb,
      totalBytes: r.totalBytes,
      preload: { maxKb: r.preload.maxKb, maxFrom: r.preload.maxFrom, groups: r.preload.groups },
      budgets,
      failures,
      ok: failures.length === 0,
    }
    mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true })
    writeFileSync(opts.json, `${JSON.stringify(out, null, 2)}\n`)
  }

  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (failures.length) {
    console.error(`\n✖ WeChat scan / budgets failed (${secs} s):`)
    for (const f of failures) console.error(`  - ${f}`)
    return 1
  }
  console.log(`\n✔ WeChat scan ${passed}/${r.checks.length}, budgets met (${secs} s)`)
  return 0
}

main().then(
  (code) => process.exit(code), // miniprogram-ci leaves a file watcher running
  (err) => {
    console.error(`✖ check-weapp: ${err?.stack || err}`)
    process.exit(2)
  },
)
