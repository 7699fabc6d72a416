import type { Department } from '../../src/domain/types'
import { allDepartments } from '../repo/departments'
import { handlerCountsByDepartment } from '../repo/users'

export interface DepartmentBook {
  name(id: string): string
  exists(id: string): boolean
  hasHandler(id: string): boolean
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
  const [list, counts] = await Promise.all([allDepartments(), handlerCountsByDepartment()])
  return bookOf(list, counts)
}
