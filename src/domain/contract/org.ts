import type { YearArrangement, CalendarBasis } from '../calendar/types'
import { empty } from '../schemas/common'
import { calendarYearInput, createInviteInput, createTeamInput, upsertDepartmentInput } from '../schemas/org'
import type { Department, Role, Team } from '../types'
import { action } from './define'

export interface InviteView {
  code: string
  kind: 'staff' | 'handler' | 'manager'
  teamId?: string
  departmentId?: string
  maxUses: number
  used: number
  expiresAt: number
}

export interface PersonView {
  openid: string
  name: string
  roles: Role[]
  teamId?: string
  departmentId?: string
}

export interface CalendarView {
  years: { year: number; basis: CalendarBasis; arrangement?: YearArrangement }[]
  needsArrangement: number[]
}

export const orgContract = {
  listTeams: action<Team[]>()(empty),
  createTeam: action<Team>()(createTeamInput),
  createInvite: action<InviteView>()(createInviteInput),
  listInvites: action<InviteView[]>()(empty),
  listDepartments: action<Department[]>()(empty),
  upsertDepartment: action<Department>()(upsertDepartmentInput),
  listPeople: action<PersonView[]>()(empty),
  getCalendar: action<CalendarView>()(empty),
  setCalendarYear: action<{ year: number; issuesMoved: number }>()(calendarYearInput),
}
export type OrgContract = typeof orgContract
