// Dev only: the whole state of a local cloud as one JSON document, and back.
// `POST /dev/snapshot` answers it; `POST /dev/restore` with it is `/dev/reset` followed by exactly
// that state: documents and run-time collections (written to disk as a database snapshot, so a
// restart or a kill -9 after it keeps it), groups and their CloudIDs, subscription credits, the
// outbox, storage files and their owners, and the clock at the instant of the snapshot (ticking on).
// Metrics start from zero, as after a reset; warm function instances stay warm. The URL-signing key
// is the cloud's own and is not part of it. Tests build a world once, snapshot it, and restore it
// before each story instead of rebuilding it (test/api/support/world.ts).
import { HttpError } from './http'
import type { Services } from './services'
import type { GroupTable } from './openapi/groups'
import type { CreditTable } from './openapi/subscriptions'
import type { OutboxEntry } from './openapi/outbox'

export const SNAPSHOT_FORMAT = 'local-cloud-snapshot/1'

export interface CloudSnapshot {
  format: typeof SNAPSHOT_FORMAT
  /** The local cloud's time when the snapshot was taken (epoch ms). */
  now: number
  database: { created: string[]; documents: string[] }
  groups: GroupTable
  subscriptions: CreditTable
  outbox: { entries: OutboxEntry[]; nextId: number }
  storage: { files: Record<string, string>; owners: Record<string, string> }
}

export function takeSnapshot(s: Services): CloudSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    now: s.clock.now(),
    database: s.db.capture(),
    groups: s.openapi.groups.capture(),
    subscriptions: s.openapi.subscriptions.capture(),
    outbox: s.openapi.outbox.capture(),
    storage: s.storage.capture(),
  }
}

export async function restoreSnapshot(s: Services, body: unknown): Promise<void> {
  const snap = checked(body)
  await s.db.restore(snap.database)
  s.openapi.reset()
  s.openapi.groups.restore(snap.groups)
  s.openapi.subscriptions.restore(snap.subscriptions)
  s.openapi.outbox.restore(snap.outbox)
  s.storage.restore(snap.storage)
  s.functions.reset()
  s.faults.clear()
  s.clock.setNow(snap.now)
}

function checked(body: unknown): CloudSnapshot {
  const snap = body as CloudSnapshot
  const object = (x: unknown) => !!x && typeof x === 'object' && !Array.isArray(x)
  if (!object(snap) || snap.format !== SNAPSHOT_FORMAT) throw new HttpError(400, `send a snapshot from POST /dev/snapshot (format ${SNAPSHOT_FORMAT})`)
  const ok = Number.isFinite(snap.now)
    && object(snap.database) && Array.isArray(snap.database.created) && Array.isArray(snap.database.documents) && snap.database.documents.every((d) => typeof d === 'string')
    && object(snap.groups) && object(snap.groups.groups) && object(snap.groups.cloudIds)
    && object(snap.subscriptions)
    && object(snap.outbox) && Array.isArray(snap.outbox.entries) && Number.isInteger(snap.outbox.nextId)
    && object(snap.storage) && object(snap.storage.files) && object(snap.storage.owners)
  if (!ok) throw new HttpError(400, 'the snapshot is incomplete: now, database, groups, subscriptions, outbox and storage are required')
  return snap
}
