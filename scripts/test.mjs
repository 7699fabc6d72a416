// `npm test`: the type check, the cloud function bundles, the production weapp build and the weapp
// stories that run it, the h5 build the browser tests drive, every other jest project (domain, UI,
// local cloud, functions, browser), then WeChat's own scan of the weapp build.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const root = new URL('..', import.meta.url).pathname
const args = process.argv.slice(2)
const quick = args.includes('--quick') // skip the builds: for a developer loop on already-built output

function step(title, cmd, cmdArgs, env = {}) {
  const started = Date.now()
  console.log(`\n▶ ${title}`)
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) {
    console.error(`✖ ${title} failed after ${secs} s`)
    process.exit(r.status ?? 1)
  }
  console.log(`✔ ${title} (${secs} s)`)
}

step('type check', 'npx', ['tsc', '-p', '.', '--noEmit'])
step('dependency rule: the domain imports no Taro, no SDK, no emulator', 'node', ['scripts/check-domain-imports.mjs'])
if (!quick || !existsSync(`${root}cloudfunctions/me/index.js`)) step('bundle cloud functions', 'node', ['scripts/build-functions.mjs'])
if (!quick || !existsSync(`${root}dist/app.json`)) step('build weapp (production)', 'npx', ['taro', 'build', '--type', 'weapp'])
// Extra arguments (a path, -t) go to both jest steps; a filter may leave one of them with nothing to run.
const jestArgs = args.filter((a) => a !== '--quick')
if (jestArgs.length) jestArgs.push('--passWithNoTests')
step('weapp stories on the production weapp build (miniprogram-simulate, setData budget)', 'npx', ['jest', '--ci', '--selectProjects', 'weapp', ...jestArgs])
if (!quick || !existsSync(`${root}dist-h5/index.html`)) step('build h5', 'npx', ['taro', 'build', '--type', 'h5'])
step('jest', 'npx', ['jest', '--ci', '--ignoreProjects', 'weapp', ...jestArgs])
step('WeChat code-quality scan of the weapp build, within size budgets', 'node', ['scripts/check-weapp.mjs'])
