// The cloud storage security rule of database/storage-rules.json, as the deploy kit applies it.
//
// @cloudbase/manager-node 5.6.5 (lib/storage/index.js):
//   storage.setStorageAcl('CUSTOM', { read, write })  → tcb ModifyStorageSafeRule
//       { EnvId, Bucket, AclTag: 'CUSTOM', Rule: JSON.stringify({ read, write }) }
//   storage.getStorageAcl({ withRule: true })         → tcb DescribeStorageSafeRule → { acl, rule? }
// Older 4.x SDKs accept only the four presets (no CUSTOM); then the console steps are printed.
// Console: 云开发 → 存储 → 权限设置 → 自定义安全规则.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export const STORAGE_RULE_KEYS = ['read', 'write']
export const MAX_RULE_EXPRESSION = 1024

export const loadStorageRules = (root) => JSON.parse(readFileSync(join(root, 'database/storage-rules.json'), 'utf8'))

/** Structural problems ([] when deployable). The expressions themselves are parsed by the local cloud's parser in the tests. */
export function validateStorageRules(json) {
  const errors = []
  const rule = json?.rule
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return ['rule must be an object { read, write }']
  for (const k of Object.keys(rule)) if (!STORAGE_RULE_KEYS.includes(k)) errors.push(`rule: unknown key ${k} (storage rules have read and write only)`)
  for (const k of STORAGE_RULE_KEYS) {
    const v = rule[k]
    if (typeof v !== 'boolean' && !(typeof v === 'string' && v.length > 0 && v.length <= MAX_RULE_EXPRESSION)) {
      errors.push(`rule.${k} must be a boolean or an expression of at most ${MAX_RULE_EXPRESSION} characters`)
    }
  }
  const uploads = json.uploads
  if (!uploads || typeof uploads.prefix !== 'string' || !uploads.prefix.includes('{openid}')) errors.push('uploads.prefix must contain {openid}')
  if (!Number.isInteger(uploads?.maxBytes) || uploads.maxBytes <= 0) errors.push('uploads.maxBytes must be a positive integer')
  return errors
}

/** What setStorageAcl receives, and what to paste in the console. */
export function storageRulePlan(json) {
  const rule = { read: json.rule.read, write: json.rule.write }
  return { acl: 'CUSTOM', rule, paste: JSON.stringify(rule, null, 2), uploads: json.uploads }
}

/** Is `got` (getStorageAcl({ withRule: true })) already the planned rule? */
export function sameStorageRule(got, planned) {
  if (!got || typeof got !== 'object' || got.acl !== planned.acl || !got.rule || typeof got.rule !== 'object') return false
  return STORAGE_RULE_KEYS.every((k) => got.rule[k] === planned.rule[k]) && Object.keys(got.rule).every((k) => STORAGE_RULE_KEYS.includes(k))
}

export function consoleStorageRuleSteps(planned, envId = '<envId>') {
  return [
    `Storage security rule (cloud functions bypass it; clients read nothing and write only their own uploads). For environment ${envId}:`,
    '  微信开发者工具 → 云开发 → 存储 → 权限设置 → 自定义安全规则 → paste → 保存 (takes 1–3 minutes to apply):',
    ...planned.paste.split('\n').map((line) => `  ${line}`),
  ]
}
