// The mingo operator set the local cloud evaluates with: mingo's own, plus the operators MongoDB has
// and mingo lacks or gets wrong (geo, date, $indexOfCP/$indexOfBytes, negative $substr counts,
// $elemMatch on scalars), and a $jsonSchema validator. Built once; every Query/Aggregator gets MINGO_OPTIONS.
import { Context, evalExpr } from 'mingo/core'
import * as accumulatorOps from 'mingo/operators/accumulator'
import * as expressionOps from 'mingo/operators/expression'
import * as pipelineOps from 'mingo/operators/pipeline'
import * as projectionOps from 'mingo/operators/projection'
import * as queryOps from 'mingo/operators/query'
import * as windowOps from 'mingo/operators/window'
import { Query } from 'mingo/query'
import type { Options } from 'mingo/types'
import { isOperator, resolve } from 'mingo/util'
import { DbError, Doc, isPlainObject } from './codec'
import { dateOperators } from './dateOperators'
import { geoQueryOperators } from './geoQuery'
import { compileJsonSchema } from './jsonSchema'

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8')

/**
 * MongoDB: with field criteria (`{ value: { $gt: 0 } }`) only embedded documents can match; mingo
 * 7.2 also matches scalar elements. Operator criteria (`{ $gt: 2 }`) apply to every element.
 */
function $elemMatch(selector: string, criteria: any, options: Options) {
  if (!isPlainObject(criteria)) throw new DbError('DATABASE_REQUEST_FAILED', '$elemMatch needs an object')
  const keys = Object.keys(criteria)
  const onElements = keys.length > 0 && keys.every(k => isOperator(k) && k !== '$and' && k !== '$or' && k !== '$nor')
  const q = new Query(onElements ? { e: criteria } : criteria, options)
  const test = onElements ? (e: any) => q.test({ e }) : (e: any) => isPlainObject(e) && q.test(e)
  return (doc: any) => {
    const v = resolve(doc, selector, { unwrapArray: true })
    return Array.isArray(v) && v.some(test)
  }
}

/** `$substr` / `$substrBytes` with a negative count take the rest of the string, as MongoDB does. */
const substrRest = (op: string) => (obj: any, expr: any, options: Options) => {
  if (Array.isArray(expr) && expr.length === 3) {
    const [s, start, count] = evalExpr(obj, expr, options) as any[]
    if (typeof s === 'string' && typeof count === 'number' && count < 0 && Number.isInteger(start) && start >= 0) {
      return (expressionOps as any).$substrBytes(obj, [s, start, Math.max(0, utf8Length(s) - start)], options)
    }
  }
  return (expressionOps as any)[op](obj, expr, options)
}

/** `$indexOfBytes` (UTF-8 bytes; mingo counts UTF-16 units) and `$indexOfCP` (code points). */
const indexOf = (op: string, units: (s: string) => string[] | Buffer) => (obj: any, expr: any, options: Options) => {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) throw new DbError('DATABASE_REQUEST_FAILED', `${op} expects 2 to 4 arguments`)
  const [s, search, start = 0, end] = evalExpr(obj, expr, options) as any[]
  if (s === null || s === undefined) return null
  if (typeof s !== 'string' || typeof search !== 'string') throw new DbError('DATABASE_REQUEST_FAILED', `${op} requires strings`)
  const hay = units(s)
  const needle = units(search)
  const stop = Math.min(end === undefined ? hay.length : end, hay.length)
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(stop) || stop < 0) {
    throw new DbError('DATABASE_REQUEST_FAILED', `${op} start and end must be non-negative integers`)
  }
  for (let i = start; i + needle.length <= stop; i++) {
    let j = 0
    while (j < needle.length && hay[i + j] === needle[j]) j++
    if (j === needle.length) return i
  }
  return -1
}

const context = Context.init({
  accumulator: accumulatorOps as any,
  expression: {
    ...(expressionOps as any),
    ...dateOperators,
    $indexOfBytes: indexOf('$indexOfBytes', s => Buffer.from(s, 'utf8')),
    $indexOfCP: indexOf('$indexOfCP', s => Array.from(s)),
    $substr: substrRest('$substr'),
    $substrBytes: substrRest('$substrBytes'),
  },
  pipeline: pipelineOps as any,
  projection: projectionOps as any,
  query: { ...(queryOps as any), ...geoQueryOperators, $elemMatch },
  window: windowOps as any,
})

const jsonSchemaValidator = (schema: Doc) => {
  const check = compileJsonSchema(schema)
  return (doc: any) => check(doc)
}

export const MINGO_OPTIONS = { scriptEnabled: false, idKey: '_id', context, jsonSchemaValidator } as unknown as Options
