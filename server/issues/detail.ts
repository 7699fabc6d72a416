import { estimateNotice } from '../../src/domain/calendar'
import type { WorkCalendar } from '../../src/domain/calendar/types'
import type { IssueDetail } from '../../src/domain/contract/issues'
import { AppError } from '../../src/domain/errors'
import { availableActions, lintReply, redactForDepartment, stateLabel, viewIssueFor, viewerRole } from '../../src/domain/issue'
import type { Caller, Issue, Role } from '../../src/domain/types'
import { getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'
import { issueCard } from '../shared/cards'
import { deskConfig } from '../shared/config'
import { type DepartmentBook, departmentNames } from '../shared/departments'
import { issuesCollection } from './store'

/** Every department an issue mentions: lead, assisting, and those in its timeline. */
export function issueDepartmentIds(issue: Issue): string[] {
  const ids = [issue.leadDepartmentId ?? '', ...issue.assistDepartmentIds]
  for (const e of issue.timeline) {
    if (e.onBehalfOf) ids.push(e.onBehalfOf)
    const d = e.data as Record<string, unknown> | undefined
    for (const key of ['leadDepartmentId', 'previousLeadDepartmentId', 'departmentId']) if (typeof d?.[key] === 'string') ids.push(d[key] as string)
    if (Array.isArray(d?.assistDepartmentIds)) ids.push(...(d.assistDepartmentIds as string[]))
  }
  return [...new Set(ids.filter(Boolean))]
}

/** The issue as the caller may see it; NOT_FOUND (not FORBIDDEN) so a probe by id learns nothing. */
export function requireVisibleIssue(issue: Issue | null, caller: Caller): Issue {
  if (!issue || !viewerRole(issue, caller)) throw new AppError('NOT_FOUND', '问题不存在或您无权查看')
  return issue
}

export async function projectName(projectId: string): Promise<string> {
  const { data } = await getDb().collection(COLLECTIONS.projects).doc(projectId).field({ name: true }).get()
  return (data as { name?: string } | null)?.name ?? ''
}

/** The other issues of a 重复反映 pair, and the likely original suggested at raise time, in one read. */
export async function relatedIssues(issue: Issue): Promise<Issue[]> {
  const _ = getDb().command
  const root = issue.repeatOf ?? issue._id
  const suggested = !issue.repeatOf && issue.suggestedRepeatOf ? [{ _id: issue.suggestedRepeatOf }] : []
  const { data } = await issuesCollection()
    .where(_.or([{ _id: root }, { repeatOf: root }, ...suggested]))
    .field({ timeline: false, facts: false })
    .limit(20)
    .get()
  return (data as Issue[]).filter((i) => i._id !== issue._id)
}

export interface DetailParts {
  calendar: WorkCalendar
  departments: DepartmentBook
  projectName: string
  related: Issue[]
  /**
   * The role the caller just acted in. A step can take the issue out of the caller's sight (a
   * handler returning it to the dispatcher); the answer to that step still shows the result.
   */
  actedAs?: Role
}

export function detailOf(issue: Issue, caller: Caller, now: number, parts: DetailParts): IssueDetail {
  const role = viewerRole(issue, caller) ?? parts.actedAs ?? null
  const viewed = viewIssueFor(issue, caller)
  if (!role) throw new AppError('NOT_FOUND', '问题不存在或您无权查看')
  const visible = viewed.ok ? viewed.value : role === 'handler' ? redactForDepartment(issue) : issue
  const ctx = { now, calendar: parts.calendar, config: deskConfig(), departmentHasHandler: parts.departments.hasHandler }
  const reviewer = role === 'staff' || role === 'manager'
  const lastDue = Math.max(issue.answerDue ?? 0, issue.signForDue ?? 0)
  return {
    issue: visible,
    role,
    label: stateLabel(issue, role, now, parts.calendar),
    actions: availableActions(issue, caller, ctx),
    departments: departmentNames(parts.departments, issueDepartmentIds(issue)),
    projectName: parts.projectName,
    lint: reviewer && issue.state === 'under_review' && issue.answer ? lintReply(issue.answer.text) : [],
    estimateNotice: lastDue ? estimateNotice(parts.calendar, issue.raisedAt, lastDue) : undefined,
    related: parts.related.filter((r) => viewerRole(r, caller)).map((r) => issueCard(r, viewerRole(r, caller)!, now, parts.calendar)),
  }
}
