import type { WorkCalendar } from '../../src/domain/calendar/types'
import { spansEstimatedYear } from '../../src/domain/calendar/workingTime'
import { isOverdue, ladderFor, runningDeadline, stateLabel } from '../../src/domain/issue'
import type { Issue, Role } from '../../src/domain/types'
import type { IssueCard } from '../../src/domain/views'

/** The list row of an issue as one role reads it. */
export function issueCard(issue: Issue, role: Role, now: number, calendar: WorkCalendar): IssueCard {
  const due = runningDeadline(issue) ?? (issue.state === 'under_review' ? issue.answerDue : undefined)
  return {
    _id: issue._id,
    version: issue.version,
    projectId: issue.projectId,
    title: issue.title,
    category: issue.category,
    state: issue.state,
    label: stateLabel(issue, role, now, calendar),
    ladder: ladderFor(issue, now, calendar),
    supervised: issue.supervised,
    urgency: issue.urgency,
    raisedAt: issue.raisedAt,
    due,
    dueEstimated: due !== undefined ? spansEstimatedYear(calendar, issue.raisedAt, due) : undefined,
    overdue: isOverdue(issue, now),
    repeatOf: issue.repeatOf,
  }
}
