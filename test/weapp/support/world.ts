/**
 * The world a weapp story file runs in: one local cloud (the product's function bundles, pinned
 * clock) per file, holding the demo data — a copy of the cached seeded data dir (test/support/demoData.ts).
 *
 *   const world = useWeappWorld()
 *   it('…', async () => { const app = await world.launch(DEMO.liaison1, (d) => d.openFromGroup(gid)) })
 */
import { LocalCloudClient } from '../../../scripts/devClient'
import { startDemoCloud } from '../../support/demoData'
import type { LocalCloudHandle } from '../../support/localCloud'
import type { Device } from './device'
import { MiniApp } from './miniapp'
import { getRuntime } from './runtime'

export { DEMO } from '../../../scripts/seed'

/** A story's time limit: generous, for a machine busy with the other steps of npm test (the timing table reports how long each took). */
export const WEAPP_TIMEOUT = 120_000

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

/** seed: the demo data (default), the demo's zone only ('org', seeded at `clock`), or nothing. */
export function useWeappWorld(opts: { seed?: 'demo' | 'org' | 'none'; clock?: string } = {}): WeappWorld {
  let cloud: LocalCloudHandle | undefined
  let client: LocalCloudClient | undefined
  let app: MiniApp | undefined

  beforeAll(async () => {
    // The local cloud boots in its own process while this one loads simulate and compiles dist/'s WXML.
    const starting = startDemoCloud(opts)
    getRuntime()
    cloud = await starting
    client = new LocalCloudClient(cloud.url)
  }, WEAPP_TIMEOUT)

  afterEach(() => app?.close())

  afterAll(async () => {
    await cloud?.stop()
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
