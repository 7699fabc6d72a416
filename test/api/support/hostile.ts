/**
 * Hostile inputs generated from the contract's own schemas: for a valid sample of an action, every
 * field is removed (when required), swapped for values of the wrong type, for query-operator objects,
 * oversized, and the objects get reserved-shaped keys. Plus the database before/after diff the
 * hostile suites use to prove a refusal changed nothing.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { GenericSchema } from 'valibot'
import { REPO_ROOT } from '../../support/localCloud'
import { type App, dumpCollections } from './app'

export const CHINESE = /[\u4e00-\u9fa5]/

export const ALL_COLLECTIONS: string[] = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'database/collections.json'), 'utf8'))
  .collections.map((c: { name: string }) => c.name)

export type Snapshot = Record<string, unknown[]>

export const snapshot = (app: App): Promise<Snapshot> => dumpCollections(app, ALL_COLLECTIONS)

/** What differs between two snapshots, as readable lines (empty when nothing changed). */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = []
  for (const name of Object.keys(after)) {
    const index = (docs: unknown[]) => new Map(docs.map((d: any) => [String(d._id), JSON.stringify(d)]))
    const a = index(before[name] ?? [])
    const b = index(after[name])
    for (const [id, doc] of b) {
      if (!a.has(id)) out.push(`${name}: + ${doc.slice(0, 300)}`)
      else if (a.get(id) !== doc) out.push(`${name}: ~ ${id} ${doc.slice(0, 300)}`)
    }
    for (const id of a.keys()) if (!b.has(id)) out.push(`${name}: - ${id}`)
  }
  return out
}

// ---------------------------------------------------------------- schema introspection (valibot 1.x)

type AnySchema = GenericSchema & { type: string; [k: string]: any }
const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'undefinedable'])

interface Shape {
  base: AnySchema
  optional: boolean
  nullable: boolean
}

export function shapeOf(schema: AnySchema): Shape {
  let s = schema
  let optional = false
  let nullable = false
  while (WRAPPERS.has(s.type)) {
    if (s.type !== 'nullable') optional = true
    if (s.type === 'nullable' || s.type === 'nullish') nullable = true
    s = s.wrapped
  }
  // v.pipe(guard, schema): the last schema in the pipe is the shape the value ends up with.
  const last = s.pipe?.filter((item: AnySchema) => item.kind === 'schema').at(-1)
  if (last && last !== s.pipe[0]) {
    const inner = shapeOf(last)
    return { base: inner.base, optional: optional || inner.optional, nullable: nullable || inner.nullable }
  }
  return { base: s, optional, nullable }
}

const isObjectType = (t: string) => t === 'object' || t === 'strict_object' || t === 'loose_object'

/** For a variant, the option the sample picked. */
function optionFor(variant: AnySchema, sample: any): AnySchema | undefined {
  return variant.options.find((o: AnySchema) => {
    if (o.type === 'variant') return optionFor(o, sample)
    const lit = o.entries?.[variant.key]
    return lit && (lit.literal === sample?.[variant.key] || lit.options?.includes?.(sample?.[variant.key]))
  })
}

function objectSchema(schema: AnySchema, sample: any): AnySchema | undefined {
  const { base } = shapeOf(schema)
  if (isObjectType(base.type)) return base
  if (base.type === 'variant') {
    const option = optionFor(base, sample)
    return option && option.type === 'variant' ? objectSchema(option, sample) : option
  }
  return undefined
}

const OPERATORS = [{ $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'sleep(1000)' }, { $in: ['a', 'b'] }]

/** Values of the wrong type for a field of this base type (none of them valid for it). */
function wrongValues(shape: Shape): unknown[] {
  const t = shape.base.type
  const nul = shape.nullable ? [] : [null]
  if (t === 'string' || t === 'picklist' || t === 'literal' || t === 'enum') return [12345, true, {}, ['x'], ...OPERATORS, ...nul]
  if (t === 'number') return ['12', true, {}, [1], { $gt: 0 }, { $ne: 0 }, ...nul]
  if (t === 'boolean') return [{}, 'true', 1, [true], { $ne: false }, ...nul]
  if (t === 'array') return ['x', 7, { 0: 'a', length: 1 }, { $ne: null }, { $size: 0 }, ...nul]
  if (isObjectType(t) || t === 'variant') return ['x', 7, true, [], ...OPERATORS.slice(0, 2), ...nul]
  if (t === 'unknown') return ['x', 7, [], true, ...OPERATORS.slice(0, 2), ...nul]
  return [{ $ne: null }, ...nul]
}

