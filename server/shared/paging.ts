import { AppError } from '../../src/domain/errors'

/** Offset cursors for short lists (projects, visits of one project): opaque to the client. */
export const encodeOffsetCursor = (offset: number): string => `o${offset.toString(36)}`

export function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0
  const m = /^o([0-9a-z]{1,6})$/.exec(cursor)
  const offset = m ? parseInt(m[1], 36) : NaN
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw new AppError('INVALID_INPUT', '分页游标不正确')
  return offset
}
