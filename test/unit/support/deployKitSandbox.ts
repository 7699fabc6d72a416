/**
 * scripts/deploy/apply-database.mjs against a stand-in for @cloudbase/manager-node: the scripts and
 * database/*.json are copied into a temporary root whose node_modules holds a fake SDK that keeps the
 * "cloud" in a JSON file, so nothing reaches the network even if the real SDK is installed here.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const FAKE_SDK = `
const fs = require('fs')
const file = process.env.FAKE_CLOUD
const load = () => JSON.parse(fs.readFileSync(file, 'utf8'))
const save = (s) => fs.writeFileSync(file, JSON.stringify(s))
const log = (call) => { const s = load(); s.calls.push(call); save(s) }
class CloudBase {
  constructor(cfg) {
    if (!cfg.secretId || !cfg.secretKey || !cfg.envId) throw new Error('bad config')
    log(['new', cfg.envId])
    this.database = {
      async createCollectionIfNotExists(name) {
        const s = load(); const created = !s.collections[name]
        if (created) s.collections[name] = { Indexes: [{ Name: '_id_' }] }
        s.calls.push(['createCollectionIfNotExists', name]); save(s)
        return { RequestId: 'r', IsCreated: created, ExistsResult: { RequestId: 'r', Exists: !created } }
      },
      async checkIndexExists(name, index) {
        const s = load(); s.calls.push(['checkIndexExists', name, index]); save(s)
        return { RequestId: 'r', Exists: s.collections[name].Indexes.some((i) => i.Name === index) }
      },
      async updateCollection(name, info) {
        const s = load(); s.calls.push(['updateCollection', name, info])
        for (const ix of info.CreateIndexes || []) s.collections[name].Indexes.push({ Name: ix.IndexName, Keys: ix.MgoKeySchema.MgoIndexKeys, Unique: ix.MgoKeySchema.MgoIsUnique })
        save(s); return { RequestId: 'r' }
      },
      async describeCollection(name) { return { RequestId: 'r', Indexes: load().collections[name].Indexes } },
    }
    // storage.getStorageAcl / setStorageAcl as in 5.6.5: the rule travels as a JSON string (Rule) and is parsed back.
    this.storage = process.env.FAKE_NO_STORAGE_ACL ? {} : {
      async getStorageAcl(o) {
        const s = load(); const acl = s.storageAcl || { AclTag: 'READONLY' }
        if (!o || !o.withRule) return acl.AclTag
        return acl.AclTag === 'CUSTOM' && acl.Rule ? { acl: acl.AclTag, rule: JSON.parse(acl.Rule) } : { acl: acl.AclTag }
      },
      async setStorageAcl(acl, rule) {
        if (process.env.FAKE_STORAGE_ACL_FAILS) throw new Error('[ModifyStorageSafeRule] not supported')
        const s = load(); s.calls.push(['setStorageAcl', acl, rule])
        s.storageAcl = { AclTag: acl, Rule: rule ? JSON.stringify(rule) : undefined }; save(s)
        return { RequestId: 'r' }
      },
    }
    this.permission = process.env.FAKE_NO_PERMISSION ? undefined : {
      async modifyResourcePermission(o) {
        if (process.env.FAKE_PERMISSION_FAILS) throw new Error('[ModifyResourcePermission] not supported')
        const s = load(); s.calls.push(['modifyResourcePermission', o]); s.rules[o.resource] = o; save(s)
        return { Data: { Success: true }, RequestId: 'r' }
      },
      async describeResourcePermission(o) {
        const s = load()
        return { Data: { TotalCount: 1, PermissionList: o.resources.map((r) => ({ ResourceType: 'collection', Resource: r, Permission: s.rules[r].permission, SecurityRule: s.rules[r].securityRule })) }, RequestId: 'r' }
      },
    }
  }
}
module.exports = CloudBase
module.exports.default = CloudBase
module.exports.CloudBase = CloudBase
`

export class DeployKitSandbox {
  readonly tmp: string
  readonly cloudFile: string

  constructor(root: string) {
    this.tmp = mkdtempSync(path.join(os.tmpdir(), 'deploykit-'))
    cpSync(path.join(root, 'scripts/deploy'), path.join(this.tmp, 'scripts/deploy'), { recursive: true })
    cpSync(path.join(root, 'database'), path.join(this.tmp, 'database'), { recursive: true })
    writeFileSync(path.join(this.tmp, 'package.json'), '{"private":true}')
    this.cloudFile = path.join(this.tmp, 'cloud.json')
    this.resetCloud()
  }

  run(args: string[], env: Record<string, string> = {}): { code: number | null; out: string } {
    const r = spawnSync(process.execPath, [path.join(this.tmp, 'scripts/deploy/apply-database.mjs'), ...args], {
      cwd: this.tmp,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', FAKE_CLOUD: this.cloudFile, ...env },
      timeout: 30_000,
    })
    return { code: r.status, out: `${r.stdout}${r.stderr}` }
  }

  cloud(): any {
    return JSON.parse(readFileSync(this.cloudFile, 'utf8'))
  }

  writeCloud(state: unknown): void {
    writeFileSync(this.cloudFile, JSON.stringify(state))
  }

  resetCloud(): void {
    this.writeCloud({ collections: {}, rules: {}, calls: [] })
  }

  installFake(): void {
    const dir = path.join(this.tmp, 'node_modules/@cloudbase/manager-node')
    mkdirSync(dir, { recursive: true })
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@cloudbase/manager-node', version: '5.6.5', main: 'index.js' }))
    writeFileSync(path.join(dir, 'index.js'), FAKE_SDK)
  }

  remove(): void {
    rmSync(this.tmp, { recursive: true, force: true })
  }
}

export const CREDENTIALS = { TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' }
