// The deploy plan, as data: what the cloud environment must hold for this repository.
//
// Pure functions (no network, no credentials). Loaders take the project root and read files;
// everything else turns those files into the request shapes of @cloudbase/manager-node 5.6.5
// (types/interfaces/flexdb.interface.d.ts: CreateIndex / MgoKeySchema / MgoIndexKeys;
// types/permission/types.d.ts: ModifyResourcePermissionOptions; types/interfaces/function.interface.d.ts:
// ICloudFunctionConfig / ICloudFunctionTrigger; the storage rule of storageRules.mjs) and into the
// console steps where no API exists.
//
// No import.meta here: jest loads this file through babel (CommonJS). The CLI is show-plan.mjs.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { CRON_FIELDS, validateCron } from './cron.mjs'
import { consoleStorageRuleSteps, loadStorageRules, sameStorageRule, storageRulePlan, validateStorageRules } from './storageRules.mjs'

// ---------------------------------------------------------------------------------------------
// Platform limits (see ../shared/reference/wechat-platform.md §5 from the project root and database/README.md)

/** Indexes per collection (quota page). The built-in `_id_` index is counted against it here, to be safe. */
export const MAX_INDEXES_PER_COLLECTION = 20
/** Not documented for the console; MongoDB's own limit is far higher. Kept short on purpose. */
export const MAX_INDEX_NAME_LENGTH = 64
/** Collection names: letters first, then letters, digits, `_` and `-`, at most 32 characters (console rule of thumb). */
export const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/
/** Index names as we write them: field names, `_`, `.`, `1`/`-1` directions. */
export const INDEX_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/
/** Function names (also what emulator/functions/loader.ts accepts). */
export const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
/** Trigger names: ≤ 60 characters, starting with a letter. */
export const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048]
export const TIMEOUT_RANGE = { min: 1, max: 60 }

// ---------------------------------------------------------------------------------------------
// Loaders

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'))

export const loadCollections = (root) => readJson(join(root, 'database/collections.json'))
export const loadRules = (root) => readJson(join(root, 'database/rules.json'))

/** Every cloudfunctions/<name>/ that has an index.ts or index.js, with its config.json and package.json. */
export function loadFunctions(root) {
  const dir = join(root, 'cloudfunctions')
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (existsSync(join(dir, d.name, 'index.ts')) || existsSync(join(dir, d.name, 'index.js'))))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const fnDir = join(dir, name)
      const configFile = join(fnDir, 'config.json')
      const pkgFile = join(fnDir, 'package.json')
      const bundleFile = join(fnDir, 'index.js')
      return {
        name,
        dir: fnDir,
        config: existsSync(configFile) ? readJson(configFile) : undefined,
        pkg: existsSync(pkgFile) ? readJson(pkgFile) : undefined,
        bundle: existsSync(bundleFile) ? readFileSync(bundleFile, 'utf8') : undefined,
      }
    })
}

/** The subscribe-message template keys, read from TEMPLATE_KEYS in src/domain/templates.ts (the one list). */
export function loadTemplateKeys(root) {
  const src = readFileSync(join(root, 'src/domain/templates.ts'), 'utf8')
  const m = /export const TEMPLATE_KEYS\s*=\s*\[([^\]]*)\]/.exec(src)
  if (!m) throw new Error('src/domain/templates.ts: no `export const TEMPLATE_KEYS = [...]`')
  return [...m[1].matchAll(/'([a-z_]+)'/g)].map((x) => x[1])
}

// ---------------------------------------------------------------------------------------------
// Database: collections and indexes

/** collections.json key directions and the CreateIndex Direction strings they become. */
const DIRECTIONS = new Map([[1, '1'], [-1, '-1'], ['2dsphere', '2dsphere']])

/** One collections.json index → the manager SDK's CreateIndex (Direction is a string: '1', '-1' or '2dsphere'). */
export function createIndexRequest(index) {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: index.keys.map((k) => ({ Name: k.field, Direction: DIRECTIONS.get(k.direction) ?? '1' })),
      MgoIsUnique: index.unique === true,
    },
  }
}

