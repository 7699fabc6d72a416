// The deploy kit's data: database/collections.json, database/rules.json and every
// cloudfunctions/<fn>/{config.json,package.json}, checked against the platform's limits and against
// the request shapes of the CloudBase manager SDK that scripts/deploy/apply-database.mjs sends.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import {
  COLLECTION_NAME,
  MAX_INDEXES_PER_COLLECTION,
  MAX_INDEX_NAME_LENGTH,
  MEMORY_SIZES,
  createIndexRequest,
  databasePlan,
  declaredEnvVars,
  deployPlan,
  envVarsIn,
  functionPlan,
  loadCollections,
  loadFunctions,
  loadRules,
  loadTemplateKeys,
  rulesCoverage,
  rulesPlan,
  validateCollections,
  validateCron,
  validateFunctionConfig,
  validateRule,
} from '../../scripts/deploy/plan.mjs'
import { readConfig } from '../../emulator/functions/loader'

const root = path.join(__dirname, '..', '..')
const collections = loadCollections(root)
const rules = loadRules(root)
const functions = loadFunctions(root)
const templateKeys = loadTemplateKeys(root)

// ---------------------------------------------------------------------------------------------
// The contract: field names and types copied from @cloudbase/manager-node 5.6.5.
//   types/interfaces/flexdb.interface.d.ts:
//     interface CreateIndex   { IndexName: string; MgoKeySchema: MgoKeySchema }
//     interface MgoKeySchema  { MgoIndexKeys: MgoIndexKeys[]; MgoIsUnique: boolean }
//     interface MgoIndexKeys  { Name: string; Direction: string }
//   types/database/index.d.ts:
//     interface IIndexiesInfo { CreateIndexes?: Array<CreateIndex>; DropIndexes?: Array<DropIndex> }
//   types/permission/types.d.ts:
//     interface ModifyResourcePermissionOptions { resourceType: PermissionResourceType; resource?: string;
//       permission: BasePermission; securityRule?: string }   ('collection', 'CUSTOM')
//   types/interfaces/function.interface.d.ts:
//     interface ICloudFunctionTrigger { name: string; type: string; config: string }
//     interface ICloudFunctionConfig  { timeout?: number; memorySize?: number; installDependency?: boolean | 'TRUE' | 'FALSE'; envVariables?: ...; ... }
// If the SDK is installed (npm i --no-save @cloudbase/manager-node@5) the test also re-reads these
// declarations from node_modules and fails when they drift.
const CONTRACT = {
  CreateIndex: { IndexName: 'string', MgoKeySchema: 'object' },
  MgoKeySchema: { MgoIndexKeys: 'array', MgoIsUnique: 'boolean' },
  MgoIndexKeys: { Name: 'string', Direction: 'string' },
  ModifyResourcePermissionOptions: { resourceType: 'string', resource: 'string', permission: 'string', securityRule: 'string' },
  ICloudFunctionTrigger: { name: 'string', type: 'string', config: 'string' },
} as const
const FUNCTION_CONFIG_FIELDS: Record<string, string> = { timeout: 'number', memorySize: 'number', installDependency: 'boolean' }

const typeOf = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v)
function expectShape(value: Record<string, unknown>, shape: Record<string, string>): void {
  expect(Object.keys(value).sort()).toEqual(Object.keys(shape).sort())
  for (const [k, t] of Object.entries(shape)) expect([k, typeOf(value[k])]).toEqual([k, t])
}

