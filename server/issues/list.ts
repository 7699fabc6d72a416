import type * as v from 'valibot'
import { AppError } from '../../src/domain/errors'
import { ALL_STATES, OPEN_STATES, caseNoQuery, caseYearOf, formatCaseNo, issueCardFor } from '../../src/domain/issue'
import { viewerOf } from '../../src/domain/visibility'
import type { listIssuesInput } from '../../src/domain/schemas/issues'
import type { Caller } from '../../src/domain/types'
import type { IssueCard, Page } from '../../src/domain/views'
import type { ActionContext } from '../runtime/entry'
import { loadCalendar } from '../repo/calendars'
import { decodeOffsetCursor, encodeOffsetCursor } from '../shared/paging'
import { type IssueQuery, issuesPage } from '../repo/issueDesk'

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
export function queryFor(caller: Caller, f: Filter, now: number): IssueQuery | null {
  const scope = scopeFor(caller, f)
  const where: IssueQuery = {}
  const pin = (key: 'teamId' | 'leadDepartmentId' | 'assistDepartmentIds', allowed: string | undefined, wanted: string | undefined): boolean => {
    if (allowed !== undefined && wanted !== undefined && allowed !== wanted) return false
    const value = wanted ?? allowed
    if (value !== undefined) where[key] = value
    return true
  }
  if (scope.projectIds) {
    if (f.projectId !== undefined && !scope.projectIds.includes(f.projectId)) return null
    if (f.projectId !== undefined) where.projectId = f.projectId
    else where.projectIds = scope.projectIds
  } else if (f.projectId) where.projectId = f.projectId
  if (!pin('teamId', scope.teamId, f.teamId)) return null
  const deptKey = f.departmentRole === 'assist' ? 'assistDepartmentIds' : 'leadDepartmentId'
  if (!pin('leadDepartmentId', scope.leadDepartmentId, deptKey === 'leadDepartmentId' ? f.departmentId : undefined)) return null
  if (!pin('assistDepartmentIds', scope.assistDepartmentIds, deptKey === 'assistDepartmentIds' ? f.departmentId : undefined)) return null
  if (f.state === 'open') where.states = OPEN_STATES
  else if (f.state) where.state = f.state
  if (f.overdue) where.runningDueBefore = now
  if (f.supervised !== undefined) where.supervised = f.supervised
  if (f.ladder) where.ladder = f.ladder
  // 督办 filters ride on the (state, raisedAt) index: name every state when the filter names none.
  if ((f.supervised !== undefined || f.ladder) && where.state === undefined && where.states === undefined) where.states = ALL_STATES
  if (f.keyword) {
    // A case number (2026-000123, or its last digits) finds the case; any other word searches titles.
    const caseNo = caseNoQuery(f.keyword)
    if (caseNo && 'exact' in caseNo) where.caseNos = [caseNo.exact]
    else if (caseNo) where.caseNos = [0, 1].map((back) => formatCaseNo(caseYearOf(now) - back, Number(caseNo.suffix)))
    else where.titleContains = f.keyword
  }
  return where
}

export async function list(input: Filter, ctx: ActionContext): Promise<Page<IssueCard>> {
  const offset = decodeOffsetCursor(input.cursor)
  const query = queryFor(ctx.caller, input, ctx.now)
  if (!query) return { items: [] }
  const [data, { calendar }] = await Promise.all([issuesPage(query, offset, input.pageSize + 1), loadCalendar()])
  const rows = data.slice(0, input.pageSize)
  return {
    items: rows.flatMap((i) => {
      const viewer = viewerOf(i, ctx.caller)
      return viewer ? [issueCardFor(i, viewer, ctx.now, calendar)] : []
    }),
    nextCursor: data.length > input.pageSize ? encodeOffsetCursor(offset + input.pageSize) : undefined,
  }
}
