// `npm run size`: the weapp package sizes as WeChat counts them (miniprogram-ci analyseCode, not du).
//   node scripts/size.mjs [--project <dir>] [--json]
// Build first (npx taro build --type weapp). Budgets are enforced by scripts/check-weapp.mjs.
import { analyse, BUDGETS, fmtKb, packageTable, repoRoot } from './weapp-analysis.mjs'

async function main() {
  const argv = process.argv.slice(2)
  const at = argv.indexOf('--project')
  const project = at >= 0 ? argv[at + 1] : repoRoot
  const r = await analyse(project)
  if (argv.includes('--json')) {
    const packages = r.packages.map(({ name, root, kb, bytes }) => ({ name, root, kb, bytes }))
    console.log(JSON.stringify({ packages, totalKb: r.totalKb, preloadMaxKb: r.preload.maxKb }, null, 2))
    return 0
  }
  console.log('weapp package sizes (WeChat analyseCode, KB = 1000 B)')
  for (const line of packageTable(r)) console.log(line)
  console.log(`  largest preload from one package: ${fmtKb(r.preload.maxKb)}`)
  console.log(`budgets: main ≤ ${BUDGETS.mainKb}, each subpackage ≤ ${BUDGETS.subpackageKb}, total ≤ ${BUDGETS.totalKb.toLocaleString('en-US')}, preload ≤ ${BUDGETS.preloadKb.toLocaleString('en-US')} KB (npm run check:weapp)`)
  return 0
}

main().then(
  (code) => process.exit(code), // miniprogram-ci leaves a file watcher running
  (err) => {
    console.error(`✖ size: ${err?.stack || err}`)
    process.exit(2)
  },
)
