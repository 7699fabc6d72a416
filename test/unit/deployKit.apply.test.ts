// scripts/deploy/apply-database.mjs against a stand-in for @cloudbase/manager-node: the scripts and
// database/*.json are copied into a temporary root whose node_modules holds a fake SDK that keeps the
// "cloud" in a JSON file, so nothing reaches the network even if the real SDK is installed here.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { databasePlan, loadCollections } from '../../scripts/deploy/plan.mjs'

const root = path.join(__dirname, '..', '..')
const collections = loadCollections(root)
const plan = databasePlan(collections)
const indexCount = plan.reduce((n: number, c: any) => n + c.indexes.length, 0)

const FAKE_SDK = `
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

let tmp: string
let cloudFile: string
const creds = { TENCENTCLOUD_SECRETID: 'id', TENCENTCLOUD_SECRETKEY: 'key' }

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(tmp, 'scripts/deploy/apply-database.mjs'), ...args], {
    cwd: tmp,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', FAKE_CLOUD: cloudFile, ...env },
    timeout: 30_000,
  })
  return { code: r.status, out: `${r.stdout}${r.stderr}` }
}
const cloud = () => JSON.parse(readFileSync(cloudFile, 'utf8'))
const resetCloud = () => writeFileSync(cloudFile, JSON.stringify({ collections: {}, rules: {}, calls: [] }))
const installFake = () => {
  mkdirSync(path.join(tmp, 'node_modules/@cloudbase/manager-node'), { recursive: true })
  writeFileSync(path.join(tmp, 'node_modules/@cloudbase/manager-node/package.json'), JSON.stringify({ name: '@cloudbase/manager-node', version: '5.6.5', main: 'index.js' }))
  writeFileSync(path.join(tmp, 'node_modules/@cloudbase/manager-node/index.js'), FAKE_SDK)
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'deploykit-'))
  cpSync(path.join(root, 'scripts/deploy'), path.join(tmp, 'scripts/deploy'), { recursive: true })
  cpSync(path.join(root, 'database'), path.join(tmp, 'database'), { recursive: true })
  writeFileSync(path.join(tmp, 'package.json'), '{"private":true}')
  cloudFile = path.join(tmp, 'cloud.json')
  resetCloud()
})
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

describe('apply-database.mjs', () => {
  it('--dry-run needs neither credentials nor the SDK, and prints every call', () => {
    const r = run(['--dry-run'])
    expect(r.code).toBe(0)
    for (const c of plan) {
      expect(r.out).toContain(`database.createCollectionIfNotExists("${c.name}")`)
      for (const ix of c.indexes) expect(r.out).toContain(`{ CreateIndexes: [${JSON.stringify(ix)}] }`)
    }
    expect(r.out).toContain('自定义安全规则')
    expect(cloud().calls).toEqual([])
  })

  it('without the SDK: prints the install command and exits 2', () => {
    const r = run(['--env', 'e1'], creds)
    expect(r.code).toBe(2)
    expect(r.out).toContain('npm i --no-save @cloudbase/manager-node@5')
  })

  it('without credentials or env: exits 2 before touching anything', () => {
    installFake()
    expect(run(['--env', 'e1']).code).toBe(2)
    expect(run([], creds).code).toBe(2)
    expect(cloud().calls).toEqual([])
  })

  it('creates every collection, index and rule, then does nothing the second time', () => {
    installFake()
    const first = run(['--env', 'e1'], creds)
    expect(first.code).toBe(0)
    const s = cloud()
    expect(Object.keys(s.collections).sort()).toEqual(plan.map((c: any) => c.name).sort())
    for (const c of plan) {
      expect(s.collections[c.name].Indexes.map((i: any) => i.Name)).toEqual(['_id_', ...c.indexes.map((ix: any) => ix.IndexName)])
    }
    const updates = s.calls.filter((c: any[]) => c[0] === 'updateCollection')
    expect(updates).toHaveLength(indexCount)
    for (const [, , info] of updates) expect(Object.keys(info)).toEqual(['CreateIndexes'])
    expect(Object.keys(s.rules).sort()).toEqual(plan.map((c: any) => c.name).sort())
    for (const r of Object.values<any>(s.rules)) expect(r).toEqual({ resourceType: 'collection', resource: r.resource, permission: 'CUSTOM', securityRule: '{"read":false,"write":false}' })
    expect(first.out).toContain(`collections created: ${plan.length}, indexes created: ${indexCount}`)

    const second = run(['--env', 'e1'], creds)
    expect(second.code).toBe(0)
    expect(second.out).toContain('collections created: 0, indexes created: 0')
    expect(cloud().calls.filter((c: any[]) => c[0] === 'updateCollection')).toHaveLength(indexCount)
  })

  it('creates only the missing index when one was added', () => {
    installFake()
    expect(run(['--env', 'e1', '--skip-rules'], creds).code).toBe(0)
    const s = cloud()
    const c = plan.find((x: any) => x.indexes.length > 1)!
    s.collections[c.name].Indexes = s.collections[c.name].Indexes.filter((i: any) => i.Name !== c.indexes[1].IndexName)
    s.calls = []
    writeFileSync(cloudFile, JSON.stringify(s))
    const r = run(['--env', 'e1', '--skip-rules'], creds)
    expect(r.code).toBe(0)
    expect(cloud().calls.filter((x: any[]) => x[0] === 'updateCollection')).toEqual([['updateCollection', c.name, { CreateIndexes: [c.indexes[1]] }]])
    expect(cloud().calls.some((x: any[]) => x[0] === 'modifyResourcePermission')).toBe(false)
  })

  it('when the rules API refuses: indexes still done, console steps printed, exit 3', () => {
    installFake()
    const r = run(['--env', 'e1'], { ...creds, FAKE_PERMISSION_FAILS: '1' })
    expect(r.code).toBe(3)
    expect(r.out).toContain('数据库')
    expect(r.out).toContain('自定义安全规则')
    for (const c of plan) expect(r.out).toContain(`  ${c.name}: {"read":false,"write":false}`)
    expect(Object.keys(cloud().collections)).toHaveLength(plan.length)
  })
})
