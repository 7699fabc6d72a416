// Value encoding between the wire (EJSON strings, §3 of the protocol notes) and stored JS values.
import { randomBytes } from 'crypto'
import { BSONRegExp, EJSON } from 'bson'

export type Doc = Record<string, any>

/** A refusal the SDK understands: becomes `{ code, message }` in an HTTP 200 reply. */
export class DbError extends Error {
  constructor(public code: string, message: string) {
    super(message)
  }
}

export const invalidParam = (message: string) => new DbError('INVALID_PARAM', message)

const SERVER_DATE = '$tcb_server_date'

/**
 * Turns BSON wrapper values into plain JS (RegExp for $regularExpression) and replaces
 * `{$tcb_server_date:{offset}}` with `new Date(now + offset)`. Returns a new tree.
 */
export function revive(value: any, now: number | null): any {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date || value instanceof RegExp) return value
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, jsRegexFlags(value.options))
  if (Array.isArray(value)) return value.map(v => revive(v, now))
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value
  if (now !== null && SERVER_DATE in value && Object.keys(value).length === 1) {
    const offset = Number(value[SERVER_DATE]?.offset ?? 0)
    return new Date(now + (Number.isFinite(offset) ? offset : 0))
  }
  const out: Doc = {}
  for (const k of Object.keys(value)) out[k] = revive(value[k], now)
  return out
}

function jsRegexFlags(options: string): string {
  return (options || '').split('').filter(f => 'imsu'.includes(f)).join('')
}

/** Parses one EJSON string from a request body; `now` resolves server dates (null: leave them). */
export function decode(text: unknown, what: string, now: number | null): any {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`)
  let parsed: any
  try {
    parsed = EJSON.parse(text, { relaxed: true })
  } catch (e: any) {
    throw invalidParam(`${what} is not valid EJSON: ${e?.message ?? e}`)
  }
  return revive(parsed, now)
}

export function decodeObject(text: unknown, what: string, now: number | null): Doc {
  const v = decode(text, what, now)
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalidParam(`${what} must be an object`)
  return v
}

const OID_WRAPPER = /\{"\$oid":"([0-9a-f]{24})"\}/g

/**
 * A document as the SDK wants it in `data.list`: one EJSON string. ObjectIds go out as their hex
 * string, as the cloud sends them (the SDK would turn `{$oid}` into `{}`); field names never start
 * with `$`, so the wrapper cannot be user data.
 */
export function encodeDoc(doc: any): string {
  const text = EJSON.stringify(doc, { relaxed: true })
  return text.includes('{"$oid":') ? text.replace(OID_WRAPPER, '"$1"') : text
}

export const isObjectId = (v: any): boolean => v?._bsontype === 'ObjectId'

/** Lossless line encoding for the journal and snapshot. */
export function encodeLine(value: any): string {
  return EJSON.stringify(value, { relaxed: true })
}

export function decodeLine(line: string): any {
  return revive(EJSON.parse(line, { relaxed: true }), null)
}

/** A 32-hex-digit id, the shape the cloud generates. */
let idPool = Buffer.alloc(0)
let idOffset = 0
export function newId(): string {
  if (idOffset + 16 > idPool.length) { idPool = randomBytes(16 * 4096); idOffset = 0 }
  idOffset += 16
  return idPool.toString('hex', idOffset - 16, idOffset)
}

export function isPlainObject(v: any): v is Doc {
  if (v === null || typeof v !== 'object') return false
  const p = Object.getPrototypeOf(v)
  return p === Object.prototype || p === null
}

export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepClone) as any
  if (v instanceof Date) return new Date(v.getTime()) as any
  if (isPlainObject(v)) {
    const out: Doc = {}
    for (const k of Object.keys(v)) out[k] = deepClone((v as Doc)[k])
    return out as T
  }
  return v
}

/** Stored documents are frozen, so nothing (mingo included) can change them behind the journal's back. */
export function deepFreeze<T>(v: T): T {
  if (Array.isArray(v) || isPlainObject(v)) {
    Object.freeze(v)
    for (const k of Object.keys(v as any)) deepFreeze((v as any)[k])
  }
  return v
}

/** Map key of a value: equal values (in the Mongo sense, for scalars) get equal keys. */
export function valueKey(v: any): string {
  if (v === undefined || v === null) return 'z'
  switch (typeof v) {
    case 'string': return 's' + v
    case 'number': return 'n' + (Object.is(v, -0) ? 0 : v)
    case 'boolean': return 'b' + v
    case 'bigint': return 'n' + v.toString()
  }
  if (v instanceof Date) return 'd' + v.getTime()
  if (v instanceof RegExp) return 'r' + String(v)
  if (isObjectId(v)) return 'i' + v.toHexString()
  if (Array.isArray(v)) return 'a' + EJSON.stringify(v, { relaxed: false })
  if (isPlainObject(v)) return 'o' + EJSON.stringify(v, { relaxed: false })
  return 'x' + String(v)
}
