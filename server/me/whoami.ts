import { yearsNeedingArrangement } from '../../src/domain/calendar'
import type { WhoAmI } from '../../src/domain/views'
import { loadCalendar } from '../repo/calendars'
import { loadDepartment } from '../repo/departments'
import { loadProjects } from '../repo/projects'
import { loadTeam } from '../repo/teams'
import type { ActionContext } from '../runtime/entry'
import { summarizeProject } from '../shared/summaries'
import { TEMPLATE_KEYS } from '../../src/domain/templates'
import { isLongTerm, templateId } from '../notify/templates'

/** Who the caller is, in at most four parallel reads after the caller's own document. */
export async function whoami(ctx: Pick<ActionContext, 'openid' | 'caller' | 'user' | 'now'>): Promise<WhoAmI> {
  const { caller, user } = ctx
  const [projects, team, department, calendarTasks] = await Promise.all([
    loadProjects(caller.projectIds),
    caller.teamId ? loadTeam(caller.teamId) : null,
    caller.departmentId ? loadDepartment(caller.departmentId) : null,
    caller.roles.includes('manager') ? loadCalendar().then(({ calendar }) => yearsNeedingArrangement(calendar, ctx.now)) : [],
  ])
  const liaisonOf = new Set(user?.liaisonOf ?? [])
  return {
    openid: ctx.openid,
    name: user?.name,
    phone: user?.phone,
    roles: caller.roles,
    team: team ? { _id: team._id, name: team.name } : undefined,
    department: department ? { _id: department._id, name: department.name } : undefined,
    projects: projects.map(summarizeProject),
    unregisteredIn: caller.projectIds.filter((id) => !liaisonOf.has(id)),
    calendarTasks,
    templates: { status: templateId('status'), assigned: templateId('assigned'), reminder: templateId('reminder'), digest: templateId('digest') },
    longTermTemplates: TEMPLATE_KEYS.filter(isLongTerm),
  }
}