describe('database/collections.json', () => {
  it('passes every platform check', () => {
    expect(validateCollections(collections)).toEqual([])
  })

  it.each(collections.collections.map((c: any) => [c.name, c]))('%s: valid name, ≤ 20 indexes, unique short index names', (name, c: any) => {
    expect(name).toMatch(COLLECTION_NAME)
    // The built-in _id_ index is counted too: the quota is per collection.
    expect(c.indexes.length + 1).toBeLessThanOrEqual(MAX_INDEXES_PER_COLLECTION)
    const names = c.indexes.map((ix: any) => ix.name)
    expect(new Set(names).size).toBe(names.length)
    for (const n of names) expect(n.length).toBeLessThanOrEqual(MAX_INDEX_NAME_LENGTH)
  })

  it('collection names are unique', () => {
    const names = collections.collections.map((c: any) => c.name)
    expect(new Set(names).size).toBe(names.length)
  })

  it('the checks catch what they should', () => {
    const bad = {
      collections: [
        { name: '1bad', indexes: [] },
        { name: 'x', indexes: Array.from({ length: 20 }, (_, i) => ({ name: `f${i}_1`, keys: [{ field: `f${i}`, direction: 1 }] })) },
        { name: 'y', indexes: [{ name: 'a_1', keys: [{ field: 'a', direction: 1 }] }, { name: 'a_1', keys: [{ field: 'b', direction: 2 }] }] },
        { name: 'z', indexes: [{ name: 'n'.repeat(MAX_INDEX_NAME_LENGTH + 1), keys: [{ field: 'a', direction: 1 }] }] },
      ],
    }
    const errors = validateCollections(bad as any).join('\n')
    expect(errors).toMatch(/"1bad" is not valid/)
    expect(errors).toMatch(/x: 20 indexes/)
    expect(errors).toMatch(/a_1 is used twice/)
    expect(errors).toMatch(/direction of b/)
    expect(errors).toMatch(/z: index name/)
  })
})

describe('the plan matches the manager SDK (5.6.5) exactly', () => {
  const plan = databasePlan(collections)

  it('one entry per collection, every index carried over', () => {
    expect(plan.map((c: any) => c.name)).toEqual(collections.collections.map((c: any) => c.name))
    plan.forEach((c: any, i: number) => expect(c.indexes.map((ix: any) => ix.IndexName)).toEqual(collections.collections[i].indexes.map((ix: any) => ix.name)))
  })

  it('every CreateIndex has exactly the interface fields and types', () => {
    for (const c of plan) {
      for (const ix of c.indexes) {
        expectShape(ix as any, CONTRACT.CreateIndex)
        expectShape(ix.MgoKeySchema as any, CONTRACT.MgoKeySchema)
        expect(ix.MgoKeySchema.MgoIndexKeys.length).toBeGreaterThan(0)
        for (const k of ix.MgoKeySchema.MgoIndexKeys) {
          expectShape(k as any, CONTRACT.MgoIndexKeys)
          expect(['1', '-1', '2dsphere']).toContain(k.Direction)
        }
      }
    }
  })

  it('keys keep their order, direction and uniqueness', () => {
    expect(createIndexRequest({ name: 'a_1_b_-1', unique: true, keys: [{ field: 'a', direction: 1 }, { field: 'b', direction: -1 }] })).toEqual({
      IndexName: 'a_1_b_-1',
      MgoKeySchema: { MgoIndexKeys: [{ Name: 'a', Direction: '1' }, { Name: 'b', Direction: '-1' }], MgoIsUnique: true },
    })
    expect(createIndexRequest({ name: 'c_1', keys: [{ field: 'c', direction: 1 }] }).MgoKeySchema.MgoIsUnique).toBe(false)
    expect(createIndexRequest({ name: 'location_2dsphere', keys: [{ field: 'location', direction: '2dsphere' }] }).MgoKeySchema.MgoIndexKeys)
      .toEqual([{ Name: 'location', Direction: '2dsphere' }])
  })

  it('security-rule requests are ModifyResourcePermissionOptions for a CUSTOM collection rule', () => {
    for (const r of rulesPlan(rules, collections)) {
      expectShape(r.request, CONTRACT.ModifyResourcePermissionOptions)
      expect(r.request).toMatchObject({ resourceType: 'collection', permission: 'CUSTOM', resource: r.collection })
      expect(JSON.parse(r.request.securityRule)).toEqual(r.rule)
    }
  })

  it('function plans use ICloudFunctionConfig / ICloudFunctionTrigger fields only', () => {
    for (const fn of functions) {
      const p = functionPlan(fn, templateKeys)
      expectShape(p.config, FUNCTION_CONFIG_FIELDS)
      for (const t of p.triggers) expectShape(t as any, CONTRACT.ICloudFunctionTrigger)
    }
  })

  const sdkDir = path.join(root, 'node_modules/@cloudbase/manager-node')
  const sdkTypes = existsSync(path.join(sdkDir, 'types/interfaces/flexdb.interface.d.ts')) ? sdkDir : undefined
  ;(sdkTypes ? it : it.skip)('the installed SDK still declares these interfaces', () => {
    const flexdb = readFileSync(path.join(sdkTypes!, 'types/interfaces/flexdb.interface.d.ts'), 'utf8')
    const body = (name: string) => new RegExp(`export interface ${name} \\{([^}]*)\\}`).exec(flexdb)?.[1] ?? ''
    const fields = (name: string) => [...body(name).matchAll(/(\w+)\??:\s*([^;]+);/g)].map((m) => m[1]).sort()
    expect(fields('CreateIndex')).toEqual(Object.keys(CONTRACT.CreateIndex).sort())
    expect(fields('MgoKeySchema')).toEqual(Object.keys(CONTRACT.MgoKeySchema).sort())
    expect(fields('MgoIndexKeys')).toEqual(Object.keys(CONTRACT.MgoIndexKeys).sort())
  })
})

