// `npm start`: the whole product on this machine — the local cloud with the cloud functions and
// demo data, and the h5 build of the mini-program served next to it.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from './serve-static.mjs'

const root = new URL('..', import.meta.url).pathname
const CLOUD_PORT = Number(process.env.CLOUD_PORT || 9300)
const APP_PORT = Number(process.env.APP_PORT || 10086)
const dataDir = join(root, '.cloud')
const cloudUrl = `http://127.0.0.1:${CLOUD_PORT}`

function run(title, cmd, args) {
  console.log(`▶ ${title}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

run('bundling the cloud functions', 'node', ['scripts/build-functions.mjs'])
if (!existsSync(join(root, 'dist-h5/index.html')) || process.argv.includes('--rebuild')) run('building the h5 app (about a minute)', 'npx', ['taro', 'build', '--type', 'h5'])

mkdirSync(dataDir, { recursive: true })
const cloud = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', String(CLOUD_PORT), '--data', dataDir, '--function-env', 'MANAGER_OPENIDS=o_demo_manager'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
})
const stop = () => {
  cloud.kill('SIGTERM')
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
cloud.on('exit', (code) => {
  console.error(`local cloud exited (${code})`)
  process.exit(code ?? 1)
})

await new Promise((resolve) => {
  let out = ''
  cloud.stdout.on('data', (chunk) => {
    out += chunk
    process.stdout.write(chunk)
    if (out.includes('local cloud ready on')) resolve()
  })
})

const marker = join(dataDir, 'demo-seeded')
if (!existsSync(marker)) {
  run('seeding demo data through the functions', 'node', ['--import', 'tsx', 'scripts/seed/cli.ts', cloudUrl])
  writeFileSync(marker, new Date().toISOString())
}

const { port } = await serveStatic(join(root, 'dist-h5'), APP_PORT)
console.log(`
企业周走访 is running.
  app:          http://127.0.0.1:${port}/?cloud=${encodeURIComponent(cloudUrl)}#/pages/index/index
  local cloud:  ${cloudUrl}  (dev endpoints: ${cloudUrl}/dev/metrics, /dev/outbox, /dev/db/issues)
Pick a demo user with the persona button (bottom left). Ctrl-C stops everything; data stays in .cloud/ (delete it to reseed).
`)
