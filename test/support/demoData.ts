/**
 * The demo data (scripts/seed) as a cached local-cloud data dir: seeding through the functions takes
 * seconds, so it runs once per content of the function bundles, the seed scripts and the local
 * cloud's code, into os.tmpdir(); each weapp story file and browser test file copies it. The weapp
 * and e2e projects build it in their globalSetup (demoDataSetup.ts) before any worker starts.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { seedDemo } from '../../scripts/seed'
import { PINNED_NOW } from './clock'
import { type LocalCloudHandle, REPO_ROOT, startLocalCloud } from './localCloud'

/** How the demo's local cloud is started: its manager is the demo's. */
export const DEMO_CLOUD_ARGS = ['--function-env', 'MANAGER_OPENIDS=o_demo_manager']

const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))

export function checkFunctionBundles(): void {
  if (!fs.existsSync(path.join(REPO_ROOT, 'cloudfunctions/me/index.js'))) throw new Error('The cloud function bundles are missing: run `node scripts/build-functions.mjs` (npm test does it).')
}

/** A hash of what the seeded data depends on: the function bundles, the seed scripts, the local cloud's code (its data format). */
function seedKey(): string {
  const h = crypto.createHash('sha1')
  const files = [
    ...fs.readdirSync(path.join(REPO_ROOT, 'cloudfunctions')).map((f) => path.join(REPO_ROOT, 'cloudfunctions', f, 'index.js')),
    ...walk(path.join(REPO_ROOT, 'scripts/seed')),
    ...walk(path.join(REPO_ROOT, 'emulator')).filter((f) => f.endsWith('.ts')),
  ].filter((f) => fs.existsSync(f) && fs.statSync(f).isFile())
  for (const f of files.sort()) h.update(f).update(fs.readFileSync(f))
  h.update(PINNED_NOW)
  return h.digest('hex').slice(0, 16)
}

/** The cached data dir holding the demo data (built now if missing). Copy it; never write to it. */
export async function demoDataTemplate(): Promise<string> {
  checkFunctionBundles()
  const template = path.join(os.tmpdir(), `weapp-demo-${seedKey()}`)
  if (fs.existsSync(path.join(template, '.complete'))) return template
  const building = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-demo-building-'))
  const cloud = await startLocalCloud({ dataDir: building, extraArgs: DEMO_CLOUD_ARGS })
  try {
    await seedDemo(cloud.url)
  } finally {
    await cloud.stop()
  }
  fs.writeFileSync(path.join(building, '.complete'), new Date(0).toISOString())
  try {
    fs.renameSync(building, template)
  } catch {
    fs.rmSync(building, { recursive: true, force: true }) // another process made it first
  }
  return template
}

/** A local cloud on a fresh copy of the demo data (or empty, seed 'none'); stop() removes the copy. */
export async function startDemoCloud(opts: { seed?: 'demo' | 'none' } = {}): Promise<LocalCloudHandle> {
  checkFunctionBundles()
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-cloud-'))
  if ((opts.seed ?? 'demo') === 'demo') fs.cpSync(await demoDataTemplate(), dataDir, { recursive: true })
  const cloud = await startLocalCloud({ dataDir, extraArgs: DEMO_CLOUD_ARGS })
  const stop = cloud.stop.bind(cloud)
  return Object.assign(cloud, {
    async stop() {
      await stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  })
}
