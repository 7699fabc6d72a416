import * as v from 'valibot'
import { AppError } from '../../src/domain/errors'
import { labelFor, refuseInput } from '../../src/domain/messages'

/** Keys no input of ours ever uses: query operators, dotted paths and prototype names. */
const RESERVED_KEY = /^\$|\.|^(__proto__|constructor|prototype)$/

/**
 * The first reserved-shaped key anywhere in the input, with the path of the object holding it
 * (iterative: a deep input cannot blow the stack).
 */
export function reservedKeyIn(input: unknown): { key: string; at: (string | number)[] } | undefined {
  const stack: { value: unknown; at: (string | number)[] }[] = [{ value: input, at: [] }]
  while (stack.length) {
    const { value, at } = stack.pop()!
    if (value === null || typeof value !== 'object') continue
    const list = Array.isArray(value)
    for (const key of Object.keys(value)) {
      if (!list && RESERVED_KEY.test(key)) return { key, at }
      stack.push({ value: (value as Record<string, unknown>)[key], at: [...at, list ? Number(key) : key] })
    }
  }
  return undefined
}

const machinePath = (keys: (string | number)[]): string => keys.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '')

/**
 * Parse input with its schema or refuse with INVALID_INPUT naming the first bad field by its Chinese
 * label (src/domain/messages); `details.field` carries the machine path. A refused key itself is
 * never echoed back.
 */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new AppError('INVALID_INPUT', '参数应为对象')
  // Unknown keys are dropped by the schemas; operator-shaped ones are refused outright instead.
  const reserved = reservedKeyIn(input)
  if (reserved !== undefined) {
    const where = reserved.at.length ? labelFor(schema, reserved.at, input) : ''
    const message = `${where || '参数'}中含有不允许的字段名（以 $ 开头、含“.”或保留名）`
    throw new AppError('INVALID_INPUT', message, reserved.at.length ? { field: machinePath(reserved.at) } : undefined)
  }
  const result = v.safeParse(schema, input)
  if (result.success) return result.output
  throw refuseInput(schema, result.issues)
}
