#!/usr/bin/env node
// Prints the whole deploy plan (database, security rules, storage rule, cloud functions, environment variables)
// and any problem that would stop a deploy. No network, no credentials.
//
//   node scripts/deploy/show-plan.mjs [--json]
//
// Exit code 1 when the plan has problems.
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { deployPlan, formatDatabasePlan, formatFunctionPlan } from './plan.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const plan = deployPlan(ROOT)

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(plan, null, 2))
} else {
  console.log('# Database (node scripts/deploy/apply-database.mjs --env <envId>)')
  console.log(formatDatabasePlan(plan.database).join('\n'))
  console.log('\n# Security rules')
  for (const r of plan.rules) console.log(`${r.collection}: ${JSON.stringify(r.rule)}`)
  console.log('\n# Storage security rule (云开发 → 存储 → 权限设置 → 自定义安全规则)')
  console.log(plan.storageRule.paste)
  console.log(`uploads: ${plan.storageRule.uploads.prefix}…, at most ${plan.storageRule.uploads.maxBytes} bytes a file`)
  console.log('\n# Cloud functions (DevTools: 上传并部署：云端安装依赖, then 上传触发器 where a trigger is listed)')
  console.log(formatFunctionPlan(plan.functions).join('\n'))
  console.log('\n# Environment variables (云开发控制台 → 云函数 → <function> → 函数配置 → 环境变量)')
  for (const v of plan.envVariables) {
    const users = plan.functions.filter((f) => f.envVariables.includes(v.name)).map((f) => f.name)
    console.log(`${v.name}${v.required ? ' (required)' : ''}: ${v.purpose} — read by ${users.join(', ') || '—'}`)
  }
  if (plan.uniqueCaveats.length) {
    console.log('\n# Unique indexes (missing field = null; see database/README.md)')
    for (const c of plan.uniqueCaveats) console.log(`${c.collection}.${c.index}`)
  }
  console.log(plan.problems.length ? `\n# PROBLEMS\n${plan.problems.join('\n')}` : '\nno problems')
}
process.exit(plan.problems.length ? 1 : 0)
