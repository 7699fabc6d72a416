/**
 * The storage security rule and upload policy of database/storage-rules.json, as the local cloud
 * enforces them on client requests (the client upload door and the client link door). Cloud
 * functions (the SDK, with admin rights) never pass through here, as on the real cloud.
 *
 * A client write is allowed when
 *   1. the caller is signed in (an OPENID),
 *   2. the path is under `uploads.prefix` with the caller's OPENID (the rule language cannot say it),
 *   3. the extension is one of `uploads.photoExtensions` / `documentExtensions`,
 *   4. the body is at most `uploads.maxBytes` (the rule language has no size either), and
 *   5. `rule.write` evaluates to true with auth = { openid }, resource = { openid: owner, path }:
 *      the owner of a new file is its uploader, of an existing one whoever uploaded it.
 * A client read is allowed when `rule.read` evaluates to true.
 */
import fs from 'node:fs'
import { parseRuleExpression, ruleAllows, type RuleContext, type RuleExpression } from './ruleExpression'

export const STORAGE_DENIED = 'STORAGE_EXCEED_AUTHORITY'
/** The SDK's number for STORAGE_EXCEED_AUTHORITY (cloudbase-protocol.md §2). */
export const STORAGE_DENIED_ERRCODE = -503002

export interface StorageRulesJson {
  rule: { read: boolean | string; write: boolean | string }
  uploads: { prefix: string; maxBytes: number; photoExtensions: string[]; documentExtensions: string[] }
}

export interface Refusal { code: typeof STORAGE_DENIED; message: string }

type RuleValue = boolean | RuleExpression

export class StorageRules {
  readonly read: RuleValue
  readonly write: RuleValue
  readonly maxBytes: number
  readonly extensions: string[]
  private readonly prefixTemplate: string

  constructor(readonly json: StorageRulesJson) {
    const problems = validateStorageRulesJson(json)
    if (problems.length) throw new Error(`storage rules: ${problems.join('; ')}`)
    this.read = compile(json.rule.read)
    this.write = compile(json.rule.write)
    this.maxBytes = json.uploads.maxBytes
    this.extensions = [...json.uploads.photoExtensions, ...json.uploads.documentExtensions]
    this.prefixTemplate = json.uploads.prefix
  }

  static fromFile(file: string): StorageRules {
    return new StorageRules(JSON.parse(fs.readFileSync(file, 'utf8')))
  }

  prefixOf(openid: string): string {
    return this.prefixTemplate.replace('{openid}', openid)
  }

  /**
   * Why a client may not write `cloudPath` (undefined: allowed). `size` in bytes; `owner` is the
   * resource's openid: the caller for a new file, the uploader (none for a function) for an existing one.
   */
  checkClientWrite(req: { openid?: string; cloudPath: string; size: number; owner: string | undefined; now: number }): Refusal | undefined {
    if (!req.openid) return refuse('no signed-in user (x-wx-openid) — clients must be signed in to upload')
    if (!req.cloudPath.startsWith(this.prefixOf(req.openid))) return refuse(`a client may upload only under ${this.prefixOf(req.openid)}`)
    const ext = extensionOf(req.cloudPath)
    if (!this.extensions.includes(ext)) return refuse(`file type .${ext || '(none)'} is not allowed (allowed: ${this.extensions.join(', ')})`)
    if (req.size > this.maxBytes) return refuse(`file of ${req.size} bytes is over the ${this.maxBytes}-byte limit`)
    const ctx = context(req.openid, req.owner, req.cloudPath, req.now)
    if (!ruleAllows(this.write, ctx)) return refuse('the storage security rule does not allow this write')
    return undefined
  }

  /** Why a client may not read `cloudPath` (undefined: allowed). */
  checkClientRead(req: { openid?: string; cloudPath: string; owner?: string; now: number }): Refusal | undefined {
    const ctx = context(req.openid, req.owner, req.cloudPath, req.now)
    return ruleAllows(this.read, ctx) ? undefined : refuse('the storage security rule does not allow clients to read files')
  }
}

/** Structural problems with a storage-rules.json ([] when usable); expressions must parse. */
export function validateStorageRulesJson(json: any): string[] {
  const problems: string[] = []
  if (!json || typeof json !== 'object') return ['not an object']
  for (const key of ['read', 'write'] as const) {
    const value = json.rule?.[key]
    if (typeof value === 'boolean') continue
    if (typeof value !== 'string' || !value || value.length > 1024) {
      problems.push(`rule.${key} must be a boolean or an expression of at most 1024 characters`)
      continue
    }
    try {
      parseRuleExpression(value)
    } catch (e) {
      problems.push(`rule.${key}: ${(e as Error).message}`)
    }
  }
  const uploads = json.uploads
  if (!uploads || typeof uploads.prefix !== 'string' || !uploads.prefix.includes('{openid}')) problems.push('uploads.prefix must contain {openid}')
  if (!Number.isInteger(uploads?.maxBytes) || uploads.maxBytes <= 0) problems.push('uploads.maxBytes must be a positive integer')
  for (const key of ['photoExtensions', 'documentExtensions']) {
    const list = uploads?.[key]
    if (!Array.isArray(list) || !list.every((x: unknown) => typeof x === 'string' && /^[a-z0-9]+$/.test(x))) problems.push(`uploads.${key} must list lower-case extensions`)
  }
  return problems
}

function compile(value: boolean | string): RuleValue {
  return typeof value === 'boolean' ? value : parseRuleExpression(value)
}

function context(openid: string | undefined, owner: string | undefined, path: string, now: number): RuleContext {
  return { auth: openid ? { openid } : null, resource: { openid: owner, path }, now }
}

function refuse(message: string): Refusal {
  return { code: STORAGE_DENIED, message }
}

function extensionOf(cloudPath: string): string {
  const base = cloudPath.split('/').pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1) : ''
}
