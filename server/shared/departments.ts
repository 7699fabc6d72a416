import type { Department } from '../../src/domain/types'
import { command, getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'

export interface DepartmentBook {
  name(id: string): string
  exists(id: string): boolean
  hasHandler(id: string): boolean
}

/** The named departments in one read. */
export async function loadDepartments(ids: readonly string[]): Promise<DepartmentBook> {
  const unique = [...new Set(ids.filter(Boolean))]
  const list: Department[] = unique.length
    ? (await getDb().collection(COLLECTIONS.departments).where({ _id: command().in(unique) }).limit(100).get()).data
    : []
  const byId = new Map(list.map((d) => [d._id, d]))
  return {
    name: (id) => byId.get(id)?.name ?? '未知部门',
    exists: (id) => byId.has(id),
    hasHandler: (id) => (byId.get(id)?.handlerCount ?? 0) > 0,
  }
}

export const departmentNames = (book: DepartmentBook, ids: readonly string[]): Record<string, string> =>
  Object.fromEntries([...new Set(ids.filter(Boolean))].map((id) => [id, book.name(id)]))

/** Every department of the zone (a few dozen) in one read: what a step may mention, before the step is known. */
export async function loadAllDepartments(): Promise<DepartmentBook> {
  const list: Department[] = (await getDb().collection(COLLECTIONS.departments).limit(100).get()).data
  const byId = new Map(list.map((d) => [d._id, d]))
  return {
    name: (id) => byId.get(id)?.name ?? '未知部门',
    exists: (id) => byId.has(id),
    hasHandler: (id) => (byId.get(id)?.handlerCount ?? 0) > 0,
  }
}
