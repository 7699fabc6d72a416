#!/usr/bin/env node
// Creates the collections and indexes of database/collections.json in a cloud environment, sets
// every collection's security rule from database/rules.json and the cloud storage security rule from
// database/storage-rules.json. Idempotent: existing collections and indexes (by name) are left alone —
// an index whose keys changed needs a new name (or a manual drop) — and a rule already in place is
// not sent again.
//
//   node scripts/deploy/apply-database.mjs --env <envId> [--dry-run] [--skip-rules]
//
// Credentials: TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN for
// temporary keys) of the Tencent Cloud account the environment belongs to. --dry-run needs neither
// credentials nor the SDK. The SDK is not a project dependency; install it for the run:
//   npm i --no-save @cloudbase/manager-node@5
//
// Exit codes: 0 done; 1 failure; 2 usage / missing SDK or credentials; 3 done, but security rules
// (database or storage) must still be set by hand in the console (printed).
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import {
  consoleRuleSteps,
  consoleStorageRuleSteps,
  databasePlan,
  formatDatabasePlan,
  loadCollections,
  loadRules,
  loadStorageRules,
  rulesPlan,
  sameStorageRule,
  storageRulePlan,
  uniqueIndexCaveats,
  validateCollections,
  validateStorageRules,
} from './plan.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const INSTALL = 'npm i --no-save @cloudbase/manager-node@5'

function parseArgs(argv) {
  const args = { env: process.env.CLOUD_ENV_ID || '', dryRun: false, skipRules: false, help: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--env') args.env = argv[++i] || ''
    else if (a.startsWith('--env=')) args.env = a.slice(6)
    else if (a === '--dry-run') args.dryRun = true
    else if (a === '--skip-rules') args.skipRules = true
    else if (a === '-h' || a === '--help') args.help = true
    else throw new Error(`unknown argument ${a}`)
  }
  return args
}

const usage = () =>
  console.log('usage: node scripts/deploy/apply-database.mjs --env <envId> [--dry-run] [--skip-rules]   (--skip-rules: neither database nor storage rules)\n' +
    '  env TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN) unless --dry-run')

async function main() {
  let args
  try {
    args = parseArgs(process.argv.slice(2))
  } catch (e) {
    console.error(e.message)
    usage()
    return 2
  }
  if (args.help) {
    usage()
    return 0
  }

  const collections = loadCollections(ROOT)
  const problems = validateCollections(collections)
  if (problems.length) {
    console.error('database/collections.json is not deployable:\n  ' + problems.join('\n  '))
    return 1
  }
  const plan = databasePlan(collections)
  const rules = rulesPlan(loadRules(ROOT), collections)
  const storageRulesJson = loadStorageRules(ROOT)
  const storageProblems = validateStorageRules(storageRulesJson)
  if (storageProblems.length) {
    console.error('database/storage-rules.json is not deployable:\n  ' + storageProblems.join('\n  '))
    return 1
  }
  const storageRule = storageRulePlan(storageRulesJson)

  if (args.dryRun) {
    console.log(`# dry run${args.env ? ` for ${args.env}` : ''}: nothing is sent`)
    console.log(formatDatabasePlan(plan).join('\n'))
    console.log('\n# manager SDK calls, per collection:')
    for (const c of plan) {
      console.log(`database.createCollectionIfNotExists(${JSON.stringify(c.name)})`)
      for (const ix of c.indexes) {
        console.log(`  if !(await database.checkIndexExists(${JSON.stringify(c.name)}, ${JSON.stringify(ix.IndexName)})).Exists:`)
        console.log(`    database.updateCollection(${JSON.stringify(c.name)}, { CreateIndexes: [${JSON.stringify(ix)}] })`)
      }
    }
    if (!args.skipRules) {
      console.log('\n# security rules: permission.modifyResourcePermission(...) per collection, else by hand:')
      for (const r of rules) console.log(`permission.modifyResourcePermission(${JSON.stringify(r.request)})`)
      console.log(consoleRuleSteps(rules, args.env || '<envId>').join('\n'))
      console.log('\n# storage security rule: sent only when getStorageAcl({ withRule: true }) differs, else by hand:')
      console.log(`storage.setStorageAcl("CUSTOM", ${JSON.stringify(storageRule.rule)})`)
      console.log(consoleStorageRuleSteps(storageRule, args.env || '<envId>').join('\n'))
    }
    printCaveats(collections)
    return 0
  }

  if (!args.env) {
    console.error('--env <envId> is required (or set CLOUD_ENV_ID)')
    usage()
    return 2
  }
  const secretId = process.env.TENCENTCLOUD_SECRETID
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY
  const token = process.env.TENCENTCLOUD_SESSIONTOKEN || undefined
  if (!secretId || !secretKey) {
    console.error('TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY must be set (API keys of the account that owns the environment).')
    return 2
  }
  let CloudBase
  try {
    const require = createRequire(join(ROOT, 'package.json'))
    const mod = require('@cloudbase/manager-node')
    CloudBase = mod.default || mod.CloudBase || mod
  } catch {
    console.error(`@cloudbase/manager-node is not installed. Install it for this run (it is not a project dependency):\n  ${INSTALL}`)
    return 2
  }

  const app = new CloudBase({ secretId, secretKey, token, envId: args.env })
  const { database } = app
  let createdCollections = 0
  let createdIndexes = 0
  for (const c of plan) {
    const res = await database.createCollectionIfNotExists(c.name)
    if (res.IsCreated) createdCollections++
    console.log(`${res.IsCreated ? 'created' : 'exists '} collection ${c.name}`)
    for (const ix of c.indexes) {
      const exists = await database.checkIndexExists(c.name, ix.IndexName)
      if (exists.Exists) {
        console.log(`  exists  index ${ix.IndexName}`)
        continue
      }
      await database.updateCollection(c.name, { CreateIndexes: [ix] })
      createdIndexes++
      console.log(`  created index ${ix.IndexName}${ix.MgoKeySchema.MgoIsUnique ? ' (unique)' : ''}`)
    }
    const extra = await extraIndexes(database, c)
    if (extra.length) console.log(`  note: not in collections.json, left alone: ${extra.join(', ')}`)
  }
  console.log(`collections created: ${createdCollections}, indexes created: ${createdIndexes}`)

  let manualRules = false
  if (!args.skipRules) {
    const collectionsDone = await applyRules(app, rules, args.env)
    const storageDone = await applyStorageRule(app, storageRule, args.env)
    manualRules = !collectionsDone || !storageDone
  }
  printCaveats(collections)
  return manualRules ? 3 : 0
}

