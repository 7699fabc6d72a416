/**
 * The repositories' access to the database: a collection by its declared name, the query commands,
 * and the few helpers every module shares. Only server/repo/ imports this file.
 */
import { command, getDb } from '../runtime/cloud'
import type { CollectionName } from './collections'

/** A collection, query or command of the SDK: its declarations cannot be read through (server/runtime/cloud.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the untyped SDK boundary, as in server/runtime/cloud.ts
type SdkHandle = any

export const collection = (name: CollectionName): SdkHandle => getDb().collection(name)
export const cmd = (): SdkHandle => command()
/** A database transaction (its own collection(), commit() and rollback()). */
export const startTransaction = (): Promise<SdkHandle> => getDb().startTransaction()
/** A case-insensitive pattern match on a field (the database's RegExp). */
export const caseInsensitive = (pattern: string): SdkHandle => getDb().RegExp({ regexp: pattern, options: 'i' })

/** The database refused a write because the `_id` (or a unique index) is taken. */
export const isDuplicateKey = (e: unknown): boolean => /duplicate|E11000/i.test(String((e as Error | undefined)?.message ?? e))

/** Every page of a query, `pageSize` at a time, one page after another, at most `maxRows`. */
export async function pagedGet(query: SdkHandle, pageSize: number, maxRows: number): Promise<unknown[]> {
  const out: unknown[] = []
  for (let offset = 0; offset < maxRows; offset += pageSize) {
    const { data } = await query.skip(offset).limit(pageSize).get()
    out.push(...data)
    if (data.length < pageSize) break
  }
  return out
}
