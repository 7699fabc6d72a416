import type * as v from 'valibot'
import { requireRole } from '../runtime/guards'
import { issueCardFor } from '../../src/domain/issue'
import { type IssueFacts, drill as drillFacts, matchStage } from '../../src/domain/metrics'
import { resolvePeriod } from '../../src/domain/period'
import type { drillInput } from '../../src/domain/schemas/dashboard'
import type { Issue } from '../../src/domain/types'
import type { IssueCard } from '../../src/domain/views'
import type { ActionContext } from '../runtime/entry'
import { loadCalendar } from '../repo/calendars'
import { factsMatching } from '../repo/issueDesk'
import { issueHeadsByIds } from '../repo/issues'

const MAX_PAGES = 20
const MAX_ITEMS = 200

/** Facts of every issue that can count in the period (the same narrowing as the metrics pipeline). */
export async function candidateFacts(period: { from: number; to: number }): Promise<IssueFacts[]> {
  return factsMatching(matchStage(period, true), MAX_PAGES)
}

/** The issues behind a dashboard figure, newest first. */
export async function drill(input: v.InferOutput<typeof drillInput>, ctx: ActionContext): Promise<{ total: number; items: IssueCard[] }> {
  requireRole(ctx.caller, 'dashboard.drill')
  const period = resolvePeriod(input.period, ctx.now)
  const [facts, { calendar }] = await Promise.all([candidateFacts(period), loadCalendar()])
  const group = input.groupBy && input.groupKey !== undefined ? { by: input.groupBy, key: input.groupKey } : undefined
  const ids = drillFacts(facts, input.metric, input.part, period, ctx.now, group)
  const raisedAt = new Map(facts.map((f) => [f.issueId, f.raisedAt]))
  const newest = [...ids].sort((a, b) => (raisedAt.get(b) ?? 0) - (raisedAt.get(a) ?? 0)).slice(0, MAX_ITEMS)
  if (newest.length === 0) return { total: ids.length, items: [] }
  const byId = new Map<string, Issue>((await issueHeadsByIds(newest, MAX_ITEMS)).map((i) => [i._id, { ...i, timeline: [] }]))
  const items = newest.map((id) => byId.get(id)).filter((i): i is Issue => !!i)
    .map((i) => issueCardFor(i, 'manager', ctx.now, calendar))
  return { total: ids.length, items }
}
