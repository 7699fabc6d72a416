import { requireRole, requireVisibleProject } from '../../src/domain/access'
import { OPEN_STATES, issueCardFor } from '../../src/domain/issue'
import { viewerOf } from '../../src/domain/visibility'
import { weekBounds, weekKey } from '../../src/domain/time'
import type { Issue, Visit } from '../../src/domain/types'
import type { ProjectBoard } from '../../src/domain/views'
import { visitIdOf } from '../../src/domain/visits'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { loadCalendar } from '../shared/calendar'
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
  const cards = (list: Issue[]) => list.flatMap((i) => {
    const viewer = viewerOf(i, ctx.caller)
    return viewer ? [issueCardFor(i, viewer, ctx.now, calendar)] : []
  })
  const openIssues = cards(open.data as Issue[])
  return {
    project: ctx.caller.roles.includes('manager') || ctx.caller.roles.includes('staff') ? safeProject : { ...safeProject, history: undefined },
    thisWeek: visit,
    openIssues,
    recentlyClosed: cards(closed.data as Issue[]),
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
