import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { nextWorkingDay } from '../../src/domain/calendar/workingTime'
import { runningDeadline } from '../../src/domain/issue'
import { links } from '../../src/domain/links'
import { DAY_MS, startOfDay, ymdOf } from '../../src/domain/time'
import { type DueIssue, issuesDueBy } from '../repo/issues'
import { handlersAndStaff } from '../repo/users'
import { type Message, isSettled, sendMessages } from '../notify/send'
import { dayText } from '../notify/templates'
import { jobDone, markJobDone } from '../repo/jobs'

export interface ReminderReport {
  reminded: number
  skipped?: 'rest_day' | 'done'
}

/** Where an issue stands against its running deadline on `today`. */
export function dueKind(due: number, today: string, now: number): 'overdue' | 'today' | 'next_working_day' {
  if (due <= now) return 'overdue'
  return due <= startOfDay(today) + DAY_MS ? 'today' : 'next_working_day'
}

function noteFor(kinds: ReturnType<typeof dueKind>[], due: number): string {
  if (kinds.length === 1) {
    if (kinds[0] === 'overdue') return '问题已超期，请尽快办理'
    if (kinds[0] === 'today') return '今天到期，请按时办理'
    return `${dayText(due)}到期，请按时办理`
  }
  const overdue = kinds.filter((k) => k === 'overdue').length
  return overdue ? `其中${overdue}件已超期，请尽快办理` : '即将到期，请按时办理'
}

/**
 * Once a working day (rest days and holidays send nothing): remind the lead departments' handlers
 * — or the team, for a department without one — of the issues due by the end of the next working
 * day or already overdue. Across 国庆 the last working day before the holiday reminds of what is
 * due on the first one after it, and names that date.
 *
 * One message per person per day (a one-time credit buys one message): the issue, or a count
 * that opens the work queue. Each message has a deterministic record id, so a second run that day —
 * or a rerun after a crash — sends only what is missing; a mark makes later runs that day cheap.
 */
export async function dailyReminders(calendar: WorkCalendar, now: number): Promise<ReminderReport> {
  const day = ymdOf(now)
  if (!calendar.isWorkingDay(day)) return { reminded: 0, skipped: 'rest_day' }
  const mark = `reminders_${day}`
  if (await jobDone(mark)) return { reminded: 0, skipped: 'done' }
  const horizon = startOfDay(nextWorkingDay(calendar, day)) + DAY_MS
  const due = (await issuesDueBy(horizon)).filter((i) => runningDeadline(i) !== undefined)
  const deptIds = [...new Set(due.map((i) => i.leadDepartmentId).filter(Boolean))] as string[]
  const teamIds = [...new Set(due.map((i) => i.teamId))]
  const people = await handlersAndStaff(deptIds, teamIds)
  const perPerson = new Map<string, DueIssue[]>()
  for (const issue of due) {
    const handlers = people.filter((p) => p.roles.includes('handler') && p.departmentId === issue.leadDepartmentId)
    const to = handlers.length ? handlers : people.filter((p) => p.roles.includes('staff') && p.teamId === issue.teamId)
    for (const p of to) perPerson.set(p._id, [...(perPerson.get(p._id) ?? []), issue])
  }
  const messages: Message[] = []
  for (const [touser, issues] of [...perPerson].sort(([a], [b]) => a.localeCompare(b))) {
    issues.sort((a, b) => (runningDeadline(a) as number) - (runningDeadline(b) as number) || a._id.localeCompare(b._id))
    const first = issues[0]
    const firstDue = runningDeadline(first) as number
    const kinds = issues.map((i) => dueKind(runningDeadline(i) as number, day, now))
    const single = issues.length === 1
    messages.push({
      id: `reminder_${day}_${touser}`,
      touser,
      key: 'reminder',
      page: single ? links.issue({ id: first._id }) : links.queue({ from: 'reminder' }),
      fields: {
        title: single ? first.title : `${issues.length}件问题待办理`,
        state: kinds.includes('overdue') ? '已超期' : '即将到期',
        note: noteFor(kinds, firstDue),
        at: firstDue,
      },
      cause: `reminder:${day}:${issues.map((i) => i._id).join(',')}`.slice(0, 500),
    })
  }
  const results = await sendMessages(messages, now)
  // Only when every message has its record: a bookkeeping failure leaves the day open for a rerun.
  if (results.every(isSettled)) await markJobDone(mark, now)
  return { reminded: messages.length }
}