/**
 * collections.json → [{ name, indexes: CreateIndex[] }], in file order. apply-database creates each
 * collection with database.createCollectionIfNotExists(name), then for each index not reported by
 * database.checkIndexExists(name, IndexName) calls database.updateCollection(name, { CreateIndexes: [index] }).
 */
export function databasePlan(collectionsJson) {
  return collectionsJson.collections.map((c) => ({ name: c.name, indexes: (c.indexes || []).map(createIndexRequest) }))
}

/** Problems with collections.json against the platform's limits; [] when deployable. */
export function validateCollections(collectionsJson) {
  const errors = []
  const seen = new Set()
  for (const c of collectionsJson.collections || []) {
    if (!COLLECTION_NAME.test(c.name || '')) errors.push(`collection name ${JSON.stringify(c.name)} is not valid`)
    if (seen.has(c.name)) errors.push(`collection ${c.name} is declared twice`)
    seen.add(c.name)
    const indexes = c.indexes || []
    if (indexes.length + 1 > MAX_INDEXES_PER_COLLECTION) {
      errors.push(`${c.name}: ${indexes.length} indexes + the built-in _id_ index exceed ${MAX_INDEXES_PER_COLLECTION}`)
    }
    const names = new Set()
    const shapes = new Set()
    for (const ix of indexes) {
      if (!INDEX_NAME.test(ix.name || '') || ix.name.length > MAX_INDEX_NAME_LENGTH) errors.push(`${c.name}: index name ${JSON.stringify(ix.name)} is not valid`)
      if (ix.name === '_id_') errors.push(`${c.name}: _id_ is the built-in index`)
      if (names.has(ix.name)) errors.push(`${c.name}: index name ${ix.name} is used twice`)
      names.add(ix.name)
      if (!Array.isArray(ix.keys) || ix.keys.length === 0) errors.push(`${c.name}.${ix.name}: no keys`)
      const fields = new Set()
      for (const k of ix.keys || []) {
        if (typeof k.field !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(k.field)) errors.push(`${c.name}.${ix.name}: field ${JSON.stringify(k.field)} is not valid`)
        if (!DIRECTIONS.has(k.direction)) errors.push(`${c.name}.${ix.name}: direction of ${k.field} must be 1, -1 or "2dsphere"`)
        if (fields.has(k.field)) errors.push(`${c.name}.${ix.name}: field ${k.field} appears twice`)
        fields.add(k.field)
      }
      if (ix.unique !== undefined && typeof ix.unique !== 'boolean') errors.push(`${c.name}.${ix.name}: unique must be a boolean`)
      const shape = JSON.stringify(ix.keys)
      if (shapes.has(shape)) errors.push(`${c.name}.${ix.name}: same keys as another index`)
      shapes.add(shape)
    }
  }
  return errors
}

/** Unique indexes whose single field is optional: the platform indexes a missing field as null. */
export function uniqueIndexCaveats(collectionsJson) {
  return collectionsJson.collections.flatMap((c) =>
    (c.indexes || []).filter((ix) => ix.unique).map((ix) => ({ collection: c.name, index: ix.name, fields: ix.keys.map((k) => k.field) })),
  )
}

// ---------------------------------------------------------------------------------------------
// Database: security rules

/** rules.json collection names against collections.json; both lists empty when they match exactly. */
export function rulesCoverage(rulesJson, collectionsJson) {
  const declared = collectionsJson.collections.map((c) => c.name)
  const ruled = Object.keys(rulesJson.collections || {})
  return {
    missing: declared.filter((n) => !ruled.includes(n)),
    extra: ruled.filter((n) => !declared.includes(n)),
  }
}

/**
 * rules.json → per collection the manager SDK's permission.modifyResourcePermission options
 * ({ resourceType: 'collection', resource, permission: 'CUSTOM', securityRule: JSON string }) and the
 * text to paste in the console (数据库 → 集合 → 权限设置 → 自定义安全规则).
 */
