import type * as v from 'valibot'
import { requireRole } from '../runtime/guards'
import { estimateNotice } from '../../src/domain/calendar'
import type { DashboardView } from '../../src/domain/contract/dashboard'
import {
  type GroupBy,
  type IssueFacts,
  type VisitAggregateRow,
  activeProjectWeeks,
  dashboardFromRollups,
  liveEdgeMatch,
  liveHourMatch,
  metricsByFromRollups,
  rollupPlan,
  viewFor,
  visitFactsFromAggregate,
  visitsPipeline,
  weeklyFromRollups,
} from '../../src/domain/metrics'
import { resolvePeriod } from '../../src/domain/period'
import type { summaryInput } from '../../src/domain/schemas/dashboard'
import type { ActionContext } from '../runtime/entry'
import { loadCalendar } from '../repo/calendars'
import { readRollups } from '../repo/rollups'
import { runPipeline } from '../repo/aggregate'
import { COLLECTIONS } from '../repo/collections'
import { departmentNamesInOrder } from '../repo/departments'
import { factsMatching } from '../repo/issueDesk'
import { type RosterProject, projectRoster } from '../repo/projects'
import { teamNames } from '../repo/teams'

const LIVE_PAGES = 20

/** The facts of the issues a live match finds (the cut days of a period, the hour holding now): bounded sets. */
async function liveFacts(match: Record<string, unknown> | null): Promise<IssueFacts[]> {
  return match ? factsMatching({ $match: match }, LIVE_PAGES) : []
}

async function groupNames(groupBy: GroupBy | undefined, projects: Promise<RosterProject[]>): Promise<(key: string | null) => string> {
  if (!groupBy) return () => ''
  if (groupBy === 'week') return (k) => k ?? '—'
  if (groupBy === 'project') {
    const byId = new Map((await projects).map((p) => [p._id, p.name]))
    return (k) => (k ? byId.get(k) ?? k : '—')
  }
  const names = groupBy === 'department' ? await departmentNamesInOrder() : await teamNames()
  const byId = new Map(names.map((d) => [d._id, d.name]))
  return (k) => (k ? byId.get(k) ?? k : groupBy === 'department' ? '未交办' : '—')
}

/**
 * The managers' dashboard from the rollups (server/repo/rollups.ts): the period's months of one view and its
 * now documents, plus two bounded live reads of the issues (the days the period cuts, the hour holding
 * now), all in one parallel round — whatever the number of issues.
 */
export async function summary(input: v.InferOutput<typeof summaryInput>, ctx: ActionContext): Promise<DashboardView> {
  requireRole(ctx.caller, 'dashboard.summary')
  const { groupBy } = input
  const period = resolvePeriod(input.period, ctx.now)
  const plan = rollupPlan(period, ctx.now)
  const projects = projectRoster()
  const [docs, edges, hour, visitRows, active, { calendar }, name] = await Promise.all([
    readRollups(viewFor(groupBy), plan.buckets),
    liveFacts(liveEdgeMatch(plan.edges)),
    liveFacts(liveHourMatch(plan.hour)),
    runPipeline<VisitAggregateRow>(COLLECTIONS.visits, visitsPipeline(period, ctx.now)),
    projects.then((ps) => activeProjectWeeks(ps, period, ctx.now)),
    loadCalendar(),
    groupNames(groupBy, projects),
  ])
  const live = { edges, hour }
  const coverage = { visits: visitFactsFromAggregate(visitRows), active }
  return {
    dashboard: dashboardFromRollups(docs, live, coverage, period, ctx.now),
    rows: groupBy
      ? metricsByFromRollups(groupBy, docs, live, coverage, period, ctx.now).map((r) => ({ ...r, name: name(r.key) }))
      : undefined,
    weekly: weeklyFromRollups(docs, live, period, ctx.now),
    estimateNotice: estimateNotice(calendar, period.from, period.to),
  }
}
