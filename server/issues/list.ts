import type * as v from 'valibot'
import { AppError } from '../../src/domain/errors'
import { ALL_STATES, OPEN_STATES, caseNoQuery, caseYearOf, formatCaseNo, issueCardFor } from '../../src/domain/issue'
import { viewerOf } from '../../src/domain/visibility'
import type { listIssuesInput } from '../../src/domain/schemas/issues'
import type { Caller, Issue } from '../../src/domain/types'
import type { IssueCard, Page } from '../../src/domain/views'
import { command, getDb } from '../runtime/cloud'
import type { ActionContext } from '../runtime/entry'
import { loadCalendar } from '../repo/calendars'
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
  // 督办 filters ride on the (state, raisedAt) index: name every state when the filter names none.
  if ((f.supervised !== undefined || f.ladder) && where.state === undefined) where.state = _.in([...ALL_STATES])
  if (f.keyword) {
    // A case number (2026-000123, or its last digits) finds the case; any other word searches titles.
    const caseNo = caseNoQuery(f.keyword)
    const escaped = f.keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    if (caseNo && 'exact' in caseNo) where.caseNo = caseNo.exact
    else if (caseNo) where.caseNo = _.in([0, 1].map((back) => formatCaseNo(caseYearOf(now) - back, Number(caseNo.suffix))))
    else where.title = getDb().RegExp({ regexp: escaped, options: 'i' })
  }
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
    items: rows.flatMap((i) => {
      const viewer = viewerOf(i, ctx.caller)
      return viewer ? [issueCardFor({ ...i, timeline: [] }, viewer, ctx.now, calendar)] : []
    }),
    nextCursor: data.length > input.pageSize ? encodeOffsetCursor(offset + input.pageSize) : undefined,
  }
}
