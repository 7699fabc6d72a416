/** The users collection: one document per person, `_id` = their OPENID. */
import * as v from 'valibot'
import type { Role, User } from '../../src/domain/types'
import { COLLECTIONS } from './collections'
import { cmd, collection } from './db'
import { readDocs, readMaybe, storedAs } from './read'

const users = () => collection(COLLECTIONS.users)

const role = v.picklist(['manager', 'staff', 'handler', 'liaison'])

export const userDoc = storedAs<User>()(v.looseObject({
  _id: v.string(),
  name: v.string(),
  phone: v.optional(v.string()),
  roles: v.array(role),
  teamId: v.optional(v.string()),
  departmentId: v.optional(v.string()),
  projectIds: v.array(v.string()),
  liaisonOf: v.array(v.string()),
  createdAt: v.number(),
  updatedAt: v.number(),
}))

/** The caller's own document, keyed by OPENID: one round trip. */
export async function loadUser(openid: string): Promise<User | null> {
  const { data } = await users().doc(openid).get()
  return readMaybe(userDoc, COLLECTIONS.users, data)
}

/** A person's name only (the visit record's author). */
export async function userName(openid: string): Promise<string | undefined> {
  const { data } = await users().doc(openid).field({ name: true }).get()
  return readMaybe(v.pick(userDoc, ['_id', 'name']), COLLECTIONS.users, data)?.name
}

/** Writes the whole document (a new member, or an invite accepted: one department per handler, on their own record). */
export async function saveUser(user: User): Promise<void> {
  const { _id, ...doc } = user
  await users().doc(_id).set({ data: doc })
}

/** Records that the user was seen in a project's group. */
export async function addProjectMembership(openid: string, projectId: string, now: number): Promise<void> {
  await users().doc(openid).update({ data: { projectIds: cmd().addToSet(projectId), updatedAt: now } })
}

/** A member registers as the project's liaison (name and phone). */
export async function registerLiaison(openid: string, r: { projectId: string; name: string; phone: string }, now: number): Promise<void> {
  const _ = cmd()
  await users().doc(openid).update({
    data: { name: r.name, phone: r.phone, liaisonOf: _.addToSet(r.projectId), roles: _.addToSet('liaison'), updatedAt: now },
  })
}

/**
 * How many handlers each department has, counted from the users themselves (a handler belongs to
 * the one department on their record), so a handler who moves leaves no count behind.
 */
export async function handlerCountsByDepartment(): Promise<Map<string, number>> {
  const { data } = await users().where({ roles: 'handler' }).field({ departmentId: true }).limit(1000).get()
  const counts = new Map<string, number>()
  for (const u of readDocs(v.pick(userDoc, ['_id', 'departmentId']), COLLECTIONS.users, data)) {
    if (u.departmentId) counts.set(u.departmentId, (counts.get(u.departmentId) ?? 0) + 1)
  }
  return counts
}

/** The staff of some teams (id and team). */
export async function staffOfTeams(teamIds: readonly string[]): Promise<Pick<User, '_id' | 'teamId'>[]> {
  if (teamIds.length === 0) return []
  const { data } = await users().where({ teamId: cmd().in([...teamIds]), roles: 'staff' }).field({ _id: true, teamId: true }).limit(1000).get()
  return readDocs(v.pick(userDoc, ['_id', 'teamId']), COLLECTIONS.users, data)
}

export type Assignee = Pick<User, '_id' | 'departmentId' | 'teamId' | 'roles'>

/** In one query: the handlers of some departments and the staff of some teams (who is reminded of what is due). */
export async function handlersAndStaff(departmentIds: readonly string[], teamIds: readonly string[]): Promise<Assignee[]> {
  const _ = cmd()
  const ors: Record<string, unknown>[] = []
  if (departmentIds.length) ors.push({ departmentId: _.in([...departmentIds]), roles: 'handler' })
  if (teamIds.length) ors.push({ teamId: _.in([...teamIds]), roles: 'staff' })
  if (ors.length === 0) return []
  const { data } = await users().where(_.or(ors)).field({ _id: true, departmentId: true, teamId: true, roles: true }).limit(1000).get()
  return readDocs(v.pick(userDoc, ['_id', 'departmentId', 'teamId', 'roles']), COLLECTIONS.users, data)
}

/** In one query (up to 200): a department's handlers, a team's staff, the managers — those asked for. */
export async function noticeRecipients(want: { handlersOf?: string; staffOf?: string; managers: boolean }): Promise<Assignee[]> {
  const ors: Record<string, unknown>[] = []
  if (want.handlersOf) ors.push({ departmentId: want.handlersOf, roles: 'handler' })
  if (want.staffOf) ors.push({ teamId: want.staffOf, roles: 'staff' })
  if (want.managers) ors.push({ roles: 'manager' })
  if (ors.length === 0) return []
  const { data } = await users().where(cmd().or(ors)).field({ _id: true, roles: true, teamId: true, departmentId: true }).limit(200).get()
  return readDocs(v.pick(userDoc, ['_id', 'departmentId', 'teamId', 'roles']), COLLECTIONS.users, data)
}

/** The OPENIDs of the users holding the manager role. */
export async function managerIds(): Promise<string[]> {
  const { data } = await users().where({ roles: 'manager' }).field({ _id: true }).limit(1000).get()
  return readDocs(v.pick(userDoc, ['_id']), COLLECTIONS.users, data).map((u) => u._id)
}

/** Everyone who works in the zone (staff, handlers, managers), up to 500. */
export async function zoneWorkers(): Promise<User[]> {
  const roles: Role[] = ['staff', 'handler', 'manager']
  const { data } = await users().where({ roles: cmd().in(roles) }).limit(500).get()
  return readDocs(userDoc, COLLECTIONS.users, data)
}