export interface HostileCase {
  name: string
  input: unknown
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x))

function setAt(root: any, pathKeys: (string | number)[], value: unknown, remove = false): any {
  const copy = clone(root)
  let node = copy
  for (const k of pathKeys.slice(0, -1)) node = node[k]
  const last = pathKeys[pathKeys.length - 1]
  if (remove) delete node[last]
  else node[last] = value
  return copy
}

/** Every hostile variation of `sample` under `schema` (field by field, recursively). */
export function hostileCases(schema: AnySchema, sample: any): HostileCase[] {
  const cases: HostileCase[] = [
    { name: 'input is a string', input: 'hello' },
    { name: 'input is a number', input: 42 },
    { name: 'input is an array', input: [sample] },
    { name: 'input is an empty array', input: [] },
    { name: 'input is true', input: true },
    ...OPERATORS.map((op) => ({ name: `input is an operator ${JSON.stringify(op)}`, input: op })),
    { name: 'input carries a "$set" key', input: { ...clone(sample), $set: { roles: ['manager'] } } },
    { name: 'input carries a dotted key', input: { ...clone(sample), 'roles.0': 'manager' } },
    { name: 'input carries an own "__proto__" key', input: JSON.parse(`{"__proto__":{"roles":["manager"],"isAdmin":true}${Object.keys(sample).length ? ',' : ''}${JSON.stringify(clone(sample)).slice(1)}`) },
    { name: 'input carries a "constructor" key', input: { ...clone(sample), constructor: { prototype: { isAdmin: true } } } },
  ]
  const walk = (fieldSchema: AnySchema, value: any, at: (string | number)[]) => {
    const obj = objectSchema(fieldSchema, value)
    if (!obj || value === null || typeof value !== 'object' || Array.isArray(value)) return
    for (const [key, entry] of Object.entries<AnySchema>(obj.entries)) {
      const here = [...at, key]
      const label = here.join('.')
      const shape = shapeOf(entry)
      const isVariantKey = obj.entries && shapeOf(fieldSchema).base.type === 'variant' && key === shapeOf(fieldSchema).base.key
      if (!shape.optional) cases.push({ name: `${label} missing`, input: setAt(sample, here, undefined, true) })
      for (const bad of wrongValues(shape)) cases.push({ name: `${label} = ${JSON.stringify(bad)}`, input: setAt(sample, here, bad) })
      if (isVariantKey) cases.push({ name: `${label} = an unknown variant`, input: setAt(sample, here, 'drop_collection') })
      const t = shape.base.type
      if (t === 'string') {
        cases.push({ name: `${label} is 10,000 characters`, input: setAt(sample, here, '长'.repeat(10_000)) })
        // Control characters (a NUL, a bell) are refused in every text and keyword.
        const text = typeof value[key] === 'string' && value[key] ? value[key] : '说明'
        cases.push({ name: `${label} carries a NUL`, input: setAt(sample, here, `${text}\u0000`) })
        cases.push({ name: `${label} carries a bell character`, input: setAt(sample, here, `\u0007${text}`) })
      }
      if (t === 'array') {
        const element = Array.isArray(value[key]) && value[key].length ? value[key][0] : 'a'
        cases.push({ name: `${label} has 10,000 elements`, input: setAt(sample, here, Array.from({ length: 10_000 }, () => element)) })
        const item = shapeOf(shape.base.item)
        if (Array.isArray(value[key]) && value[key].length) {
          for (const bad of wrongValues(item).slice(0, 4)) cases.push({ name: `${label}[0] = ${JSON.stringify(bad)}`, input: setAt(sample, [...here, 0], bad) })
          walk(shape.base.item, value[key][0], [...here, 0])
        }
      }
      if (value[key] !== undefined && (isObjectType(t) || t === 'variant')) {
        walk(entry, value[key], here)
        if (value[key] && typeof value[key] === 'object' && !Array.isArray(value[key])) {
          cases.push({ name: `${label} gets a "$inc" key`, input: setAt(sample, [...here, '$inc'], { version: 1 }) })
          cases.push({ name: `${label} gets a dotted key`, input: setAt(sample, [...here, 'a.b'], 1) })
        }
      }
    }
  }
  walk(schema, sample, [])
  return cases
}

/** Run async jobs with at most `n` in flight. */
export async function inParallel<T, R>(items: T[], n: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i], i)
    }
  }))
  return out
}
