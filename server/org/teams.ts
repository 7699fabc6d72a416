import type * as v from 'valibot'
import { requireRole } from '../../src/domain/access'
import type { PersonView } from '../../src/domain/contract/org'
import { AppError } from '../../src/domain/errors'
import type { createTeamInput, upsertDepartmentInput } from '../../src/domain/schemas/org'
import type { Department, Team, User } from '../../src/domain/types'
import { getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { handlerCounts } from '../shared/departments'
import { newId } from '../shared/ids'

export async function listTeams(_: unknown, ctx: ActionContext): Promise<Team[]> {
  requireRole(ctx.caller, 'org.listTeams')
  const { data } = await getDb().collection(COLLECTIONS.teams).orderBy('createdAt', 'asc').limit(200).get()
  return data
}

export async function createTeam(input: v.InferOutput<typeof createTeamInput>, ctx: ActionContext): Promise<Team> {
  requireRole(ctx.caller, 'org.createTeam')
  const team: Team = { _id: newId(), name: input.name, createdAt: ctx.now }
  const { _id, ...doc } = team
  await getDb().collection(COLLECTIONS.teams).doc(_id).set({ data: doc })
  return team
}

export async function listDepartments(_: unknown, ctx: ActionContext): Promise<Department[]> {
  requireRole(ctx.caller, 'org.listDepartments')
  const [{ data }, counts] = await Promise.all([getDb().collection(COLLECTIONS.departments).orderBy('order', 'asc').limit(100).get(), handlerCounts()])
  return (data as Department[]).map(({ handlerCount: _stale, ...d }) => ({ ...d, handlerCount: counts.get(d._id) ?? 0 }))
}

export async function upsertDepartment(input: v.InferOutput<typeof upsertDepartmentInput>, ctx: ActionContext): Promise<Department> {
  requireRole(ctx.caller, 'org.upsertDepartment')
  const departments = getDb().collection(COLLECTIONS.departments)
  const fields = { name: input.name, contactName: input.contactName, contactPhone: input.contactPhone }
  if (input.departmentId) {
    const res = await departments.doc(input.departmentId).update({ data: fields })
    if (res.stats.updated === 0) {
      const { data } = await departments.doc(input.departmentId).get()
      if (!data) throw new AppError('NOT_FOUND', '部门不存在')
      return data
    }
    return (await departments.doc(input.departmentId).get()).data
  }
  const { total } = await departments.count()
  if (total >= 60) throw new AppError('INVALID_INPUT', '部门数量已达上限')
  const department: Department = { _id: newId(), ...fields, order: total + 1 }
  const { _id, ...doc } = department
  await departments.doc(_id).set({ data: doc })
  return department
}

export async function listPeople(_: unknown, ctx: ActionContext): Promise<PersonView[]> {
  requireRole(ctx.caller, 'org.listPeople')
  const _cmd = getDb().command
  const { data } = await getDb().collection(COLLECTIONS.users).where({ roles: _cmd.in(['staff', 'handler', 'manager']) }).limit(500).get()
  return (data as User[]).map((u) => ({ openid: u._id, name: u.name, roles: u.roles, teamId: u.teamId, departmentId: u.departmentId }))
}
