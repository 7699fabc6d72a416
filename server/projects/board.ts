import { requireRole, requireVisibleProject } from '../runtime/guards'
import { issueCardFor } from '../../src/domain/issue'
import { viewerOf, visitViewerOf } from '../../src/domain/visibility'
import { weekBounds, weekKey } from '../../src/domain/time'
import type { Visit } from '../../src/domain/types'
import type { ProjectBoard } from '../../src/domain/views'
import { visitIdOf } from '../../src/domain/visits'
import type { ActionContext } from '../runtime/entry'
import { loadCalendar } from '../repo/calendars'
import { type IssueHead, countClosedSince, latestClosedOfProject, openIssuesOfProject } from '../repo/issues'
import { loadProject } from '../repo/projects'
import { latestDoneVisits, loadVisit } from '../repo/visits'
import { type VisitSummary, visitSummary } from '../../src/domain/visitRecord'

/** How many completed visits the board's 走访记录 shows (the visit list has them all). */
const RECENT_VISITS = 3

/**
 * The project's board in seven parallel reads: project, this week's visit, the latest completed
 * visits, open and recently closed issues, this week's closures, the calendar. Visits are summaries
 * built through VISIT_VISIBILITY, as the caller may read them.
 */
export async function board(input: { projectId: string }, ctx: ActionContext): Promise<ProjectBoard> {
  requireRole(ctx.caller, 'projects.board')
  const key = weekKey(ctx.now)
  const { start } = weekBounds(key)
  const [project, visit, recent, open, closed, closedThisWeek, { calendar }] = await Promise.all([
    loadProject(input.projectId),
    loadVisit(visitIdOf(input.projectId, key)),
    latestDoneVisits(input.projectId, RECENT_VISITS),
    openIssuesOfProject(input.projectId),
    latestClosedOfProject(input.projectId, 5),
    countClosedSince(input.projectId, start),
    loadCalendar(),
  ])
  const visible = requireVisibleProject(ctx.caller, project)
  const { bindToken: _t, bindTokenExpiresAt: _e, ...safeProject } = visible
  const cards = (list: IssueHead[]) => list.flatMap((head) => {
    const issue = { ...head, timeline: [] }
    const viewer = viewerOf(issue, ctx.caller)
    return viewer ? [issueCardFor(issue, viewer, ctx.now, calendar)] : []
  })
  const openIssues = cards(open)
  // A project member who is not a liaison (none today: members are liaisons) reads no visit.
  const visitViewer = visitViewerOf(visible, ctx.caller)
  const summary = (x: Visit) => (visitViewer ? visitSummary(x, visitViewer, visible.location) : null)
  return {
    project: ctx.caller.roles.includes('manager') || ctx.caller.roles.includes('staff') ? safeProject : { ...safeProject, history: undefined },
    thisWeek: visit ? summary(visit) : null,
    recentVisits: recent.map(summary).filter((x): x is VisitSummary => !!x),
    openIssues,
    recentlyClosed: cards(closed),
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
