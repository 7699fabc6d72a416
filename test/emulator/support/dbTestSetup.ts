// Jest wiring shared by the database conformance tests: one harness + the real SDK per file.
import { mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import type { DatabaseSpec } from '../../../emulator/database/spec'
import { PINNED_NOW, at } from '../../support/clock'
import { DbServer, loadSdk, startDbServer } from './dbServer'

export interface DbTestContext {
  server: DbServer
  cloud: any
  db: any
  _: any
  logs: string[]
  /** The emulator clock (epoch ms): PINNED_NOW plus what advanceClock added; it does not tick by itself. */
  now(): number
  /** Shift the emulator clock by ms. */
  advanceClock(ms: number): void
  dataDir: string
}

export interface DatabaseOptions {
  /** Collections and indexes instead of the repo's database/collections.json. */
  spec?: DatabaseSpec
}

export function useDatabase(opts: DatabaseOptions = {}): DbTestContext {
  const ctx = { logs: [] as string[] } as DbTestContext
  let shift = 0
  ctx.now = () => at(PINNED_NOW) + shift
  beforeAll(async () => {
    ctx.dataDir = mkdtempSync(join(tmpdir(), 'localcloud-db-'))
    let specPath: string | undefined
    if (opts.spec) {
      specPath = join(ctx.dataDir, 'spec.json')
      writeFileSync(specPath, JSON.stringify(opts.spec))
    }
    ctx.server = await startDbServer({ dataDir: ctx.dataDir, specPath, log: line => ctx.logs.push(line), now: ctx.now })
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
