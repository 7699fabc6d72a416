// Jest wiring shared by the database conformance tests: one harness + the real SDK per file.
import { mkdtempSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { DbServer, loadSdk, startDbServer } from './dbServer'

export interface DbTestContext {
  server: DbServer
  cloud: any
  db: any
  _: any
  logs: string[]
  /** Shift the emulator clock by ms. */
  advanceClock(ms: number): void
  dataDir: string
}

export function useDatabase(): DbTestContext {
  const ctx = { logs: [] as string[] } as DbTestContext
  let shift = 0
  beforeAll(async () => {
    ctx.dataDir = mkdtempSync(join(tmpdir(), 'localcloud-db-'))
    ctx.server = await startDbServer({ dataDir: ctx.dataDir, log: line => ctx.logs.push(line), now: () => Date.now() + shift })
    ctx.cloud = loadSdk(ctx.server.port)
    ctx.db = ctx.cloud.database()
    ctx._ = ctx.db.command
    ctx.advanceClock = ms => { shift += ms }
  })
  beforeEach(async () => {
    shift = 0
    ctx.logs.length = 0
    await ctx.server.service.reset()
  })
  afterAll(async () => {
    await ctx.server?.close()
    rmSync(ctx.dataDir, { recursive: true, force: true })
  })
  return ctx
}

/** The SDK's thrown error, for asserting on errCode / errMsg. */
export async function caught(p: Promise<unknown>): Promise<any> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('expected the call to throw')
}
