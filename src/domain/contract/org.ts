import type { YearArrangement, CalendarBasis } from '../calendar/workCalendar'
import { empty } from '../schemas/common'
import { calendarYearInput, createInviteInput, createTeamInput, upsertDepartmentInput } from '../schemas/org'
import type { Department, Role, Team } from '../types'
import { action } from './define'

/** active: can still be used · expired: past expiresAt · used_up: every use taken (judged on the server's clock). */
export type InviteStatus = 'active' | 'expired' | 'used_up'

export interface InviteView {
  code: string
  kind: 'staff' | 'handler' | 'manager'
  teamId?: string
  departmentId?: string
  maxUses: number
  used: number
  expiresAt: number
  status: InviteStatus
}

export interface PersonView {
  openid: string
  name: string
  roles: Role[]
  teamId?: string
  departmentId?: string
}

export interface CalendarYearView {
  year: number
  basis: CalendarBasis
  /** The zone's own entry, when the year has one (basis 'zone'). */
  arrangement?: YearArrangement
  /**
   * The year as ranges, whichever layer decides it: the zone's entry, the package's data (shown
   * read-only, and the starting point of 「以本区录入覆盖」) or the statutory estimate (the form's
   * starting point for a year not entered yet).
   */
  effective: YearArrangement
}

export interface CalendarView {
  years: CalendarYearView[]
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
