import type * as v from 'valibot'
import { requireRole } from '../runtime/guards'
import type { PersonView } from '../../src/domain/contract/org'
import { AppError } from '../../src/domain/errors'
import type { createTeamInput, upsertDepartmentInput } from '../../src/domain/schemas/org'
import type { Department, Team } from '../../src/domain/types'
import { countDepartments, departmentsInOrder, loadDepartment, saveDepartment, updateDepartment } from '../repo/departments'
import { saveTeam, teamsInOrder } from '../repo/teams'
import { handlerCountsByDepartment, zoneWorkers } from '../repo/users'
import type { ActionContext } from '../runtime/entry'
import { newId } from '../shared/ids'

export async function listTeams(_: unknown, ctx: ActionContext): Promise<Team[]> {
  requireRole(ctx.caller, 'org.listTeams')
  return teamsInOrder()
}

export async function createTeam(input: v.InferOutput<typeof createTeamInput>, ctx: ActionContext): Promise<Team> {
  requireRole(ctx.caller, 'org.createTeam')
  const team: Team = { _id: newId(), name: input.name, createdAt: ctx.now }
  await saveTeam(team)
  return team
}

export async function listDepartments(_: unknown, ctx: ActionContext): Promise<Department[]> {
  requireRole(ctx.caller, 'org.listDepartments')
  const [list, counts] = await Promise.all([departmentsInOrder(), handlerCountsByDepartment()])
  return list.map((d) => ({ ...d, handlerCount: counts.get(d._id) ?? 0 }))
}

export async function upsertDepartment(input: v.InferOutput<typeof upsertDepartmentInput>, ctx: ActionContext): Promise<Department> {
  requireRole(ctx.caller, 'org.upsertDepartment')
  const fields = { name: input.name, contactName: input.contactName, contactPhone: input.contactPhone }
  if (input.departmentId) {
    await updateDepartment(input.departmentId, fields)
    const department = await loadDepartment(input.departmentId)
    if (!department) throw new AppError('NOT_FOUND', '部门不存在')
    return department
  }
  const total = await countDepartments()
  if (total >= 60) throw new AppError('INVALID_INPUT', '部门数量已达上限')
  const department: Department = { _id: newId(), ...fields, order: total + 1 }
  await saveDepartment(department)
  return department
}

export async function listPeople(_: unknown, ctx: ActionContext): Promise<PersonView[]> {
  requireRole(ctx.caller, 'org.listPeople')
  return (await zoneWorkers()).map((u) => ({ openid: u._id, name: u.name, roles: u.roles, teamId: u.teamId, departmentId: u.departmentId }))
}
