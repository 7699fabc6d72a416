/**
 * What a client request id promises: one request. The stored result keeps a digest of the request's
 * body; the same id with a different body is refused with IDEMPOTENCY_MISMATCH instead of being
 * answered with the first result as if nothing were wrong.
 */
import { createHash } from 'crypto'
import { AppError } from '../../src/domain/errors'

/** A stable JSON (keys sorted) of the body's meaningful fields, hashed: 32 hex characters. */
export function requestDigest(body: unknown): string {
  const stable = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(stable) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, stable((x as Record<string, unknown>)[k])])) : x
  return createHash('sha256').update(JSON.stringify(stable(body))).digest('hex').slice(0, 32)
}

/** Refuses a retry whose body differs from the request that first used the id. */
export function requireSameRequest(storedDigest: string | undefined, digest: string): void {
  if (storedDigest !== undefined && storedDigest !== digest) {
    throw new AppError('IDEMPOTENCY_MISMATCH', '该请求编号已用于另一份不同的提交，请刷新后重新提交')
  }
}
