/** The departments collection: the zone's departments that work the issues (at most 60). */
import * as v from 'valibot'
import type { Department } from '../../src/domain/types'
import { COLLECTIONS } from './collections'
import { collection } from './db'
import { readDocs, readMaybe, storedAs } from './read'

const departments = () => collection(COLLECTIONS.departments)

/** As stored. `handlerCount` is never stored: it is counted from the users on every read. */
export const departmentDoc = storedAs<Department, 'handlerCount'>()(v.looseObject({
  _id: v.string(),
  name: v.string(),
  contactName: v.optional(v.string()),
  contactPhone: v.optional(v.string()),
  order: v.number(),
}))

/** A count an older version stored is dropped here, so no stale count travels on. */
const withoutStoredCount = ({ handlerCount: _stale, ...d }: v.InferOutput<typeof departmentDoc>): Department => d
const fromDocs = (data: unknown[]): Department[] => readDocs(departmentDoc, COLLECTIONS.departments, data).map(withoutStoredCount)

export async function loadDepartment(departmentId: string): Promise<Department | null> {
  const { data } = await departments().doc(departmentId).get()
  const d = readMaybe(departmentDoc, COLLECTIONS.departments, data)
  return d && withoutStoredCount(d)
}

/** Every department of the zone, in no particular order. */
export async function allDepartments(): Promise<Department[]> {
  const { data } = await departments().limit(100).get()
  return fromDocs(data)
}

/** Every department in its display order. */
export async function departmentsInOrder(): Promise<Department[]> {
  const { data } = await departments().orderBy('order', 'asc').limit(100).get()
  return fromDocs(data)
}

/** Every department's id, name and order, in display order (no contact field is read). */
export async function departmentNamesInOrder(): Promise<Pick<Department, '_id' | 'name' | 'order'>[]> {
  const { data } = await departments().orderBy('order', 'asc').field({ _id: true, name: true, order: true }).limit(200).get()
  return readDocs(v.pick(departmentDoc, ['_id', 'name', 'order']), COLLECTIONS.departments, data)
}

export async function countDepartments(): Promise<number> {
  const { total } = await departments().count()
  return total
}

export async function saveDepartment(department: Department): Promise<void> {
  const { _id, handlerCount: _never, ...doc } = department
  await departments().doc(_id).set({ data: doc })
}

/** Renames a department or changes its contact (nothing when there is no such department). */
export async function updateDepartment(departmentId: string, fields: Pick<Department, 'name' | 'contactName' | 'contactPhone'>): Promise<void> {
  await departments().doc(departmentId).update({ data: fields })
}
