/** The detail a step or a read answers with: the view for the caller, with links for exactly its files. */
import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import type { IssueDetail } from '../../src/domain/contract/issues'
import type { Issue } from '../../src/domain/types'
import { type Viewer, viewerOf } from '../../src/domain/visibility'
import type { ActionContext } from '../runtime/entry'
import type { DepartmentBook } from '../shared/departments'
import { detailOf, projectName, relatedIssues, viewLinks } from './detail'

/** One parallel round trip: the project's name, the related issues and the file links. */
export async function replyFor(
  issue: Issue,
  ctx: ActionContext,
  known: { calendar: WorkCalendar; departments: DepartmentBook; projectName?: string; actedAs?: Viewer },
): Promise<IssueDetail> {
  const viewer = viewerOf(issue, ctx.caller) ?? known.actedAs
  const { calendar, departments } = known
  const [name, related, links] = await Promise.all([
    known.projectName ?? projectName(issue.projectId),
    relatedIssues(issue),
    viewer ? viewLinks(issue, viewer, ctx.caller, ctx.now, { calendar, departments }) : {},
  ])
  return detailOf(issue, ctx.caller, ctx.now, { calendar, departments, projectName: name, related, links, actedAs: known.actedAs })
}