describe('database/rules.json', () => {
  it('covers exactly the collections of collections.json', () => {
    expect(rulesCoverage(rules, collections)).toEqual({ missing: [], extra: [] })
  })

  it('denies every direct client read and write (everything goes through the functions)', () => {
    for (const [name, rule] of Object.entries(rules.collections)) {
      expect(validateRule(rule)).toEqual([])
      expect([name, rule]).toEqual([name, { read: false, write: false }])
    }
  })

  it('the rule checker rejects malformed rules', () => {
    expect(validateRule({ read: false })).not.toEqual([])
    expect(validateRule({ read: 'x'.repeat(1025), write: false })).not.toEqual([])
    expect(validateRule({ read: true, write: false, admin: true })).not.toEqual([])
    expect(validateRule({ read: 'doc._openid == auth.openid', create: true, update: false, delete: false })).toEqual([])
  })
})

describe('cron validator (7 fields: 秒 分 时 日 月 星期 年, UTC+8)', () => {
  it.each([
    '0 0 * * * * *',
    '0 0 9 * * MON *',
    '0 0 2 1 * * *',
    '0 */5 8-18 * * MON-FRI *',
    '0 0 9 * * 1,3,5 2025-2030',
    '0 30 9,17 * JAN-DEC SUN 2099',
    '5/10 0 0 * * * *',
    '0 0 0 1-31/2 * * *',
  ])('accepts %s', (expr) => {
    expect(validateCron(expr)).toEqual({ ok: true, errors: [] })
  })

  it.each([
    ['0 0 * * * *', /7 fields/],
    ['0 0 * * * * * *', /7 fields/],
    ['60 0 * * * * *', /second/],
    ['0 60 * * * * *', /minute/],
    ['0 0 24 * * * *', /hour/],
    ['0 0 * 0 * * *', /day/],
    ['0 0 * 32 * * *', /day/],
    ['0 0 * * 13 * *', /month/],
    ['0 0 * * * 7 *', /weekday/],
    ['0 0 * * * FUNDAY *', /weekday/],
    ['0 0 * * * * 1969', /year/],
    ['0 0 * * * * 2100', /year/],
    ['0 0 */0 * * * *', /step/],
    ['0 0 5-3 * * * *', /backwards/],
    ['0 0 1,,2 * * * *', /empty/],
    ['0 0 1-2-3 * * * *', /range/],
    ['0 0 a * * * *', /hour/],
  ])('rejects %s', (expr, why) => {
    const r = validateCron(expr)
    expect(r.ok).toBe(false)
    expect(r.errors.join('; ')).toMatch(why)
  })
})

