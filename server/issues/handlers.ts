/** Reading one issue: the caller, the issue, the calendar and the departments at once; then the reply's reads. */
import { type ActionContext, type PrefetchContext, withPrefetch } from '../runtime/entry'
import { loadCalendar } from '../repo/calendars'
import { loadAllDepartments } from '../shared/departments'
import { requireVisibleIssue } from './detail'
import { replyFor } from './reply'
import { loadIssue } from '../repo/issueDesk'

async function prefetch(input: { issueId: string }, _at: PrefetchContext) {
  const [issue, { calendar }, departments] = await Promise.all([loadIssue(input.issueId), loadCalendar(), loadAllDepartments()])
  return { issue, calendar, departments }
}

export const get = withPrefetch({
  prefetch,
  run: (_input: { issueId: string }, ctx: ActionContext, pre: Awaited<ReturnType<typeof prefetch>>) =>
    replyFor(requireVisibleIssue(pre.issue, ctx.caller), ctx, { calendar: pre.calendar, departments: pre.departments }),
})
