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
import { LocalCloudClient } from '../../scripts/devClient'
import { seedDemo } from '../../scripts/seed'
import { seedOrg } from '../../scripts/seed/org'
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

/** The demo's zone made 60 days before the cloud's now (so its projects are active all month), then the clock back. */
async function seedOrgBefore(cloud: LocalCloudHandle): Promise<void> {
  const c = new LocalCloudClient(cloud.url)
  const now = await c.now()
  await c.setClock(now - 60 * 86_400_000)
  await seedOrg(c)
  await c.setClock(now)
}

/**
 * A local cloud on a fresh copy of the demo data; or empty (seed 'none'); or only the demo's zone —
 * teams, departments, people, projects bound to their groups — seeded two months before `clock` (seed 'org', for
 * stories pinned to an edge date). stop() removes the data.
 */
export async function startDemoCloud(opts: { seed?: 'demo' | 'org' | 'none'; clock?: string } = {}): Promise<LocalCloudHandle> {
  checkFunctionBundles()
  const seed = opts.seed ?? 'demo'
  if (seed === 'demo' && opts.clock) throw new Error('the demo data is seeded at PINNED_NOW: use seed "org" on another date')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-cloud-'))
  if (seed === 'demo') fs.cpSync(await demoDataTemplate(), dataDir, { recursive: true })
  const cloud = await startLocalCloud({ dataDir, clock: opts.clock, extraArgs: DEMO_CLOUD_ARGS })
  const stop = cloud.stop.bind(cloud)
  const stopAndRemove = async () => {
    await stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  if (seed === 'org') await seedOrgBefore(cloud).catch(async (e) => { await stopAndRemove(); throw e })
  return Object.assign(cloud, { stop: stopAndRemove })
}
