import type * as v from 'valibot'
import { AppError } from '../../src/domain/errors'
import { OPEN_STATES, viewerRole } from '../../src/domain/issue'
import type { listIssuesInput } from '../../src/domain/schemas/issues'
import type { Caller, Issue } from '../../src/domain/types'
import type { IssueCard, Page } from '../../src/domain/views'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { loadCalendar } from '../shared/calendar'
import { issueCard } from '../shared/cards'
import { decodeOffsetCursor, encodeOffsetCursor } from '../shared/paging'
import { issuesCollection } from './store'

type Filter = v.InferOutput<typeof listIssuesInput>

interface Scope {
  projectIds?: string[]
  teamId?: string
  leadDepartmentId?: string
  assistDepartmentIds?: string
}

/** What the caller may see at all; the filter may narrow it, never widen it. */
export function scopeFor(caller: Caller, f: Filter): Scope {
  if (caller.roles.includes('manager')) return {}
  const member = f.projectId !== undefined && caller.projectIds.includes(f.projectId)
  if (caller.roles.includes('staff') && caller.teamId && !member) return { teamId: caller.teamId }
  if (caller.roles.includes('handler') && caller.departmentId && !member) {
    return f.departmentRole === 'assist' ? { assistDepartmentIds: caller.departmentId } : { leadDepartmentId: caller.departmentId }
  }
  if (caller.projectIds.length) return { projectIds: caller.projectIds.slice(0, 100) }
  throw new AppError('FORBIDDEN', '您还没有可查看的问题')
}

/** The query, or null when the filter asks for something outside the caller's scope (an empty page). */
export function whereFor(caller: Caller, f: Filter, now: number): Record<string, unknown> | null {
  const _ = command()
  const scope = scopeFor(caller, f)
  const where: Record<string, unknown> = {}
  const pin = (key: string, allowed: string | undefined, wanted: string | undefined): boolean => {
    if (allowed !== undefined && wanted !== undefined && allowed !== wanted) return false
    const value = wanted ?? allowed
    if (value !== undefined) where[key] = value
    return true
  }
  if (scope.projectIds) {
    if (f.projectId !== undefined && !scope.projectIds.includes(f.projectId)) return null
    where.projectId = f.projectId ?? _.in(scope.projectIds)
  } else if (f.projectId) where.projectId = f.projectId
  if (!pin('teamId', scope.teamId, f.teamId)) return null
  const deptKey = f.departmentRole === 'assist' ? 'assistDepartmentIds' : 'leadDepartmentId'
  if (!pin('leadDepartmentId', scope.leadDepartmentId, deptKey === 'leadDepartmentId' ? f.departmentId : undefined)) return null
  if (!pin('assistDepartmentIds', scope.assistDepartmentIds, deptKey === 'assistDepartmentIds' ? f.departmentId : undefined)) return null
  if (f.state === 'open') where.state = _.in([...OPEN_STATES])
  else if (f.state) where.state = f.state
  if (f.overdue) where['facts.runningDue'] = _.lt(now)
  if (f.supervised !== undefined) where.supervised = f.supervised
  if (f.ladder) where.ladder = f.ladder
  if (f.keyword) where.title = getDb().RegExp({ regexp: f.keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
  return where
}

export async function list(input: Filter, ctx: ActionContext): Promise<Page<IssueCard>> {
  const offset = decodeOffsetCursor(input.cursor)
  const where = whereFor(ctx.caller, input, ctx.now)
  if (!where) return { items: [] }
  const [{ data }, { calendar }] = await Promise.all([
    issuesCollection().where(where).orderBy('raisedAt', 'desc').skip(offset).limit(input.pageSize + 1)
      .field({ timeline: false, facts: false }).get(),
    loadCalendar(),
  ])
  const rows = (data as Issue[]).slice(0, input.pageSize)
  return {
    items: rows.map((i) => issueCard({ ...i, timeline: [] }, viewerRole({ ...i, timeline: [] }, ctx.caller) ?? 'liaison', ctx.now, calendar)),
    nextCursor: data.length > input.pageSize ? encodeOffsetCursor(offset + input.pageSize) : undefined,
  }
}