export function rulesPlan(rulesJson, collectionsJson) {
  const { missing, extra } = rulesCoverage(rulesJson, collectionsJson)
  if (missing.length || extra.length) {
    throw new Error(`database/rules.json does not match collections.json (missing: ${missing.join(', ') || '—'}; extra: ${extra.join(', ') || '—'})`)
  }
  return collectionsJson.collections.map((c) => {
    const rule = rulesJson.collections[c.name]
    const securityRule = JSON.stringify(rule)
    return {
      collection: c.name,
      rule,
      paste: JSON.stringify(rule, null, 2),
      request: { resourceType: 'collection', resource: c.name, permission: 'CUSTOM', securityRule },
    }
  })
}

/** A rule is one object with read/write (or create/update/delete) keys, each boolean or an expression ≤ 1024 chars. */
export function validateRule(rule) {
  const errors = []
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return ['rule must be an object']
  const allowed = ['read', 'write', 'create', 'update', 'delete']
  for (const [k, v] of Object.entries(rule)) {
    if (!allowed.includes(k)) errors.push(`unknown key ${k}`)
    else if (typeof v !== 'boolean' && !(typeof v === 'string' && v.length > 0 && v.length <= 1024)) errors.push(`${k} must be a boolean or an expression of at most 1024 characters`)
  }
  if (!('read' in rule)) errors.push('read is required')
  if (!('write' in rule) && !['create', 'update', 'delete'].every((k) => k in rule)) errors.push('write (or create, update and delete) is required')
  return errors
}

export function consoleRuleSteps(rulesPlanned, envId = '<envId>') {
  const lines = [
    `Security rules (cloud functions bypass them; these stop direct client access). For environment ${envId}:`,
    '  微信开发者工具 → 云开发 → 数据库 → pick the collection → 权限设置 → 自定义安全规则 → paste → 保存',
    '  (the preset 「所有用户不可读写」 / 仅管理端可读写 is equivalent to { "read": false, "write": false }).',
  ]
  for (const r of rulesPlanned) lines.push(`  ${r.collection}: ${JSON.stringify(r.rule)}`)
  return lines
}

// ---------------------------------------------------------------------------------------------
// Cloud functions

/**
 * Environment variables the server code reads. The `template` entry expands to TEMPLATE_<KEY> for
 * every TemplateKey. `localOnly` ones are for the local cloud and must not be set in a real environment.
 */
export const ENV_VARIABLES = [
  { name: 'MANAGER_OPENIDS', source: 'server/runtime/caller.ts', required: true, purpose: 'comma-separated OPENIDs that hold the manager role (the first managers)' },
  { name: 'TEMPLATE_<KEY>', source: 'server/notify/templates.ts', required: true, template: true, purpose: 'subscribe-message template id picked in the mini-program console (公共模板库); the default is a local placeholder' },
  { name: 'LONG_TERM_TEMPLATES', source: 'server/notify/templates.ts', required: false, purpose: 'comma-separated template keys that are long-term (政务民生) and never run out of credits' },
  { name: 'MINIPROGRAM_STATE', source: 'server/notify/send.ts', required: false, purpose: 'page version a notification opens: developer | trial | formal (default formal)' },
  { name: 'AUTO_CLOSE_WORKING_DAYS', source: 'server/shared/config.ts', required: false, purpose: 'working days before an answered issue auto-closes (default from DEFAULT_DESK_CONFIG)' },
  { name: 'RED_AFTER_WORKING_DAYS', source: 'server/shared/config.ts', required: false, purpose: 'working days overdue before an issue turns red (default from DEFAULT_DESK_CONFIG)' },
  { name: 'BULLETIN_MIN_ISSUES', source: 'server/bulletin/load.ts', required: false, purpose: 'issues a department must have received in the period to stand on the bulletin\'s 红榜 / 黑榜 (default 3)' },
  { name: 'LOCAL_CLOUD_CLOCK_OFFSET_MS', source: 'server/runtime/clock.ts', required: false, localOnly: true, purpose: 'local cloud only: shifts the clock in tests; never set in a real environment' },
  { name: 'TCB_SEQID', source: 'server/runtime/entry.ts', required: false, platform: true, purpose: 'set by the platform per invocation (request tracing); the entry marks the requests it sends after its reply. Never set by hand' },
]