// ---------------------------------------------------------------------------------------------
// Cloud functions

/** Each function bundled in memory exactly as scripts/build-functions.mjs does, with a metafile. */
const bundles = new Map<string, { inputs: string[]; text: string }>()
beforeAll(async () => {
  await Promise.all(
    functions.map(async (fn: any) => {
      const entry = path.join(root, 'cloudfunctions', fn.name, 'index.ts')
      if (!existsSync(entry)) return
      const r = await build({
        absWorkingDir: root,
        entryPoints: [entry],
        bundle: true,
        write: false,
        metafile: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        external: ['wx-server-sdk'],
        logLevel: 'silent',
        define: { 'process.env.TARO_ENV': '"cloud"' },
      })
      bundles.set(fn.name, { inputs: Object.keys(r.metafile!.inputs), text: r.outputFiles![0].text })
    }),
  )
}, 60_000)

describe('cloudfunctions/*', () => {
  it('there are functions, each with an index.ts', () => {
    expect(functions.length).toBeGreaterThan(0)
    for (const fn of functions) expect(existsSync(path.join(root, 'cloudfunctions', fn.name, 'index.ts'))).toBe(true)
  })

  it.each(functions.map((fn: any) => [fn.name, fn]))('%s: config.json and package.json are deployable', (_name, fn: any) => {
    expect(validateFunctionConfig(fn.config, fn.pkg)).toEqual([])
    const c = fn.config
    expect(Number.isInteger(c.timeout) && c.timeout >= 1 && c.timeout <= 60).toBe(true)
    expect(MEMORY_SIZES).toContain(c.memorySize)
    expect((c.triggers ?? []).length).toBeLessThanOrEqual(1)
    for (const t of c.triggers ?? []) {
      expect(t.type).toBe('timer')
      expect(validateCron(t.config)).toEqual({ ok: true, errors: [] })
    }
    for (const api of c.permissions.openapi) expect(api).toMatch(/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/)
    expect(fn.pkg.dependencies['wx-server-sdk']).toEqual(expect.any(String))
  })

  it.each(functions.map((fn: any) => [fn.name, fn]))('%s: the local cloud reads the same timeout, memory and triggers', (_name, fn: any) => {
    const seen = readConfig(fn.dir)
    expect(seen.timeout).toBe(fn.config.timeout)
    expect(seen.memorySize).toBe(fn.config.memorySize)
    expect(seen.triggers).toEqual(fn.config.triggers ?? [])
    expect(seen.permissions).toEqual(fn.config.permissions)
  })

  it('functions install the wx-server-sdk the tests run against', () => {
    const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
    const tested = rootPkg.devDependencies['wx-server-sdk'] ?? rootPkg.dependencies['wx-server-sdk']
    for (const fn of functions) expect([fn.name, fn.pkg?.dependencies?.['wx-server-sdk']]).toEqual([fn.name, tested])
  })

  it('the timed jobs have their one hourly timer', () => {
    const jobs = functions.find((fn: any) => fn.name === 'jobs')
    expect(jobs?.config?.triggers).toHaveLength(1)
  })

  it.each(functions.map((fn: any) => [fn.name, fn]))('%s: lists exactly the cloud-call (openapi) APIs its bundle can reach', (name, fn: any) => {
    const b = bundles.get(name as string)!
    // Every `<cloud>.openapi.<ns>.<method>(` in the bundle needs <ns>.<method> in permissions.openapi.
    const called = [...new Set([...b.text.matchAll(/\.openapi\.([A-Za-z0-9]+)\.([A-Za-z0-9]+)\s*\(/g)].map((m) => `${m[1]}.${m[2]}`))].sort()
    // The one sender today is server/notify/send.ts; reaching it means sending subscribe messages.
    const reachesSend = b.inputs.includes('server/notify/send.ts')
    expect(called.includes('subscribeMessage.send')).toBe(reachesSend)
    // Exactly: a missing entry fails at run time with -604101; an extra one is a needless grant.
    expect([...fn.config.permissions.openapi].sort()).toEqual(called)
  })

  it('every environment variable the functions read is documented in the plan', () => {
    const declared = declaredEnvVars(templateKeys)
    for (const [name, b] of bundles) {
      const read = envVarsIn(b.text, templateKeys)
      expect([name, read.filter((v) => !declared.includes(v))]).toEqual([name, []])
    }
    // The ones named in the brief are among them.
    for (const v of ['MANAGER_OPENIDS', 'LONG_TERM_TEMPLATES', 'AUTO_CLOSE_WORKING_DAYS', 'RED_AFTER_WORKING_DAYS', 'MINIPROGRAM_STATE']) expect(declared).toContain(v)
    expect(declared.filter((v: string) => v.startsWith('TEMPLATE_')).length).toBe(templateKeys.length)
  })

  it('envVarsIn finds direct, bracketed and TEMPLATE_${key} reads', () => {
    const text = "a = process.env.MANAGER_OPENIDS; b = process.env['X_Y']; c = process.env[`TEMPLATE_${key.toUpperCase()}`]; d = process.env.TARO_ENV"
    expect(envVarsIn(text, ['status', 'digest'])).toEqual(['MANAGER_OPENIDS', 'TEMPLATE_DIGEST', 'TEMPLATE_STATUS', 'X_Y'])
  })

  it('the config checker catches wrong configs', () => {
    const pkg = { dependencies: { 'wx-server-sdk': '4.0.2' } }
    const ok = { timeout: 10, memorySize: 256, permissions: { openapi: [] } }
    expect(validateFunctionConfig(ok, pkg)).toEqual([])
    expect(validateFunctionConfig({ ...ok, timeout: 61 }, pkg).join()).toMatch(/timeout/)
    expect(validateFunctionConfig({ ...ok, timeout: 2.5 }, pkg).join()).toMatch(/timeout/)
    expect(validateFunctionConfig({ ...ok, memorySize: 300 }, pkg).join()).toMatch(/memorySize/)
    expect(validateFunctionConfig({ ...ok, permissions: { openapi: ['send'] } }, pkg).join()).toMatch(/dotted/)
    expect(validateFunctionConfig({ ...ok, permissions: {} }, pkg).join()).toMatch(/openapi/)
    const t = { name: 'a', type: 'timer', config: '0 0 * * * * *' }
    expect(validateFunctionConfig({ ...ok, triggers: [t, { ...t, name: 'b' }] }, pkg).join()).toMatch(/at most one trigger/)
    expect(validateFunctionConfig({ ...ok, triggers: [{ ...t, type: 'http' }] }, pkg).join()).toMatch(/timer/)
    expect(validateFunctionConfig({ ...ok, triggers: [{ ...t, config: '0 0 * * * *' }] }, pkg).join()).toMatch(/7 fields/)
    expect(validateFunctionConfig({ ...ok, triggers: [{ ...t, name: '1x' }] }, pkg).join()).toMatch(/trigger name/)
    expect(validateFunctionConfig(ok, { dependencies: {} }).join()).toMatch(/wx-server-sdk/)
    expect(validateFunctionConfig({ ...ok, memory: 256 }, pkg).join()).toMatch(/unknown field memory/)
  })
})

describe('the whole plan', () => {
  it('has no problems', () => {
    const plan = deployPlan(root)
    // A missing index.js (functions not built yet) is reported by show-plan but is no config error.
    expect(plan.problems.filter((p: string) => !/no index\.js/.test(p))).toEqual([])
    expect(plan.functions.map((f: any) => f.name)).toEqual(functions.map((f: any) => f.name))
  })
})
