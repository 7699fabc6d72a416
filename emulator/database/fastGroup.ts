// A native evaluator for the `$group` stages the dashboard runs (and the like): `_id` null, a literal or
// a '$path', every accumulator `{ $sum: X }` with X a number, a '$path' or a `$cond` whose condition is
// built from $and/$or/$not/$eq/$ne/$gt/$gte/$lt/$lte/$in over '$path's and scalar literals.
// The semantics are mingo 7's, operator by operator (see node_modules/mingo/esm/operators/_predicates.js):
// - $eq: same value, or both null/missing; $ne its negation;
// - $gt/$gte/$lt/$lte: false unless both sides have the same type (null vs number is false either way),
//   then the natural order of numbers / strings / booleans;
// - $in: strict equality (null does not match a missing field);
// - $and/$or/$cond truthiness: false for null, missing, false, 0 (and NaN); '' is true (strict mode);
//   $not is plain negation (`!''` is true);
// - $sum adds numbers only (a missing or non-numeric value adds nothing); `$sum: <n>` is count × n.
// Anything else — or a document where a path crosses an array or a non-plain object, or a compared value
// is not a scalar — makes the caller fall back to mingo for the whole stage.
import type { Doc } from './codec'

/** Thrown while running a compiled group when a document leaves the subset; the caller reruns with mingo. */
class Fallback extends Error {}
const FALLBACK = new Fallback('fast $group fallback')

export interface FastGroup {
  /** Runs the stage over `docs`; undefined when some document needs mingo's general evaluation. */
  run(docs: readonly Doc[]): Doc[] | undefined
}

const hasOwn = Object.prototype.hasOwnProperty
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_-]*$/
const isLiteral = (v: unknown): v is null | number | string | boolean =>
  v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && !v.startsWith('$'))
const isPath = (v: unknown): v is string => typeof v === 'string' && v.length > 1 && v[0] === '$' && v[1] !== '$'
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)

// ---- runtime helpers, shared by every compiled function ----
const OBJECT_PROTO = Object.prototype
/** One field of a path: plain objects only; a scalar has no fields (mingo: undefined); arrays and other objects fall back. */
function step(v: any, k: string): unknown {
  if (v === null || v === undefined) return undefined
  if (typeof v !== 'object') {
    if (typeof v === 'function') throw FALLBACK
    return undefined
  }
  const p = Object.getPrototypeOf(v)
  if (p !== OBJECT_PROTO && p !== null) throw FALLBACK
  return hasOwn.call(v, k) ? v[k] : undefined
}
/** A compared value must be a scalar (mingo's array and object rules are not reproduced). */
function scalar(v: unknown): unknown {
  if (v === null || v === undefined || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v
  throw FALLBACK
}
const same = (a: unknown, b: unknown) => a === b || Object.is(a, b)
/** mingo $eq on scalars: same value, or both null/missing. */
const eq = (a: unknown, b: unknown) => a === b || Object.is(a, b) || ((a === null || a === undefined) && (b === null || b === undefined))
const typeOf = (v: unknown) => (v === null ? 'null' : typeof v)
/** mingo's compare for two scalars of the same type. */
const cmp = (a: any, b: any): number => (a === b || Object.is(a, b) ? 0 : a < b ? -1 : a > b ? 1 : 0)
const gt = (a: unknown, b: unknown) => typeOf(a) === typeOf(b) && cmp(a, b) > 0
const gte = (a: unknown, b: unknown) => typeOf(a) === typeOf(b) && cmp(a, b) >= 0
const lt = (a: unknown, b: unknown) => typeOf(a) === typeOf(b) && cmp(a, b) < 0
const lte = (a: unknown, b: unknown) => typeOf(a) === typeOf(b) && cmp(a, b) <= 0
/** mingo's truthy in strict mode: '' is true. */
const truthy = (v: unknown) => !!v || v === ''

const HELPERS = { step, scalar, same, eq, gt, gte, lt, lte, truthy, FALLBACK }

/** JS source of a literal. */
function lit(v: null | number | string | boolean): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v)
  if (typeof v === 'string') return JSON.stringify(v)
  return String(v)
}

