import type * as v from 'valibot'
import { requireRole } from '../runtime/guards'
import { estimateNotice } from '../../src/domain/calendar'
import type { DashboardView } from '../../src/domain/contract/dashboard'
import {
  type AggregateRow,
  type GroupBy,
  type Period,
  type VisitAggregateRow,
  MAX_ROWS,
  activeProjectWeeks,
  metricsByFromAggregate,
  metricsFromAggregate,
  metricsPipeline,
  visitsPipeline,
  type WeeklyRow,
  weeklyFromAggregate,
  weeklyPipelines,
} from '../../src/domain/metrics'
import { resolvePeriod } from '../../src/domain/period'
import type { summaryInput } from '../../src/domain/schemas/dashboard'
import type { Department, Project, Team } from '../../src/domain/types'
import { getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { COLLECTIONS } from '../repo/collections'
import { loadCalendar } from '../repo/calendars'
import { runPipeline } from './aggregate'

export async function allProjects(): Promise<Project[]> {
  const { data } = await getDb().collection(COLLECTIONS.projects).field({ _id: true, teamId: true, status: true, createdAt: true, name: true })
    .orderBy('createdAt', 'asc').limit(1000).get()
  return data
}

/** Opened and closed per ISO week (the weekly chart), by the domain's two pipelines. */
async function weeklyChart(period: Period): Promise<WeeklyRow[]> {
  const issues = getDb().collection(COLLECTIONS.issues)
  const stages = weeklyPipelines(period)
  type Row = { _id: string | null; n: number }
  const [opened, closed] = await Promise.all([runPipeline<Row>(issues, stages.opened), runPipeline<Row>(issues, stages.closed)])
  return weeklyFromAggregate(period, opened, closed)
}

async function groupNames(groupBy: GroupBy | undefined, projects: Project[]): Promise<(key: string | null) => string> {
  if (!groupBy) return () => ''
  if (groupBy === 'week') return (k) => k ?? '—'
  if (groupBy === 'project') {
    const byId = new Map(projects.map((p) => [p._id, p.name]))
    return (k) => (k ? byId.get(k) ?? k : '—')
  }
  const collection = groupBy === 'department' ? COLLECTIONS.departments : COLLECTIONS.teams
  const { data } = await getDb().collection(collection).limit(200).get()
  const byId = new Map((data as (Department | Team)[]).map((d) => [d._id, d.name]))
  return (k) => (k ? byId.get(k) ?? k : groupBy === 'department' ? '未交办' : '—')
}

/** The managers' dashboard in a constant number of database calls, whatever the data size. */
export async function summary(input: v.InferOutput<typeof summaryInput>, ctx: ActionContext): Promise<DashboardView> {
  requireRole(ctx.caller, 'dashboard.summary')
  const db = getDb()
  const { groupBy } = input
  const period = resolvePeriod(input.period, ctx.now)
  const [rows, visitRows, projects, weekly, { calendar }] = await Promise.all([
    runPipeline<AggregateRow>(db.collection(COLLECTIONS.issues), metricsPipeline(period, ctx.now, groupBy)),
    runPipeline<VisitAggregateRow>(db.collection(COLLECTIONS.visits), visitsPipeline(period, ctx.now)),
    allProjects(),
    weeklyChart(period),
    loadCalendar(),
  ])
  const active = activeProjectWeeks(projects, period, ctx.now)
  // By department / team / project each issue falls in exactly one row and every counter is a $sum, so the
  // zone is the rows added up (metricsFromAggregate adds rows of one key): no second pass over the issues.
  // By week an issue is split over several rows and some counters are not dated: the zone needs its own pass,
  // as it does if the breakdown hit the row cap.
  const zoneRows = !groupBy
    ? rows
    : groupBy !== 'week' && rows.length < MAX_ROWS
      ? rows.map((r) => ({ ...r, _id: null }))
      : await runPipeline<AggregateRow>(db.collection(COLLECTIONS.issues), metricsPipeline(period, ctx.now))
  const dashboard = metricsFromAggregate(zoneRows, visitRows, active, period, ctx.now)
  const name = await groupNames(groupBy, projects)
  return {
    dashboard,
    rows: groupBy
      ? metricsByFromAggregate(groupBy, rows, visitRows, active, period, ctx.now).map((r) => ({ ...r, name: name(r.key) }))
      : undefined,
    weekly,
    estimateNotice: estimateNotice(calendar, period.from, period.to),
  }
}
