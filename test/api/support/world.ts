/**
 * The API stories' world: a small zone built through the functions themselves, in one local cloud
 * per test file. Write a new test/api file like this:
 *
 *   const { app, w } = useApiWorld()        // at the top of the file, or at the top of a describe block
 *   it('…', async () => { await w.liaison.call('issues', 'raise', { projectId: w.project._id, … }) })
 *
 * The file's local cloud starts once (beforeAll) and stops at the end of the file (afterAll). The world
 * is built once through the functions and snapshotted (POST /dev/snapshot); every later
 * `useApiWorld()` block in the file starts from it restored (POST /dev/restore: documents, groups,
 * credits, outbox, files and the clock as built), so describe blocks never see each other's data.
 * Options: `build` (another world, e.g. buildHostileWorld), `fresh: 'test'` (restored before every
 * test, not only before the block), `extraArgs` / `clock` / `functions` (how the cloud is started —
 * a different start is a different cloud: keep it to one extra per file, and say why). Kill -9 and
 * restart tests kill and restart the file's own cloud (faults.test.ts, jobs.test.ts); startApp()
 * refuses a third cloud in one file.
 */
import type { Project, Team } from '../../../src/domain/types'
import { type App, type Caller, MANAGER, keepUnindexed, startApp } from './app'

export interface World {
  manager: Caller
  teamA: Team
  teamB: Team
  staffA: Caller
  staffB: Caller
  handlerZj: Caller
  departments: Record<'zj' | 'sw' | 'fg', string>
  project: Project
  otherProject: Project
  liaison: Caller
  otherLiaison: Caller
  groupId: string
  otherGroupId: string
  /** The local cloud's time when the world was built (tests never read the wall clock). */
  now: number
}

let counter = 0
/** A fresh client request id (unique within the test process, as a phone's would be). */
export const requestId = (): string => `req_${process.pid.toString(36)}_${(counter++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`

let uploads = 0
/** What wx.cloud.uploadFile does from the mini-program: the client door, as `openid`, under its own prefix. Answers the fileID. */
export async function uploadAs(app: App, openid: string, folder: 'issues' | 'visits' | 'materials' = 'visits', ext = 'jpg'): Promise<string> {
  const name = `Photo${process.pid.toString(36)}${String(uploads++).padStart(8, '0')}Xy`
  const cloudPath = `uploads/${openid}/${folder}/202611/${name}.${ext}`
  const { status, body } = await app.cloud.fetchJson(`/dev/upload?cloudPath=${cloudPath}`, { method: 'POST', body: `bytes of ${cloudPath}`, headers: { 'x-wx-openid': openid } })
  if (status !== 200) throw new Error(`upload refused: ${JSON.stringify(body)}`)
  return body.fileID
}

export async function join(app: App, who: Caller, kind: 'staff' | 'handler', target: string, name: string): Promise<void> {
  const invite = await app.as(MANAGER).call('org', 'createInvite', kind === 'staff' ? { kind, teamId: target } : { kind, departmentId: target })
  await who.call('me', 'acceptInvite', { code: invite.code, name })
}

export async function newGroup(app: App, name: string): Promise<string> {
  const { body } = await app.cloud.fetchJson('/dev/groups', { method: 'POST', body: JSON.stringify({ name }), headers: { 'content-type': 'application/json' } })
  return body.openGId
}

export async function groupCloudId(app: App, openGId: string): Promise<{ $cloudID: string }> {
  const { body } = await app.cloud.fetchJson(`/dev/groups/${openGId}/cloudid`, { method: 'POST' })
  return { $cloudID: body.cloudID }
}

/** A staff member shares the card into the group; `opener` opens it there. */
export async function bindAndEnter(app: App, staff: Caller, opener: Caller, projectId: string, openGId: string) {
  const ticket = await staff.call('projects', 'shareTicket', { projectId })
  return opener.call('me', 'enter', { projectId, bindToken: ticket.bindToken || undefined }, { group: await groupCloudId(app, openGId) })
}

export async function buildWorld(app: App): Promise<World> {
  const manager = app.as(MANAGER)
  const teamA = await manager.call('org', 'createTeam', { name: '第一服务专班' })
  const teamB = await manager.call('org', 'createTeam', { name: '第二服务专班' })
  const zj = await manager.call('org', 'upsertDepartment', { name: '住建局', contactName: '陈工', contactPhone: '13800000001' })
  const sw = await manager.call('org', 'upsertDepartment', { name: '商务局' })
  const fg = await manager.call('org', 'upsertDepartment', { name: '发改局' })
  const staffA = app.as('o_staff_a')
  const staffB = app.as('o_staff_b')
  const handlerZj = app.as('o_handler_zj')
  await join(app, staffA, 'staff', teamA._id, '李明')
  await join(app, staffB, 'staff', teamB._id, '赵敏')
  await join(app, handlerZj, 'handler', zj._id, '陈工')
  const project = await manager.call('projects', 'create', {
    enterpriseName: '智造科技有限公司', name: '智能装备产业园', address: '高新区创新大道 1 号', teamId: teamA._id, visitWeekday: 3,
    contacts: [{ name: '张总', phone: '13900000001' }],
  })
  const otherProject = await manager.call('projects', 'create', {
    enterpriseName: '绿能新材料有限公司', name: '新材料基地', address: '高新区科技路 8 号', teamId: teamB._id, visitWeekday: 2,
  })
  const liaison = app.as('o_liaison_1')
  const otherLiaison = app.as('o_liaison_2')
  const groupId = await newGroup(app, '智能装备产业园项目群')
  const otherGroupId = await newGroup(app, '新材料基地项目群')
  await bindAndEnter(app, staffA, liaison, project._id, groupId)
  await liaison.call('me', 'registerLiaison', { projectId: project._id, name: '张总', phone: '13900000001' })
  await bindAndEnter(app, staffB, otherLiaison, otherProject._id, otherGroupId)
  await otherLiaison.call('me', 'registerLiaison', { projectId: otherProject._id, name: '孙经理', phone: '13900000002' })
  return { now: await app.now(), manager, teamA, teamB, staffA, staffB, handlerZj, departments: { zj: zj._id, sw: sw._id, fg: fg._id }, project, otherProject, liaison, otherLiaison, groupId, otherGroupId }
}

