import { estimateNotice } from '../../src/domain/calendar'
import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import type { IssueDetail } from '../../src/domain/contract/issues'
import { AppError } from '../../src/domain/errors'
import { availableActions, buildIssueView, issueCardFor, lintReply, stateLabel, visibleFileIds } from '../../src/domain/issue'
import type { Caller, Issue, Role } from '../../src/domain/types'
import { type Viewer, viewerOf } from '../../src/domain/visibility'
import { linksFor } from '../files'
import { deskConfig } from '../shared/config'
import { type DepartmentBook, departmentNames } from '../shared/departments'
import { repeatFamily } from '../repo/issueDesk'
import { projectLabels } from '../repo/projects'

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
  if (!issue || !viewerOf(issue, caller)) throw new AppError('NOT_FOUND', '问题不存在或您无权查看')
  return issue
}

export async function projectName(projectId: string): Promise<string> {
  const [label] = await projectLabels([projectId])
  return label?.name ?? ''
}

/** The other issues of a 重复反映 pair, and the likely original suggested at raise time, in one read. */
export async function relatedIssues(issue: Issue): Promise<Issue[]> {
  const root = issue.repeatOf ?? issue._id
  const suggested = !issue.repeatOf ? issue.suggestedRepeatOf : undefined
  return (await repeatFamily(root, suggested)).filter((i) => i._id !== issue._id)
}

export interface DetailParts {
  calendar: WorkCalendar
  departments: DepartmentBook
  projectName: string
  related: Issue[]
  /** fileID → link for the files this view shows (from viewLinks). */
  links: Record<string, string>
  /**
   * How the caller just acted. A step can take the issue out of the caller's sight (a handler
   * returning it to the dispatcher); the answer to that step still shows the result, as they saw it.
   */
  actedAs?: Viewer
}

/** The label and subscribe wording of each viewer. */
const ROLE_OF: Record<Viewer, Role> = { liaison: 'liaison', staff: 'staff', lead: 'handler', assist: 'handler', manager: 'manager' }
/** The viewer a step's actor reads the result as. */
export const VIEWER_OF_ROLE: Record<Role, Viewer> = { liaison: 'liaison', staff: 'staff', handler: 'lead', manager: 'manager' }

function viewCtx(issue: Issue, caller: Caller, now: number, parts: Pick<DetailParts, 'calendar' | 'departments'>) {
  const names = departmentNames(parts.departments, issueDepartmentIds(issue))
  return { now, calendar: parts.calendar, openid: caller.openid, departmentName: (id: string) => names[id] ?? '（部门）' }
}

/** Links for exactly the files the viewer's view shows: one storage call. */
export async function viewLinks(issue: Issue, viewer: Viewer, caller: Caller, now: number, parts: Pick<DetailParts, 'calendar' | 'departments'>): Promise<Record<string, string>> {
  const ids = visibleFileIds(issue, viewer, viewCtx(issue, caller, now, parts))
  return ids.length ? linksFor(ids) : {}
}

export function detailOf(issue: Issue, caller: Caller, now: number, parts: DetailParts): IssueDetail {
  const viewer = viewerOf(issue, caller) ?? parts.actedAs ?? null
  if (!viewer) throw new AppError('NOT_FOUND', '问题不存在或您无权查看')
  const role = ROLE_OF[viewer]
  const ctx = { now, calendar: parts.calendar, config: deskConfig(), departmentHasHandler: parts.departments.hasHandler }
  const reviewer = viewer === 'staff' || viewer === 'manager'
  const lastDue = Math.max(issue.answerDue ?? 0, issue.signForDue ?? 0, issue.triageDue ?? 0)
  return {
    issue: buildIssueView(issue, viewer, { ...viewCtx(issue, caller, now, parts), links: parts.links }),
    viewer,
    role,
    label: stateLabel(issue, role, now, parts.calendar),
    actions: availableActions(issue, caller, ctx),
    departments: departmentNames(parts.departments, issueDepartmentIds(issue)),
    projectName: parts.projectName,
    lint: reviewer && issue.state === 'under_review' && issue.answer ? lintReply(issue.answer.text) : [],
    estimateNotice: lastDue ? estimateNotice(parts.calendar, issue.raisedAt, lastDue) : undefined,
    related: parts.related.flatMap((r) => {
      const v = viewerOf(r, caller)
      return v ? [issueCardFor(r, v, now, parts.calendar)] : []
    }),
  }
}
