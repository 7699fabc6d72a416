// Simulated WeChat groups and the short-lived CloudIDs that carry their openGId.
import crypto from 'node:crypto'
import path from 'node:path'
import { JsonFile } from '../jsonFile'
import { APPID } from '../env'

export const CLOUD_ID_TTL_MS = 5 * 60 * 1000

interface GroupRecord { openGId: string; name: string; createdAt: number }
interface CloudIdRecord { openGId: string; issuedAt: number }
export interface GroupTable { groups: Record<string, GroupRecord>; cloudIds: Record<string, CloudIdRecord> }

export type CloudIdResolution =
  | { ok: true; json: { cloudID: string; data: Record<string, unknown> } }
  | { ok: false; reason: 'unknown' | 'expired' }

export class GroupDirectory {
  private readonly file: JsonFile<GroupTable>
  private table: GroupTable

  constructor(dataDir: string, private readonly now: () => number) {
    this.file = new JsonFile(path.join(dataDir, 'groups.json'), () => ({ groups: {}, cloudIds: {} }))
    this.table = this.file.read()
  }

  createGroup(name?: string): { openGId: string; name: string; cloudID: string } {
    const openGId = `G${crypto.randomBytes(12).toString('hex')}`
    const group = { openGId, name: name || `group ${Object.keys(this.table.groups).length + 1}`, createdAt: this.now() }
    this.table.groups[openGId] = group
    const cloudID = this.issue(openGId)
    return { openGId, name: group.name, cloudID }
  }

  /** A fresh CloudID for the group, or undefined if the group does not exist. */
  issueCloudId(openGId: string): string | undefined {
    return this.table.groups[openGId] ? this.issue(openGId) : undefined
  }

  list(): GroupRecord[] {
    return Object.values(this.table.groups)
  }

  resolve(cloudID: string): CloudIdResolution {
    const record = this.table.cloudIds[cloudID]
    if (!record) return { ok: false, reason: 'unknown' }
    if (this.now() - record.issuedAt > CLOUD_ID_TTL_MS) return { ok: false, reason: 'expired' }
    return {
      ok: true,
      json: {
        cloudID,
        data: {
          openGId: record.openGId,
          opengid: record.openGId,
          chat_type: 3,
          watermark: { appid: APPID, timestamp: Math.floor(record.issuedAt / 1000) },
        },
      },
    }
  }

  reset(): void {
    this.table = { groups: {}, cloudIds: {} }
    this.file.remove()
  }

  capture(): GroupTable {
    return structuredClone(this.table)
  }

  restore(table: GroupTable): void {
    this.table = { groups: { ...table.groups }, cloudIds: { ...table.cloudIds } }
    this.file.write(this.table)
  }

  private issue(openGId: string): string {
    const cloudID = `cid_${crypto.randomBytes(16).toString('hex')}`
    this.table.cloudIds[cloudID] = { openGId, issuedAt: this.now() }
    this.file.write(this.table)
    return cloudID
  }
}
