// The `$jsonSchema` query operator: MongoDB's dialect of JSON Schema draft 4 (with `bsonType`,
// without `$ref`, `format`, `default`, `definitions`). Hand-rolled because a generic validator
// knows neither bsonType nor that a Date or an ObjectId is not an "object".
import { DbError, Doc, encodeLine, isPlainObject } from './codec'

type Check = (v: any) => boolean

const INT32 = 2 ** 31
const isObjectId = (v: any) => v?._bsontype === 'ObjectId'

const BSON_TYPES: Record<string, Check> = {
  double: v => typeof v === 'number',
  number: v => typeof v === 'number',
  int: v => Number.isInteger(v) && v >= -INT32 && v < INT32,
  long: v => Number.isInteger(v),
  decimal: v => typeof v === 'number',
  string: v => typeof v === 'string',
  bool: v => typeof v === 'boolean',
  null: v => v === null,
  object: v => isPlainObject(v),
  array: v => Array.isArray(v),
  date: v => v instanceof Date,
  objectId: isObjectId,
  regex: v => v instanceof RegExp,
}

const JSON_TYPES: Record<string, Check> = {
  object: BSON_TYPES.object, array: BSON_TYPES.array, number: BSON_TYPES.number,
  boolean: BSON_TYPES.bool, string: BSON_TYPES.string, null: BSON_TYPES.null,
}

const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id'])
const IGNORED = new Set(['title', 'description'])

const refuse = (message: string) => new DbError('DATABASE_REQUEST_FAILED', `$jsonSchema: ${message}`)

function typeCheck(keyword: string, spec: unknown, table: Record<string, Check>): Check {
  const names = Array.isArray(spec) ? spec : [spec]
  const checks = names.map(n => {
    const c = typeof n === 'string' ? table[n] : undefined
    if (!c) throw refuse(`unknown ${keyword} ${JSON.stringify(n)}`)
    return c
  })
  return v => checks.some(c => c(v))
}

const number = (schema: Doc, k: string): number => {
  if (typeof schema[k] !== 'number') throw refuse(`${k} must be a number`)
  return schema[k]
}

/** Compiles one schema into a predicate; unknown or unsupported keywords are refused, as MongoDB does. */
export function compileJsonSchema(schema: Doc): Check {
  if (!isPlainObject(schema)) throw refuse('a schema must be an object')
  const checks: Check[] = []
  const when = (type: Check, c: Check) => checks.push(v => !type(v) || c(v))
  const str = BSON_TYPES.string, num = BSON_TYPES.number, arr = BSON_TYPES.array, obj = BSON_TYPES.object
  for (const [k, spec] of Object.entries(schema)) {
    if (IGNORED.has(k)) continue
    if (UNSUPPORTED.has(k)) throw refuse(`keyword '${k}' is not currently supported`)
    switch (k) {
      case 'type': checks.push(typeCheck('type', spec, JSON_TYPES)); break
      case 'bsonType': checks.push(typeCheck('bsonType', spec, BSON_TYPES)); break
      case 'enum': {
        if (!Array.isArray(spec) || !spec.length) throw refuse('enum must be a non-empty array')
        const keys = new Set(spec.map(encodeLine))
        checks.push(v => keys.has(encodeLine(v)))
        break
      }
      case 'minimum': { const n = number(schema, k); when(num, v => (schema.exclusiveMinimum ? v > n : v >= n)); break }
      case 'maximum': { const n = number(schema, k); when(num, v => (schema.exclusiveMaximum ? v < n : v <= n)); break }
      case 'exclusiveMinimum': case 'exclusiveMaximum': break
      case 'multipleOf': { const n = number(schema, k); when(num, v => Number.isInteger(v / n)); break }
      case 'minLength': { const n = number(schema, k); when(str, v => Array.from(v).length >= n); break }
      case 'maxLength': { const n = number(schema, k); when(str, v => Array.from(v).length <= n); break }
      case 'pattern': { const re = new RegExp(String(spec), 'u'); when(str, v => re.test(v)); break }
      case 'required': {
        if (!Array.isArray(spec) || !spec.length) throw refuse('required must be a non-empty array of strings')
        when(obj, v => spec.every((f: string) => v[f] !== undefined))
        break
      }
      case 'minProperties': { const n = number(schema, k); when(obj, v => Object.keys(v).length >= n); break }
      case 'maxProperties': { const n = number(schema, k); when(obj, v => Object.keys(v).length <= n); break }
      case 'properties': case 'patternProperties': case 'additionalProperties': break
      case 'dependencies': {
        const deps = Object.entries(spec as Doc).map(([f, d]) => {
          const c: Check = Array.isArray(d) ? v => d.every((g: string) => v[g] !== undefined) : compileJsonSchema(d)
          return (v: Doc) => v[f] === undefined || c(v)
        })
        when(obj, v => deps.every(d => d(v)))
        break
      }
      case 'items': {
        if (Array.isArray(spec)) {
          const tuple = spec.map(compileJsonSchema)
          const extra = schema.additionalItems
          const more: Check = extra === false ? () => false : isPlainObject(extra) ? compileJsonSchema(extra) : () => true
          when(arr, v => v.every((e: any, i: number) => (i < tuple.length ? tuple[i](e) : more(e))))
        } else {
          const each = compileJsonSchema(spec as Doc)
          when(arr, v => v.every(each))
        }
        break
      }
      case 'additionalItems': break
      case 'minItems': { const n = number(schema, k); when(arr, v => v.length >= n); break }
      case 'maxItems': { const n = number(schema, k); when(arr, v => v.length <= n); break }
      case 'uniqueItems': if (spec === true) when(arr, v => new Set(v.map(encodeLine)).size === v.length); break
      case 'allOf': case 'anyOf': case 'oneOf': {
        if (!Array.isArray(spec) || !spec.length) throw refuse(`${k} must be a non-empty array`)
        const subs = spec.map(compileJsonSchema)
        if (k === 'allOf') checks.push(v => subs.every(s => s(v)))
        else if (k === 'anyOf') checks.push(v => subs.some(s => s(v)))
        else checks.push(v => subs.filter(s => s(v)).length === 1)
        break
      }
      case 'not': { const sub = compileJsonSchema(spec as Doc); checks.push(v => !sub(v)); break }
      default: throw refuse(`unknown keyword: ${k}`)
    }
  }
  const props = objectKeywords(schema)
  if (props) when(obj, props)
  return v => checks.every(c => c(v))
}

/** properties / patternProperties / additionalProperties, which decide together which keys are "additional". */
function objectKeywords(schema: Doc): Check | null {
  const { properties, patternProperties, additionalProperties } = schema
  if (properties === undefined && patternProperties === undefined && additionalProperties === undefined) return null
  const named = Object.entries((properties ?? {}) as Doc).map(([f, s]) => [f, compileJsonSchema(s)] as const)
  const patterned = Object.entries((patternProperties ?? {}) as Doc).map(([p, s]) => [new RegExp(p, 'u'), compileJsonSchema(s)] as const)
  const extra: Check | null = additionalProperties === false ? () => false
    : isPlainObject(additionalProperties) ? compileJsonSchema(additionalProperties) : null
  const declared = new Set(named.map(([f]) => f))
  return (v: Doc) => {
    for (const [f, c] of named) if (v[f] !== undefined && !c(v[f])) return false
    for (const [k, value] of Object.entries(v)) {
      let matched = declared.has(k)
      for (const [re, c] of patterned) if (re.test(k)) { matched = true; if (!c(value)) return false }
      if (!matched && extra && !extra(value)) return false
    }
    return true
  }
}
