/**
 * The world a weapp story file runs in: one local cloud (the product's function bundles, pinned
 * clock) per file, holding the demo data. Seeding through the functions takes seconds, so it runs
 * once per content of the bundles and the seed scripts, into a cached data dir that each file copies.
 *
 *   const world = useWeappWorld()
 *   it('…', async () => { const app = await world.launch(DEMO.liaison1, (d) => d.openFromGroup(gid)) })
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LocalCloudClient } from '../../../emulator/devClient'
import { seedDemo } from '../../../scripts/seed'
import { PINNED_NOW } from '../../support/clock'
import { type LocalCloudHandle, REPO_ROOT, startLocalCloud } from '../../support/localCloud'
import type { Device } from './device'
import { MiniApp } from './miniapp'
import { getRuntime } from './runtime'

export { DEMO } from '../../../scripts/seed'

const MANAGERS = ['--function-env', 'MANAGER_OPENIDS=o_demo_manager']
export const WEAPP_TIMEOUT = 60_000

export interface WeappWorld {
  readonly cloud: LocalCloudHandle
  readonly client: LocalCloudClient
  /** Boots the production build as `openid` (a fresh phone unless `device` is given). */
  launch(openid: string, prepare?: (device: Device) => void, device?: Device): Promise<MiniApp>
  /** Every document of a collection (GET /dev/db/<name>). */
  db<T = any>(collection: string): Promise<T[]>
  /** The demo's WeChat group whose name contains `name`. */
  group(name: string): Promise<{ openGId: string; name: string }>
  /** Subscribe messages sent so far (subscribeMessage.send calls in the local cloud's outbox). */
  outbox(): Promise<{ touser: string; template_id: string; page: string; data: Record<string, { value: string }>; errcode: number }[]>
}

const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))

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

async function seededTemplate(): Promise<string> {
  const template = path.join(os.tmpdir(), `weapp-demo-${seedKey()}`)
  if (fs.existsSync(path.join(template, '.complete'))) return template
  const building = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-demo-building-'))
  const cloud = await startLocalCloud({ dataDir: building, extraArgs: MANAGERS })
  try {
    await seedDemo(cloud.url)
  } finally {
    await cloud.stop()
  }
  fs.writeFileSync(path.join(building, '.complete'), new Date(0).toISOString())
  try {
    fs.renameSync(building, template)
  } catch {
    fs.rmSync(building, { recursive: true, force: true }) // another worker made it first
  }
  return template
}

export function useWeappWorld(opts: { seed?: 'demo' | 'none' } = {}): WeappWorld {
  let cloud: LocalCloudHandle | undefined
  let client: LocalCloudClient | undefined
  let dataDir: string | undefined
  let app: MiniApp | undefined

  beforeAll(async () => {
    if (!fs.existsSync(path.join(REPO_ROOT, 'cloudfunctions/me/index.js'))) throw new Error('The cloud function bundles are missing: run `node scripts/build-functions.mjs` (npm test does it).')
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-cloud-'))
    if ((opts.seed ?? 'demo') === 'demo') fs.cpSync(await seededTemplate(), dataDir, { recursive: true })
    // The local cloud boots in its own process while this one loads simulate and compiles dist/'s WXML.
    const starting = startLocalCloud({ dataDir, extraArgs: MANAGERS })
    getRuntime()
    cloud = await starting
    client = new LocalCloudClient(cloud.url)
  }, WEAPP_TIMEOUT)

  afterEach(() => app?.close())

  afterAll(async () => {
    await cloud?.stop()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }, WEAPP_TIMEOUT)

  const need = <T>(x: T | undefined): T => {
    if (!x) throw new Error('the weapp world is not started (use it inside a test)')
    return x
  }

  return {
    get cloud() {
      return need(cloud)
    },
    get client() {
      return need(client)
    },
    async launch(openid, prepare, device) {
      app = await MiniApp.launch({ cloudUrl: need(cloud).url, openid, prepare, device })
      return app
    },
    async db(collection) {
      const { body } = await need(cloud).fetchJson(`/dev/db/${collection}`)
      return body.documents
    },
    async group(name) {
      const { body } = await need(cloud).fetchJson('/dev/groups')
      const groups: { openGId: string; name: string }[] = Array.isArray(body) ? body : body.groups ?? Object.values(body)
      const found = groups.find((g) => g.name.includes(name))
      if (!found) throw new Error(`no group named like ${name}`)
      return found
    },
    async outbox() {
      const { body } = await need(cloud).fetchJson('/dev/outbox')
      return (body.messages as { apiName: string; payload: any; result: { errcode: number } }[])
        .filter((m) => m.apiName === 'subscribeMessage.send')
        .map((m) => ({ ...m.payload, errcode: m.result?.errcode }))
    },
  }
}