async function extraIndexes(database, c) {
  try {
    const info = await database.describeCollection(c.name)
    const wanted = new Set(['_id_', ...c.indexes.map((ix) => ix.IndexName)])
    return (info.Indexes || []).map((i) => i.Name).filter((n) => !wanted.has(n))
  } catch {
    return []
  }
}

/**
 * The manager SDK (5.6.5, lib/permission/index.js) sets a collection's rule through the tcb API
 * ModifyResourcePermission (permission 'CUSTOM' + securityRule JSON). It marks that method
 * deprecated, and WeChat-created environments may not accept it; so each result is read back with
 * describeResourcePermission, and on any failure the console steps are printed instead.
 */
async function applyRules(app, rules, envId) {
  const permission = app.permission
  if (!permission || typeof permission.modifyResourcePermission !== 'function') {
    console.log('\nThis @cloudbase/manager-node has no permission.modifyResourcePermission; set the rules by hand:')
    console.log(consoleRuleSteps(rules, envId).join('\n'))
    return false
  }
  const failed = []
  for (const r of rules) {
    try {
      await permission.modifyResourcePermission(r.request)
      const back = await permission.describeResourcePermission({ resourceType: 'collection', resources: [r.collection] }).catch(() => null)
      const got = back?.Data?.PermissionList?.find((p) => p.Resource === r.collection) ?? back?.PermissionList?.find((p) => p.Resource === r.collection)
      if (got && !sameRule(got, r.rule)) throw new Error(`read back ${got.Permission} ${got.SecurityRule ?? ''}`)
      console.log(`rule    ${r.collection}: ${JSON.stringify(r.rule)}${got ? '' : ' (not read back)'}`)
    } catch (e) {
      failed.push(r)
      console.log(`rule    ${r.collection}: NOT SET (${e?.message || e})`)
    }
  }
  if (failed.length === 0) return true
  console.log(`\n${failed.length} rule(s) could not be set through the API; set them by hand:`)
  console.log(consoleRuleSteps(failed, envId).join('\n'))
  return false
}

/**
 * The storage rule through storage.setStorageAcl('CUSTOM', rule) (manager SDK 5.x), sent only when
 * getStorageAcl({ withRule: true }) shows something else, and read back. Any failure (an older SDK
 * without CUSTOM, an environment that refuses it) prints the console steps instead.
 */
async function applyStorageRule(app, planned, envId) {
  const storage = app.storage
  if (!storage || typeof storage.setStorageAcl !== 'function' || typeof storage.getStorageAcl !== 'function') {
    console.log('\nThis @cloudbase/manager-node cannot set storage rules; set the rule by hand:')
    console.log(consoleStorageRuleSteps(planned, envId).join('\n'))
    return false
  }
  try {
    if (sameStorageRule(await storage.getStorageAcl({ withRule: true }), planned)) {
      console.log('storage rule: already in place')
      return true
    }
    await storage.setStorageAcl('CUSTOM', planned.rule)
    const back = await storage.getStorageAcl({ withRule: true })
    if (!sameStorageRule(back, planned)) throw new Error(`read back ${JSON.stringify(back)}`)
    console.log('storage rule: set (CUSTOM)')
    return true
  } catch (e) {
    console.log(`storage rule: NOT SET (${e?.message || e}); set it by hand:`)
    console.log(consoleStorageRuleSteps(planned, envId).join('\n'))
    return false
  }
}

function sameRule(got, rule) {
  // { read: false, write: false } is also what the ADMINONLY preset means.
  const denyAll = rule.read === false && rule.write === false && Object.keys(rule).length === 2
  if (got.Permission === 'ADMINONLY') return denyAll
  if (got.Permission !== 'CUSTOM') return false
  try {
    return JSON.stringify(JSON.parse(got.SecurityRule)) === JSON.stringify(rule)
  } catch {
    return false
  }
}

function printCaveats(collections) {
  const caveats = uniqueIndexCaveats(collections)
  if (!caveats.length) return
  console.log('\nUnique indexes count a missing field as null (only one document may lack it); see database/README.md:')
  for (const c of caveats) console.log(`  ${c.collection}.${c.index} (${c.fields.join(', ')})`)
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e?.stack || e)
    process.exit(1)
  },
)
