/** Where each role starts. One table, read by the home page and its test. */
import type { WhoAmI } from '../../domain/views'

export const ROUTES = {
  board: (projectId: string) => `/pages/board/index?projectId=${projectId}`,
  raise: (projectId: string, extra = '') => `/pages/raise/index?projectId=${projectId}${extra}`,
  issue: (id: string) => `/pages/issue/index?id=${id}`,
  week: '/pkg-work/pages/week/index',
  visit: (visitId: string) => `/pkg-work/pages/visit/index?visitId=${encodeURIComponent(visitId)}`,
  visitRecord: (visitId: string) => `/pkg-work/pages/visit-record/index?visitId=${encodeURIComponent(visitId)}`,
  queue: '/pkg-work/pages/queue/index',
  visits: (projectId: string) => `/pkg-work/pages/visits/index?projectId=${projectId}`,
  dashboard: '/pkg-admin/pages/dashboard/index',
  drill: '/pkg-admin/pages/drill/index',
  issues: '/pkg-admin/pages/issues/index',
  org: '/pkg-admin/pages/org/index',
  projects: '/pkg-admin/pages/projects/index',
  projectEdit: '/pkg-admin/pages/project-edit/index',
  calendar: '/pkg-admin/pages/calendar/index',
  export: '/pkg-admin/pages/export/index',
}

export type Home =
  | { kind: 'newcomer' }
  | { kind: 'go'; url: string }
  | { kind: 'projects' }
  | { kind: 'manager' }
  | { kind: 'multi' }

/**
 * The page a user lands on after the home page learns who they are.
 * @example homeFor({ roles: ['staff'], … }) // { kind: 'go', url: ROUTES.week }
 */
export function homeFor(who: WhoAmI): Home {
  const roles = who.roles
  if (roles.includes('manager')) return { kind: 'manager' }
  const work = roles.filter((r) => r === 'staff' || r === 'handler')
  if (work.length > 1 || (work.length === 1 && roles.includes('liaison'))) return { kind: 'multi' }
  if (roles.includes('staff')) return { kind: 'go', url: ROUTES.week }
  if (roles.includes('handler')) return { kind: 'go', url: ROUTES.queue }
  if (roles.includes('liaison') || who.projects.length > 0) {
    return who.projects.length === 1 ? { kind: 'go', url: ROUTES.board(who.projects[0]._id) } : { kind: 'projects' }
  }
  return { kind: 'newcomer' }
}

export const ROLE_NAMES: Record<string, string> = { manager: '管理者', staff: '服务专员', handler: '部门经办人', liaison: '企业联络员' }
