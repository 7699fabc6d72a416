import type { Department, User } from '../../src/domain/types'
import { getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'

export interface DepartmentBook {
  name(id: string): string
  exists(id: string): boolean
  hasHandler(id: string): boolean
}

/**
 * How many handlers each department has, counted from the users themselves (a handler belongs to
 * the one department on their record), so a handler who moves leaves no count behind.
 */
export async function handlerCounts(): Promise<Map<string, number>> {
  const { data } = await getDb().collection(COLLECTIONS.users).where({ roles: 'handler' }).field({ departmentId: true }).limit(1000).get()
  const counts = new Map<string, number>()
  for (const u of data as Pick<User, 'departmentId'>[]) if (u.departmentId) counts.set(u.departmentId, (counts.get(u.departmentId) ?? 0) + 1)
  return counts
}

function bookOf(list: Department[], counts: Map<string, number>): DepartmentBook {
  const byId = new Map(list.map((d) => [d._id, d]))
  return {
    name: (id) => byId.get(id)?.name ?? '未知部门',
    exists: (id) => byId.has(id),
    hasHandler: (id) => byId.has(id) && (counts.get(id) ?? 0) > 0,
  }
}

export const departmentNames = (book: DepartmentBook, ids: readonly string[]): Record<string, string> =>
  Object.fromEntries([...new Set(ids.filter(Boolean))].map((id) => [id, book.name(id)]))

/** Every department of the zone (a few dozen) and their handlers in one parallel read: what a step may mention, before the step is known. */
export async function loadAllDepartments(): Promise<DepartmentBook> {
  const [{ data }, counts] = await Promise.all([getDb().collection(COLLECTIONS.departments).limit(100).get(), handlerCounts()])
  return bookOf(data as Department[], counts)
}
