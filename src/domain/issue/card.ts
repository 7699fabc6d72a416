/** The list row of an issue as one viewer reads it (boards, queues, drills, related issues), through the visibility table. */
import type { WorkCalendar } from '../calendar/workCalendar'
import { maskPhonesIn } from '../masking'
import type { Issue } from '../types'
import type { IssueCard } from '../views'
import { type Viewer, issueExposure } from '../visibility'
import { dueView } from './due'
import { isOverdue, ladderFor } from './ladder'
import { stateLabel } from './labels'

/** The label wording follows the viewer: departments read the handler's words. */
const LABEL_ROLE = { liaison: 'liaison', staff: 'staff', lead: 'handler', assist: 'handler', manager: 'manager' } as const

export function issueCardFor(issue: Issue, viewer: Viewer, now: number, calendar: WorkCalendar): IssueCard {
  const title = issueExposure('texts', viewer) === 'masked' ? maskPhonesIn(issue.title) : issue.title
  const due = dueView(issue, now, calendar)
  return {
    _id: issue._id,
    caseNo: issue.caseNo ?? issue._id.slice(-6),
    version: issue.version,
    projectId: issue.projectId,
    title,
    category: issue.category,
    state: issue.state,
    label: stateLabel(issue, LABEL_ROLE[viewer], now, calendar),
    ...(issueExposure('supervision', viewer) !== 'absent' ? { ladder: ladderFor(issue, now, calendar), supervised: issue.supervised } : {}),
    urgency: issue.urgency,
    raisedAt: issue.raisedAt,
    ...(due ? { due } : {}),
    ...(issue.dueEstimated ? { dueEstimated: true } : {}),
    overdue: isOverdue(issue, now),
    ...(issue.repeatOf ? { repeatOf: issue.repeatOf } : {}),
  }
}
