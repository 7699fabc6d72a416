// scripts/deploy/apply-database.mjs against a stand-in for @cloudbase/manager-node (see
// support/deployKitSandbox.ts): nothing reaches the network even if the real SDK is installed here.
import path from 'node:path'
import { databasePlan, loadCollections } from '../../scripts/deploy/plan.mjs'
import { CREDENTIALS as creds, DeployKitSandbox } from './support/deployKitSandbox'

const root = path.join(__dirname, '..', '..')
const collections = loadCollections(root)
const plan = databasePlan(collections)
const indexCount = plan.reduce((n: number, c: any) => n + c.indexes.length, 0)

let box: DeployKitSandbox
const run = (args: string[], env: Record<string, string> = {}) => box.run(args, env)
const cloud = () => box.cloud()
const installFake = () => box.installFake()

beforeEach(() => {
  box = new DeployKitSandbox(root)
})
afterEach(() => box.remove())

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
    box.writeCloud(s)
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
