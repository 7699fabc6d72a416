/**
 * A tiny condition language over IssueFacts with two evaluators: `holds` (in memory) and
 * `toExpression` (a Mongo aggregation expression over `$facts.<field>`). Every metric's numerator and
 * denominator is written once in it (counters.ts), so the dashboard and the database cannot disagree.
 *
 * Null semantics: a numeric comparison on a null field is false on both sides. Mongo orders null below
 * numbers (so `$lt: [null, 5]` is true there), hence every upper-bound comparison is compiled together
 * with a numeric lower guard (`$gte: [field, MIN_NUMBER]`), which null and missing fields fail.
 */
import type { IssueFacts } from './figures'

type Scalar = string | number | boolean | null
type Field = keyof IssueFacts

export type Cond =
  | { op: 'eq' | 'ne'; field: Field; value: Scalar }
  | { op: 'gte' | 'gt' | 'lt' | 'lte'; field: Field; value: number }
  | { op: 'and' | 'or'; all: Cond[] }

/** Below every epoch-ms instant and every duration we store. */
export const MIN_NUMBER = -8.64e15

export const eq = (field: Field, value: Scalar): Cond => ({ op: 'eq', field, value })
export const ne = (field: Field, value: Scalar): Cond => ({ op: 'ne', field, value })
export const gt = (field: Field, value: number): Cond => ({ op: 'gt', field, value })
export const lt = (field: Field, value: number): Cond => ({ op: 'lt', field, value })
export const lte = (field: Field, value: number): Cond => ({ op: 'lte', field, value })
export const and = (...all: Cond[]): Cond => ({ op: 'and', all })
export const or = (...all: Cond[]): Cond => ({ op: 'or', all })
/** from < field ≤ to: an instant exactly at a boundary counts in the period that ends there (a deadline at 24:00 of day D belongs to day D). */
export const within = (field: Field, from: number, to: number): Cond => and(gt(field, from), lte(field, to))

/** Evaluate in memory. */
export function holds(cond: Cond, facts: IssueFacts): boolean {
  switch (cond.op) {
    case 'and':
      return cond.all.every((c) => holds(c, facts))
    case 'or':
      return cond.all.some((c) => holds(c, facts))
    case 'eq':
      return facts[cond.field] === cond.value
    case 'ne':
      return facts[cond.field] !== cond.value
  }
  const x = facts[cond.field]
  if (typeof x !== 'number') return false
  switch (cond.op) {
    case 'gte':
      return x >= cond.value
    case 'gt':
      return x > cond.value
    case 'lt':
      return x < cond.value
    case 'lte':
      return x <= cond.value
  }
}

/** Compile to a Mongo aggregation boolean expression; `prefix` is where the facts live ('$facts.'). */
export function toExpression(cond: Cond, prefix = '$facts.'): Record<string, unknown> {
  if ('all' in cond) return { [`$${cond.op}`]: cond.all.map((c) => toExpression(c, prefix)) }
  const path = `${prefix}${cond.field}`
  const compare = { [`$${cond.op}`]: [path, cond.value] }
  if (cond.op === 'lt' || cond.op === 'lte') return { $and: [{ $gte: [path, MIN_NUMBER] }, compare] }
  return compare
}
