import * as v from 'valibot'
import { AppError } from '../../src/domain/errors'

/** Parse input with its schema or refuse with INVALID_INPUT naming the first bad field. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input)
  if (result.success) return result.output
  const issue = result.issues[0]
  const path = v.getDotPath(issue)
  throw new AppError('INVALID_INPUT', path ? `参数 ${path} 不正确：${issue.message}` : `参数不正确：${issue.message}`)
}
