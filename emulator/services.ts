// The services one local cloud runs, as the routes see them.
import type { EmulatorClock } from './clock'
import type { Faults } from './faults'
import type { FunctionsService } from './functions/functionsService'
import type { OpenApiService } from './openapi/openApiService'
import type { StorageService } from './storage/storageService'

/** The part of DatabaseService (emulator/database) the server relies on. */
export interface DatabaseLike {
  start(): Promise<void>
  stop(): Promise<void>
  handles(action: string): boolean
  handle(action: string, body: any, ctx: { seqId?: string; receivedAt?: number }): Promise<any>
  reset(): Promise<void>
  capture(): { created: string[]; documents: string[] }
  restore(captured: { created: string[]; documents: string[] }): Promise<void>
  /** Bulk import for benchmarks (POST /dev/import): lossless lines in, all or nothing; `persist` writes a snapshot. */
  importDocuments(collection: string, lines: string[], opts: { replace?: boolean; persist?: boolean }): number
  metrics(): any
  takeStats(seqPrefix: string): { roundTrips: number; docsExamined: number; docsReturned: number; replyTrips?: number; replyDepth?: number; afterTrips?: number }
}

export interface Services {
  clock: EmulatorClock
  db: DatabaseLike
  functions: FunctionsService
  openapi: OpenApiService
  storage: StorageService
  faults: Faults
  log: (line: string) => void
}
