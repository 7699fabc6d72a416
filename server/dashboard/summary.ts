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
import type { Department, Project, Team } from '../../src/domain/types'
import { getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { loadCalendar } from '../repo/calendars'
import { readRollups } from '../repo/rollups'
import { runPipeline } from './aggregate'

export async function allProjects(): Promise<Project[]> {
  const { data } = await getDb().collection(COLLECTIONS.projects).field({ _id: true, teamId: true, status: true, createdAt: true, name: true })
    .orderBy('createdAt', 'asc').limit(1000).get()
  return data
}

const LIVE_PAGE = 1000
const LIVE_PAGES = 20

/** The facts of the issues a live match finds (the cut days of a period, the hour holding now): bounded sets. */
async function liveFacts(match: Record<string, unknown> | null): Promise<IssueFacts[]> {
  if (!match) return []
  const out: IssueFacts[] = []
  for (let page = 0; page < LIVE_PAGES; page++) {
    const rows = await runPipeline<{ facts: IssueFacts }>(getDb().collection(COLLECTIONS.issues), [
      { $match: match },
      { $sort: { _id: 1 } },
      { $skip: page * LIVE_PAGE },
      { $limit: LIVE_PAGE },
      { $project: { _id: 0, facts: 1 } },
    ])
    out.push(...rows.map((r) => r.facts))
    if (rows.length < LIVE_PAGE) break
  }
  return out
}

async function groupNames(groupBy: GroupBy | undefined, projects: Promise<Project[]>): Promise<(key: string | null) => string> {
  if (!groupBy) return () => ''
  if (groupBy === 'week') return (k) => k ?? '—'
  if (groupBy === 'project') {
    const byId = new Map((await projects).map((p) => [p._id, p.name]))
    return (k) => (k ? byId.get(k) ?? k : '—')
  }
  const collection = groupBy === 'department' ? COLLECTIONS.departments : COLLECTIONS.teams
  const { data } = await getDb().collection(collection).limit(200).get()
  const byId = new Map((data as (Department | Team)[]).map((d) => [d._id, d.name]))
  return (k) => (k ? byId.get(k) ?? k : groupBy === 'department' ? '未交办' : '—')
}

/**
 * The managers' dashboard from the rollups (server/repo/rollups.ts): the period's months of one view and its
 * now documents, plus two bounded live reads of the issues (the days the period cuts, the hour holding
 * now), all in one parallel round — whatever the number of issues.
 */
export async function summary(input: v.InferOutput<typeof summaryInput>, ctx: ActionContext): Promise<DashboardView> {
  requireRole(ctx.caller, 'dashboard.summary')
  const db = getDb()
  const { groupBy } = input
  const period = resolvePeriod(input.period, ctx.now)
  const plan = rollupPlan(period, ctx.now)
  const projects = allProjects()
  const [docs, edges, hour, visitRows, active, { calendar }, name] = await Promise.all([
    readRollups(viewFor(groupBy), plan.buckets),
    liveFacts(liveEdgeMatch(plan.edges)),
    liveFacts(liveHourMatch(plan.hour)),
    runPipeline<VisitAggregateRow>(db.collection(COLLECTIONS.visits), visitsPipeline(period, ctx.now)),
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
