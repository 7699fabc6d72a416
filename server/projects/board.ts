import { requireRole, requireVisibleProject } from '../../src/domain/access'
import { OPEN_STATES } from '../../src/domain/issue'
import { viewerRole } from '../../src/domain/issue'
import { weekBounds, weekKey } from '../../src/domain/time'
import type { Issue, Role, Visit } from '../../src/domain/types'
import type { ProjectBoard } from '../../src/domain/views'
import { visitIdOf } from '../../src/domain/visits'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { loadCalendar } from '../shared/calendar'
import { issueCard } from '../shared/cards'
import { loadProject } from './manage'

const CARD_FIELDS = { timeline: false, facts: false }

/** The project's board in six parallel reads: project, this week's visit, open and recently closed issues, this week's closures, the calendar. */
export async function board(input: { projectId: string }, ctx: ActionContext): Promise<ProjectBoard> {
  requireRole(ctx.caller, 'projects.board')
  const db = getDb()
  const _ = command()
  const key = weekKey(ctx.now)
  const issues = db.collection(COLLECTIONS.issues)
  const { start } = weekBounds(key)
  const [project, visit, open, closed, closedThisWeek, { calendar }] = await Promise.all([
    loadProject(input.projectId),
    db.collection(COLLECTIONS.visits).doc(visitIdOf(input.projectId, key)).get().then((r: any) => r.data as Visit | null),
    issues.where({ projectId: input.projectId, state: _.in([...OPEN_STATES]) }).orderBy('raisedAt', 'desc').field(CARD_FIELDS).limit(100).get(),
    issues.where({ projectId: input.projectId, state: 'closed' }).orderBy('closedAt', 'desc').field(CARD_FIELDS).limit(5).get(),
    issues.where({ projectId: input.projectId, state: 'closed', closedAt: _.gte(start) }).count().then((r: any) => r.total as number),
    loadCalendar(),
  ])
  const visible = requireVisibleProject(ctx.caller, project)
  const { bindToken: _t, bindTokenExpiresAt: _e, ...safeProject } = visible
  const roleFor = (i: Issue): Role => viewerRole(i, ctx.caller) ?? 'liaison'
  const openIssues = (open.data as Issue[]).map((i) => issueCard(i, roleFor(i), ctx.now, calendar))
  return {
    project: ctx.caller.roles.includes('manager') || ctx.caller.roles.includes('staff') ? safeProject : { ...safeProject, history: undefined },
    thisWeek: visit,
    openIssues,
    recentlyClosed: (closed.data as Issue[]).map((i) => issueCard(i, roleFor(i), ctx.now, calendar)),
    digest: {
      weekKey: key,
      visitStatus: visit?.status ?? 'none',
      // 在办 as everywhere (the dashboard too): open, a linked repeat counted once.
      open: openIssues.filter((c) => !c.repeatOf).length,
      resolvedThisWeek: closedThisWeek,
      overdue: openIssues.filter((c) => c.overdue && !c.repeatOf).length,
    },
  }
}