export interface ApiWorldOptions<W extends World> {
  /** More emulator flags, e.g. ['--function-env', 'RED_AFTER_WORKING_DAYS=2']. */
  extraArgs?: string[]
  /** The instant the local cloud starts at (ISO with zone); default PINNED_NOW. */
  clock?: string
  /** A functions folder instead of cloudfunctions/, made once per file and removed after it. */
  functions?: () => Promise<{ dir: string; remove(): void }>
  /** Builds the world through the functions; default buildWorld. Runs once per file and cloud. */
  build?: (app: App) => Promise<W>
  /** 'block' (default): restored before the block it is called in; 'test': before each of its tests too. */
  fresh?: 'block' | 'test'
}

export interface ApiWorld<W> {
  /** The file's local cloud and its callers (inside tests and hooks). */
  readonly app: App
  /** The world as built: its ids and callers. */
  readonly w: W
  /** Puts the world back as it was built. */
  restore(): Promise<void>
}

interface SharedCloud {
  key: string
  functions?: ApiWorldOptions<World>['functions']
  starting?: Promise<App>
  removeFunctions?: () => void
  built: boolean
  worlds: Map<unknown, Promise<{ w: unknown; snapshot: unknown }>>
}

const clouds: SharedCloud[] = []
const START_TIMEOUT = 120_000

// Imported at the top of a test file, this module is evaluated while jest collects the file: this
// afterAll belongs to the file itself and runs after its last block, whichever blocks ran (-t).
try {
  afterAll(async () => {
    for (const c of clouds.splice(0)) {
      const app = await c.starting?.catch(() => undefined)
      await app?.stop()
      c.removeFunctions?.()
    }
  }, START_TIMEOUT)
} catch {
  // imported outside a test file's collection (nothing to stop there)
}

export function useApiWorld<W extends World = World>(opts: ApiWorldOptions<W> = {}): ApiWorld<W> {
  const key = JSON.stringify([opts.extraArgs ?? [], opts.clock ?? null])
  let cloud = clouds.find((c) => c.key === key && c.functions === opts.functions)
  if (!cloud) clouds.push((cloud = { key, functions: opts.functions, built: false, worlds: new Map() }))
  const shared = cloud
  const build = opts.build ?? buildWorld
  let current: { app: App; w: W; snapshot: unknown } | undefined

  const need = () => current ?? fail('the API world is not started: use it inside a test or a hook')
  const restore = async () => {
    const { app, snapshot } = need()
    await keepUnindexed(app)
    await app.cloud.restore(snapshot)
  }

  beforeAll(async () => {
    const app = await (shared.starting ??= start(shared, opts))
    let world = shared.worlds.get(build)
    const justBuilt = !world
    if (!world) {
      world = (async () => {
        // Another world on the same cloud starts from an empty one.
        if (shared.built) await keepUnindexed(app).then(() => app.cloud.reset())
        shared.built = true
        const w = await build(app)
        return { w, snapshot: await app.cloud.snapshot() }
      })()
      shared.worlds.set(build, world)
    }
    const { w, snapshot } = await world
    current = { app, w: w as W, snapshot }
    if (!justBuilt) await restore()
  }, START_TIMEOUT)

  if (opts.fresh === 'test') beforeEach(restore)

  return { app: late(() => need().app), w: late(() => need().w), restore }
}

async function start(shared: SharedCloud, opts: ApiWorldOptions<World>): Promise<App> {
  const functions = await opts.functions?.()
  shared.removeFunctions = functions?.remove
  return startApp({ extraArgs: opts.extraArgs, clock: opts.clock, functionsDir: functions?.dir })
}

function fail(message: string): never {
  throw new Error(message)
}

/** An object that is only there once the world has started: reads go to it then. */
function late<T extends object>(get: () => T): T {
  return new Proxy({} as T, {
    get: (_target, p) => {
      const target = get()
      const value = Reflect.get(target, p)
      return typeof value === 'function' ? value.bind(target) : value
    },
    has: (_target, p) => Reflect.has(get(), p),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_target, p) => {
      const d = Reflect.getOwnPropertyDescriptor(get(), p)
      return d && { ...d, configurable: true }
    },
  })
}
