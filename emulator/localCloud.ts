// The local cloud: one HTTP server on 127.0.0.1 in front of a registry of services
// (database, functions, open API, storage), started in order and stopped in reverse.
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { EmulatorClock } from './clock'
import { FunctionsService } from './functions/functionsService'
import { OpenApiService } from './openapi/openApiService'
import { StorageService } from './storage/storageService'
import { StorageRules } from './storage/storageRules'
import { handleAdmin } from './adminRoutes'
import { matchDevRoute } from './devRoutes'
import { handleCosPut, handleFileGet } from './fileRoutes'
import { applyCors, HttpError, sendJson } from './http'
import { ENV_ID, sdkEnv } from './env'
import type { DatabaseLike, Services } from './services'
import { Faults } from './faults'

export const REPO_ROOT = path.resolve(__dirname, '..')

export interface LocalCloudOptions {
  port?: number
  dataDir?: string
  functionsDir?: string
  specPath?: string
  /** The storage security rule and upload policy; default database/storage-rules.json. */
  storageRulesPath?: string
  longTermTemplates?: string[]
  maxInstancesPerFunction?: number
  /** Extra env for every function invocation (overrides config.json env). */
  functionEnv?: Record<string, string>
  /** Pin the clock: it starts at this instant (epoch ms) and /dev/reset returns it there. */
  clockAt?: number
  /** Only for tests of the server itself; normally the real DatabaseService is used. */
  database?: DatabaseLike
  log?: (line: string) => void
}

interface RegisteredService { name: string; start(): Promise<void>; stop(): Promise<void> }

export class LocalCloud {
  readonly clock: EmulatorClock
  readonly services: Services
  private readonly registry: RegisteredService[]
  private readonly server: http.Server
  private port = 0

  constructor(private readonly opts: LocalCloudOptions = {}) {
    const log = opts.log ?? (() => {})
    this.clock = new EmulatorClock(opts.clockAt)
    const dataDir = path.resolve(opts.dataDir ?? path.join(REPO_ROOT, '.cloud'))
    const db = opts.database ?? this.createDatabase(dataDir, log)
    const functions = new FunctionsService({
      functionsDir: path.resolve(opts.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions')),
      port: () => this.port,
      clockOffsetMs: () => this.clock.offsetMs,
      now: () => this.clock.now(),
      db,
      fallbackPaths: [path.join(REPO_ROOT, 'node_modules')],
      maxInstancesPerFunction: opts.maxInstancesPerFunction,
      extraEnv: opts.functionEnv ?? {},
      log,
    })
    const openapi = new OpenApiService({
      dataDir,
      now: () => this.clock.now(),
      longTermTemplates: opts.longTermTemplates ?? [],
      callerOf: (seqId) => functions.callerOf(seqId)?.name,
      permissionsOf: (name) => functions.loader.load(name)?.config.permissions?.openapi ?? [],
    })
    const rules = StorageRules.fromFile(opts.storageRulesPath ?? path.join(REPO_ROOT, 'database/storage-rules.json'))
    const storage = new StorageService(dataDir, { now: () => this.clock.now(), rules })
    this.services = { clock: this.clock, db, functions, openapi, storage, faults: new Faults(), log }
    this.registry = [
      { name: 'database', start: () => db.start(), stop: () => db.stop() },
      { name: 'functions', start: () => functions.start(), stop: () => functions.stop() },
      { name: 'openapi', start: () => openapi.start(), stop: () => openapi.stop() },
      { name: 'storage', start: () => storage.start(this.url), stop: () => storage.stop() },
    ]
    this.server = http.createServer((req, res) => void this.route(req, res))
  }

  private createDatabase(dataDir: string, log: (line: string) => void): DatabaseLike {
    // Loaded lazily so a server test can inject a stand-in instead.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
    const { DatabaseService } = require('./database') as typeof import('./database')
    return new DatabaseService({
      dataDir,
      specPath: this.opts.specPath ?? path.join(REPO_ROOT, 'database/collections.json'),
      log,
      now: () => this.clock.now(),
    })
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(): Promise<{ port: number; url: string }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(this.opts.port ?? 0, '127.0.0.1', () => resolve())
    })
    this.port = (this.server.address() as AddressInfo).port
    for (const service of this.registry) await service.start()
    return { port: this.port, url: this.url }
  }

  async stop(): Promise<void> {
    for (const service of [...this.registry].reverse()) {
      await service.stop().catch((error) => this.services.log(`stopping ${service.name}: ${error}`))
    }
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  getInfo() {
    return {
      name: 'local cloud',
      env: ENV_ID,
      url: this.url,
      adminUrl: `${this.url}/admin`,
      services: this.registry.map((s) => s.name),
      functions: this.services.functions.getInfo().functions,
      clock: this.clock.describe(),
      sdkEnv: sdkEnv(this.port),
    }
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    applyCors(res)
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      const method = req.method ?? 'GET'
      if (method === 'OPTIONS') {
        res.writeHead(204)
        return void res.end()
      }
      const dev = matchDevRoute(method, url.pathname)
      if (dev) return await dev.handler(this.services, req, res, url, dev.params)
      if (method === 'PUT' && url.pathname.startsWith('/cos/')) return await handleCosPut(this.services, req, res, url.pathname.slice(5))
      if (method === 'GET' && url.pathname.startsWith('/files/')) return handleFileGet(this.services, res, url.pathname.slice(7), url)
      if (method === 'GET' && url.pathname === '/') return sendJson(res, 200, this.getInfo())
      if (method === 'POST' && !url.pathname.startsWith('/dev/') && !url.pathname.startsWith('/functions/')) {
        return await handleAdmin(this.services, req, res, url)
      }
      sendJson(res, 404, { errCode: -1, errMsg: `no route ${method} ${url.pathname}` })
    } catch (error) {
      this.reportError(res, error)
    }
  }

  private reportError(res: http.ServerResponse, error: unknown): void {
    const status = error instanceof HttpError ? error.status : 500
    if (status === 500) this.services.log(`internal error: ${(error as Error)?.stack ?? error}`)
    if (res.headersSent) return void res.end()
    sendJson(res, status, { errCode: -1, errMsg: (error as Error)?.message ?? String(error) })
  }
}
