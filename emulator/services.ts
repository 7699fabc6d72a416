// The services one local cloud runs, as the routes see them.
import type { EmulatorClock } from './clock'
import type { FunctionsService } from './functions/functionsService'
import type { OpenApiService } from './openapi/openApiService'
import type { StorageService } from './storage/storageService'

/** The part of DatabaseService (emulator/database) the server relies on. */
export interface DatabaseLike {
  start(): Promise<void>
  stop(): Promise<void>
  handles(action: string): boolean
  handle(action: string, body: any, ctx: { seqId?: string }): Promise<any>
  reset(): Promise<void>
  capture(): { created: string[]; documents: string[] }
  restore(captured: { created: string[]; documents: string[] }): Promise<void>
  metrics(): any
  takeStats(seqPrefix: string): { roundTrips: number; docsExamined: number; docsReturned: number }
}

export interface Services {
  clock: EmulatorClock
  db: DatabaseLike
  functions: FunctionsService
  openapi: OpenApiService
  storage: StorageService
  log: (line: string) => void
}
