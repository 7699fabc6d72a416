// Finds function bundles on disk and reads their config.json.
import fs from 'node:fs'
import path from 'node:path'

export const DEFAULT_TIMEOUT_S = 3
export const DEFAULT_MEMORY_MB = 256

export interface TimerTrigger { name: string; type: 'timer'; config: string }

export interface FunctionConfig {
  timeout: number
  memorySize: number
  env: Record<string, string>
  triggers: TimerTrigger[]
  permissions?: { openapi?: string[] }
}

export interface FunctionBundle {
  name: string
  dir: string
  entry: string
  /** mtime of index.js; instances built from an older bundle are replaced. */
  version: number
  config: FunctionConfig
}

const VALID_NAME = /^[A-Za-z0-9_-]{1,60}$/

export class FunctionLoader {
  constructor(readonly functionsDir: string) {}

  /** The bundle for `name`, or undefined when there is no such function (or no index.js yet). */
  load(name: string): FunctionBundle | undefined {
    if (!VALID_NAME.test(name)) return undefined
    const dir = path.join(this.functionsDir, name)
    const entry = path.join(dir, 'index.js')
    let version: number
    try {
      version = fs.statSync(entry).mtimeMs
    } catch {
      return undefined
    }
    return { name, dir, entry, version, config: readConfig(dir) }
  }

  /** Names of folders that hold an index.js. */
  list(): string[] {
    let names: string[]
    try {
      names = fs.readdirSync(this.functionsDir)
    } catch {
      return []
    }
    return names.filter((name) => this.load(name) !== undefined).sort()
  }
}

export function readConfig(dir: string): FunctionConfig {
  let raw: any
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))
  } catch {
    raw = {}
  }
  const env = { ...asStringMap(raw.envVariables), ...asStringMap(raw.env) }
  const triggers = Array.isArray(raw.triggers)
    ? raw.triggers.filter((t: any) => t && t.type === 'timer' && typeof t.name === 'string')
    : []
  return {
    timeout: Number(raw.timeout) > 0 ? Number(raw.timeout) : DEFAULT_TIMEOUT_S,
    memorySize: Number(raw.memorySize) > 0 ? Number(raw.memorySize) : DEFAULT_MEMORY_MB,
    env,
    triggers,
    permissions: raw.permissions,
  }
}

function asStringMap(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {}
  return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, String(v)]))
}