/** Code generation state: one local per distinct path prefix, resolved once per document. */
class Gen {
  readonly lines: string[] = []
  private vars = new Map<string, string>()
  private checked = new Set<string>()

  /** The local holding a path's value; undefined when the path is outside the subset. */
  path(expr: string, needScalar: boolean): string | undefined {
    const parts = expr.slice(1).split('.')
    if (!parts.every((p) => SEGMENT.test(p) && !(p in Object.prototype))) return undefined
    let prev = 'doc'
    for (let i = 0; i < parts.length; i++) {
      const key = parts.slice(0, i + 1).join('.')
      let name = this.vars.get(key)
      if (!name) {
        name = `r${this.vars.size}`
        this.vars.set(key, name)
        this.lines.push(`const ${name} = step(${prev}, ${JSON.stringify(parts[i])});`)
      }
      prev = name
    }
    if (needScalar && !this.checked.has(prev)) {
      this.checked.add(prev)
      this.lines.push(`scalar(${prev});`)
    }
    return prev
  }

  operand(expr: unknown): string | undefined {
    if (isLiteral(expr)) return lit(expr)
    return isPath(expr) ? this.path(expr, true) : undefined
  }

  /** [js, isBoolean] of a value in a boolean position; undefined outside the subset. */
  value(expr: unknown): [string, boolean] | undefined {
    if (isLiteral(expr)) return [lit(expr), typeof expr === 'boolean']
    if (isPath(expr)) {
      const v = this.path(expr, false)
      return v === undefined ? undefined : [v, false]
    }
    if (!isObj(expr)) return undefined
    const keys = Object.keys(expr)
    if (keys.length !== 1) return undefined
    const op = keys[0]
    const arg = expr[op]
    switch (op) {
      case '$and':
      case '$or': {
        if (!Array.isArray(arg)) return undefined
        const subs: string[] = []
        for (const a of arg) {
          const t = this.test(a)
          if (t === undefined) return undefined
          subs.push(t)
        }
        if (!subs.length) return [op === '$and' ? 'true' : 'false', true]
        return [`(${subs.join(op === '$and' ? ' && ' : ' || ')})`, true]
      }
      case '$not': {
        const list = Array.isArray(arg) ? arg : [arg]
        if (list.length === 0) return ['false', true]
        if (list.length > 1) return undefined
        const v = this.value(list[0])
        return v && [`!(${v[0]})`, true]
      }
      case '$eq':
      case '$ne':
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined
        const a = this.operand(arg[0])
        const b = this.operand(arg[1])
        if (a === undefined || b === undefined) return undefined
        const r = arg[1]
        let js: string
        if (op === '$eq' || op === '$ne') {
          // A literal other than null is equal only to itself (=== is exact for finite numbers and strings).
          js = isLiteral(r) && r !== null ? `(${a} === ${b})` : r === null ? `(${a} === null || ${a} === undefined)` : `eq(${a}, ${b})`
          if (op === '$ne') js = `!${js}`
        } else if (typeof r === 'number' || (typeof r === 'string' && isLiteral(r))) {
          // Same type required; then, against a non-NaN literal, mingo's compare is exactly these.
          const guard = `typeof ${a} === ${JSON.stringify(typeof r)}`
          const rel = { $gt: `${a} > ${b}`, $gte: `!(${a} < ${b})`, $lt: `${a} < ${b}`, $lte: `!(${a} > ${b})` }[op]
          js = `(${guard} && ${rel})`
        } else js = `${op.slice(1)}(${a}, ${b})`
        return [js, true]
      }
      case '$in': {
        if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) return undefined
        const item = this.operand(arg[0])
        if (item === undefined) return undefined
        const alts: string[] = []
        for (const e of arg[1]) {
          const o = this.operand(e)
          if (o === undefined) return undefined
          alts.push(`same(${o}, ${item})`)
        }
        return [alts.length ? `(${alts.join(' || ')})` : 'false', true]
      }
    }
    return undefined
  }

  /** JS of a value's truthiness. */
  test(expr: unknown): string | undefined {
    const v = this.value(expr)
    if (!v) return undefined
    return v[1] ? v[0] : `truthy(${v[0]})`
  }

  /** JS adding a summand (number literal or path) to `t[i]`; '' when it adds nothing. */
  add(i: number, expr: unknown): string | undefined {
    if (typeof expr === 'number') return !Number.isFinite(expr) ? undefined : expr === 0 ? '' : `t[${i}] += ${lit(expr)};`
    if (!isPath(expr)) return undefined
    const v = this.path(expr, false)
    if (v === undefined) return undefined
    return `if (typeof ${v} === 'number' && ${v} === ${v}) t[${i}] += ${v};`
  }

  /** JS of one `$sum` operand (not a plain number: those are counts). */
  sum(i: number, x: unknown): string | undefined {
    if (isPath(x)) return this.add(i, x)
    if (!isObj(x)) return undefined
    const keys = Object.keys(x)
    if (keys.length !== 1 || keys[0] !== '$cond') return undefined
    const c = x.$cond
    let e: unknown, a: unknown, b: unknown
    if (Array.isArray(c)) {
      if (c.length !== 3) return undefined
      ;[e, a, b] = c
    } else if (isObj(c)) {
      const ks = Object.keys(c)
      if (ks.length !== 3 || !ks.every((k) => k === 'if' || k === 'then' || k === 'else')) return undefined
      e = c.if; a = c.then; b = c.else
    } else return undefined
    const test = this.test(e)
    const then = this.add(i, a)
    const other = this.add(i, b)
    if (test === undefined || then === undefined || other === undefined) return undefined
    if (!then && !other) return ''
    return other ? `if (${test}) { ${then} } else { ${other} }` : `if (${test}) { ${then} }`
  }
}

