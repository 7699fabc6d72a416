/**
 * Who may do what, outside the issue lifecycle (whose table lives in issue/lifecycle.ts).
 * One table of role × action, used by the functions to enforce and by the UI to show.
 */
import type { Caller, Project, Role } from './types'

export const ACTION_ROLES = {
  'me.whoami': 'anyone',
  'me.enter': 'anyone',
  'me.registerLiaison': 'anyone', // must also be a member of the project
  'me.acceptInvite': 'anyone',
  'org.listTeams': ['manager', 'staff'],
  'org.createTeam': ['manager'],
  'org.createInvite': ['manager'],
  'org.listInvites': ['manager'],
  'org.listDepartments': ['manager', 'staff', 'handler'],
  'org.upsertDepartment': ['manager'],
  'org.listPeople': ['manager'],
  'org.getCalendar': ['manager', 'staff', 'handler'],
  'org.setCalendarYear': ['manager'],
  'projects.create': ['manager', 'staff'], // staff only for their own team
  'projects.update': ['manager', 'staff'],
  'projects.list': ['manager', 'staff', 'liaison'],
  'projects.get': ['manager', 'staff', 'liaison', 'handler'],
  'projects.board': ['manager', 'staff', 'liaison'],
  'projects.shareTicket': ['manager', 'staff'],
  'projects.digest': ['manager', 'staff', 'liaison'], // the weekly digest card, shared into the project's group
  'projects.digestShared': ['manager', 'staff', 'liaison'],
  'projects.unbindGroup': ['manager'],
  'visits.planWeek': ['manager', 'staff'],
  'visits.myWeek': ['staff', 'manager'],
  'visits.get': ['manager', 'staff'], // the log page's working document; others read visits.record
  'visits.record': 'anyone', // who reads which part is VISIT_VISIBILITY's; anyone else reads NOT_FOUND
  'visits.checkIn': ['staff'],
  'visits.complete': ['staff'],
  'visits.listByProject': ['manager', 'staff', 'liaison'],
  'visits.coverage': ['manager'],
  'dashboard.summary': ['manager'],
  'dashboard.drill': ['manager'],
  'dashboard.export': ['manager'],
  'dashboard.bulletin': ['manager'],
} as const satisfies Record<string, readonly Role[] | 'anyone'>

export type GuardedAction = keyof typeof ACTION_ROLES

export function mayTake(caller: Pick<Caller, 'roles'>, action: GuardedAction): boolean {
  const allowed = ACTION_ROLES[action]
  return allowed === 'anyone' || caller.roles.some((r) => (allowed as readonly Role[]).includes(r))
}


/** A project is visible to managers, its service team and the members of its WeChat group. */
export function canSeeProject(caller: Caller, project: Pick<Project, '_id' | 'teamId'>): boolean {
  if (caller.roles.includes('manager')) return true
  if (caller.roles.includes('staff') && caller.teamId === project.teamId) return true
  return caller.projectIds.includes(project._id)
}

/** Managers and the project's own team run the project (visits, sharing its card, editing it). */
export function canRunProject(caller: Caller, project: Pick<Project, 'teamId'>): boolean {
  return caller.roles.includes('manager') || (caller.roles.includes('staff') && caller.teamId === project.teamId)
}
