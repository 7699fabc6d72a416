import * as v from 'valibot'
import { AppError } from '../../src/domain/errors'

/** Keys no input of ours ever uses: query operators, dotted paths and prototype names. */
const RESERVED_KEY = /^\$|\.|^(__proto__|constructor|prototype)$/

/** The first reserved-shaped key anywhere in the input (iterative: a deep input cannot blow the stack). */
export function reservedKeyIn(input: unknown): string | undefined {
  const stack: unknown[] = [input]
  while (stack.length) {
    const value = stack.pop()
    if (value === null || typeof value !== 'object') continue
    for (const key of Object.keys(value)) {
      if (!Array.isArray(value) && RESERVED_KEY.test(key)) return key
      stack.push((value as Record<string, unknown>)[key])
    }
  }
  return undefined
}

/** Parse input with its schema or refuse with INVALID_INPUT naming the first bad field. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new AppError('INVALID_INPUT', '参数应为对象')
  // Unknown keys are dropped by the schemas; operator-shaped ones are refused outright instead.
  const reserved = reservedKeyIn(input)
  if (reserved !== undefined) throw new AppError('INVALID_INPUT', `参数中含有不允许的字段名：${reserved.slice(0, 40)}`)
  const result = v.safeParse(schema, input)
  if (result.success) return result.output
  const issue = result.issues[0]
  const path = v.getDotPath(issue)
  throw new AppError('INVALID_INPUT', path ? `参数 ${path} 不正确：${issue.message}` : `参数不正确：${issue.message}`)
}