/** Compiles a `$group` specification (the stage's operand); undefined when it is outside the subset. */
export function compileGroup(spec: unknown): FastGroup | undefined {
  if (!isObj(spec) || !hasOwn.call(spec, '_id')) return undefined
  const gen = new Gen()
  const idExpr = spec._id
  let key: string | undefined
  if (isLiteral(idExpr)) key = lit(idExpr)
  else if (isPath(idExpr)) key = gen.path(idExpr, true)
  if (key === undefined) return undefined

  const names: string[] = []
  const counts: (number | null)[] = []
  const code: string[] = []
  for (const name of Object.keys(spec)) {
    if (name === '_id') continue
    if (!name || name.startsWith('$') || name.includes('.') || name === '__proto__') return undefined
    const acc = spec[name]
    if (!isObj(acc)) return undefined
    const keys = Object.keys(acc)
    if (keys.length !== 1 || keys[0] !== '$sum') return undefined
    const x = acc.$sum
    const i = names.length
    names.push(name)
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) return undefined
      counts.push(x)
      continue
    }
    counts.push(null)
    const js = gen.sum(i, x)
    if (js === undefined) return undefined
    code.push(js)
  }
  const n = names.length
  const source = `return function (doc) {\n${gen.lines.join('\n')}\nconst t = lookup(${key});\n${code.join('\n')}\n}`
  // eslint-disable-next-line no-new-func -- compiling the $group stage to one function is what makes it fast; field names enter the source through JSON.stringify and literals through lit(), never as raw text
  const factory = new Function(...Object.keys(HELPERS), 'lookup', source) as (...args: unknown[]) => (doc: Doc) => void
  const helpers = Object.values(HELPERS)

  return {
    run(docs) {
      // Per group (in order of first appearance): its document count and one running sum per accumulator.
      const groups = new Map<unknown, { count: number; t: number[] }>()
      const lookup = (k: unknown) => {
        const id = k ?? null
        let g = groups.get(id)
        if (!g) { g = { count: 0, t: new Array(n).fill(0) }; groups.set(id, g) }
        g.count++
        return g.t
      }
      const each = factory(...helpers, lookup)
      try {
        for (let d = 0; d < docs.length; d++) each(docs[d])
      } catch (e) {
        if (e instanceof Fallback) return undefined
        throw e
      }
      const out: Doc[] = []
      for (const [id, g] of groups) {
        const row: Doc = { _id: id }
        for (let i = 0; i < n; i++) row[names[i]] = counts[i] === null ? g.t[i] : g.count * (counts[i] as number)
        out.push(row)
      }
      return out
    },
  }
}