/** `process.env.X` and `process.env['X']` names in a source or bundle text; `process.env[`TEMPLATE_${…}`]` expands over templateKeys. */
export function envVarsIn(text, templateKeys = []) {
  const names = new Set()
  for (const m of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) names.add(m[1])
  for (const m of text.matchAll(/process\.env\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g)) names.add(m[1])
  if (/process\.env\[\s*`TEMPLATE_\$\{/.test(text)) for (const k of templateKeys) names.add(`TEMPLATE_${k.toUpperCase()}`)
  names.delete('TARO_ENV') // replaced at build time (scripts/build-functions.mjs define)
  names.delete('NODE_ENV')
  return [...names].sort()
}

/** Names of every variable ENV_VARIABLES declares, with TEMPLATE_<KEY> expanded. */
export function declaredEnvVars(templateKeys) {
  return ENV_VARIABLES.flatMap((v) => (v.template ? templateKeys.map((k) => `TEMPLATE_${k.toUpperCase()}`) : [v.name])).sort()
}

export function describeEnvVar(name) {
  return ENV_VARIABLES.find((v) => v.name === name || (v.template && name.startsWith('TEMPLATE_')))
}

/** Problems with one function's config.json (and package.json); [] when deployable. */
export function validateFunctionConfig(config, pkg) {
  const errors = []
  if (!config || typeof config !== 'object') return ['config.json is missing']
  const known = ['timeout', 'memorySize', 'permissions', 'triggers', 'envVariables', 'runtime', 'installDependency']
  for (const k of Object.keys(config)) if (!known.includes(k)) errors.push(`unknown field ${k}`)
  if (!Number.isInteger(config.timeout) || config.timeout < TIMEOUT_RANGE.min || config.timeout > TIMEOUT_RANGE.max) {
    errors.push(`timeout must be an integer ${TIMEOUT_RANGE.min}–${TIMEOUT_RANGE.max} (seconds), got ${JSON.stringify(config.timeout)}`)
  }
  if (!MEMORY_SIZES.includes(config.memorySize)) errors.push(`memorySize must be one of ${MEMORY_SIZES.join('/')}, got ${JSON.stringify(config.memorySize)}`)
  const openapi = config.permissions?.openapi
  if (!config.permissions || !Array.isArray(openapi)) errors.push('permissions.openapi must be a list (may be empty)')
  else {
    for (const api of openapi) if (typeof api !== 'string' || !/^[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)+$/.test(api)) errors.push(`permissions.openapi: ${JSON.stringify(api)} is not a dotted API name`)
    if (new Set(openapi).size !== openapi.length) errors.push('permissions.openapi lists an API twice')
  }
  if (config.triggers !== undefined) {
    if (!Array.isArray(config.triggers)) errors.push('triggers must be a list')
    else {
      if (config.triggers.length > 1) errors.push(`at most one trigger per function, got ${config.triggers.length}`)
      for (const t of config.triggers) {
        if (!TRIGGER_NAME.test(t?.name || '')) errors.push(`trigger name ${JSON.stringify(t?.name)} must start with a letter, ≤ 60 characters`)
        if (t?.type !== 'timer') errors.push(`trigger ${t?.name}: type must be "timer"`)
        const cron = validateCron(t?.config)
        if (!cron.ok) errors.push(`trigger ${t?.name}: ${cron.errors.join('; ')}`)
      }
    }
  }
  if (config.envVariables !== undefined) {
    if (!config.envVariables || typeof config.envVariables !== 'object' || Array.isArray(config.envVariables)) errors.push('envVariables must be an object')
    else for (const [k, v] of Object.entries(config.envVariables)) if (typeof v !== 'string') errors.push(`envVariables.${k} must be a string`)
  }
  if (pkg !== null) {
    if (!pkg || typeof pkg !== 'object') errors.push('package.json is missing')
    else {
      if (!pkg.dependencies || typeof pkg.dependencies['wx-server-sdk'] !== 'string') errors.push('package.json must depend on wx-server-sdk')
      if (pkg.main !== undefined && pkg.main !== 'index.js') errors.push('package.json main must be index.js (the handler is index.main)')
    }
  }
  return errors
}

/**
 * One function's deploy needs. `config` is the manager SDK's ICloudFunctionConfig subset
 * (functions.updateFunctionConfig({ name, ...config })); `triggers` are ICloudFunctionTrigger
 * (functions.createFunctionTriggers(name, triggers) / DevTools 上传触发器); `openapi` is only honoured
 * from config.json when the function is uploaded from DevTools (云调用权限; no manager-SDK field for it).
 */
export function functionPlan(fn, templateKeys = []) {
  const c = fn.config || {}
  const envVariables = fn.bundle ? envVarsIn(fn.bundle, templateKeys).filter((n) => !describeEnvVar(n)?.localOnly && !describeEnvVar(n)?.platform) : []
  return {
    name: fn.name,
    config: { timeout: c.timeout, memorySize: c.memorySize, installDependency: true },
    triggers: (c.triggers || []).map((t) => ({ name: t.name, type: t.type, config: t.config })),
    openapi: [...(c.permissions?.openapi || [])],
    envVariables,
    dependencies: { ...(fn.pkg?.dependencies || {}) },
  }
}

// ---------------------------------------------------------------------------------------------
// The whole plan

export { CRON_FIELDS, validateCron }
export { consoleStorageRuleSteps, loadStorageRules, sameStorageRule, storageRulePlan, validateStorageRules }

export function deployPlan(root) {
  const collections = loadCollections(root)
  const rules = loadRules(root)
  const templateKeys = loadTemplateKeys(root)
  const functions = loadFunctions(root)
  const storageRules = loadStorageRules(root)
  return {
    database: databasePlan(collections),
    rules: rulesPlan(rules, collections),
    storageRule: storageRulePlan(storageRules),
    uniqueCaveats: uniqueIndexCaveats(collections),
    functions: functions.map((fn) => functionPlan(fn, templateKeys)),
    envVariables: ENV_VARIABLES.filter((v) => !v.localOnly && !v.platform).flatMap((v) =>
      v.template ? templateKeys.map((k) => ({ ...v, name: `TEMPLATE_${k.toUpperCase()}` })) : [v],
    ),
    problems: [
      ...validateCollections(collections),
      ...Object.entries(rules.collections || {}).flatMap(([n, r]) => validateRule(r).map((e) => `rules.json ${n}: ${e}`)),
      ...validateStorageRules(storageRules).map((e) => `storage-rules.json: ${e}`),
      ...functions.flatMap((fn) => [
        ...(FUNCTION_NAME.test(fn.name) ? [] : [`function name ${fn.name} is not valid`]),
        ...validateFunctionConfig(fn.config, fn.pkg).map((e) => `cloudfunctions/${fn.name}: ${e}`),
        ...(fn.bundle ? [] : [`cloudfunctions/${fn.name}: no index.js — run npm run build:functions`]),
      ]),
    ],
  }
}

/** Human-readable plan lines. */
export function formatDatabasePlan(db) {
  const lines = []
  for (const c of db) {
    lines.push(`collection ${c.name}${c.indexes.length ? '' : ' (no indexes beyond _id_)'}`)
    for (const ix of c.indexes) {
      const keys = ix.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name} ${({ '1': 'asc', '-1': 'desc' })[k.Direction] ?? k.Direction}`).join(', ')
      lines.push(`  index ${ix.IndexName}: ${keys}${ix.MgoKeySchema.MgoIsUnique ? ' UNIQUE' : ''}`)
    }
  }
  return lines
}

export function formatFunctionPlan(fns) {
  const lines = []
  for (const f of fns) {
    lines.push(`function ${f.name}: timeout ${f.config.timeout}s, memory ${f.config.memorySize} MB, cloud install of ${Object.entries(f.dependencies).map(([k, v]) => `${k}@${v}`).join(', ') || 'nothing'}`)
    lines.push(`  openapi (云调用): ${f.openapi.join(', ') || '—'}`)
    lines.push(`  trigger: ${f.triggers.map((t) => `${t.name} ${t.type} "${t.config}" (UTC+8)`).join(', ') || '—'}`)
    lines.push(`  env: ${f.envVariables.join(', ') || '(index.js not built)'}`)
  }
  return lines
}
