import type { WorkCalendar } from '../../src/domain/calendar/types'
import { addWorkingDays } from '../../src/domain/calendar/workingTime'
import { runningDeadline } from '../../src/domain/issue'
import { ymdOf } from '../../src/domain/time'
import type { Issue, User } from '../../src/domain/types'
import { command, getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'
import { type Message, sendMessages } from '../notify/send'

/**
 * Once a day: remind the assigned departments' handlers (or the team, for departments without
 * one) of issues due by the end of the next working day or already overdue. A `jobs` document
 * per day makes a second run that day a no-op.
 */
export async function dailyReminders(calendar: WorkCalendar, now: number): Promise<{ reminded: number; skipped: boolean }> {
  const db = getDb()
  const _ = command()
  const day = ymdOf(now)
  try {
    await db.collection(COLLECTIONS.jobs).add({ data: { _id: `reminders_${day}`, at: now } })
  } catch (e) {
    if (/duplicate|E11000/i.test(String((e as Error).message))) return { reminded: 0, skipped: true }
    throw e
  }
  const horizon = addWorkingDays(calendar, now, 1)
  const { data } = await db.collection(COLLECTIONS.issues).where({ 'facts.runningDue': _.lte(horizon) })
    .field({ _id: true, title: true, state: true, signForDue: true, answerDue: true, leadDepartmentId: true, teamId: true }).limit(1000).get()
  const due = (data as Issue[]).filter((i) => runningDeadline(i) !== undefined)
  const deptIds = [...new Set(due.map((i) => i.leadDepartmentId).filter(Boolean))] as string[]
  const teamIds = [...new Set(due.map((i) => i.teamId))]
  const people: User[] = due.length
    ? (await db.collection(COLLECTIONS.users).where(_.or([{ departmentId: _.in(deptIds), roles: 'handler' }, { teamId: _.in(teamIds), roles: 'staff' }]))
        .field({ _id: true, departmentId: true, teamId: true, roles: true }).limit(1000).get()).data
    : []
  const messages: Message[] = []
  for (const issue of due) {
    const handlers = people.filter((p) => p.roles.includes('handler') && p.departmentId === issue.leadDepartmentId)
    const to = handlers.length ? handlers : people.filter((p) => p.roles.includes('staff') && p.teamId === issue.teamId)
    const overdue = (runningDeadline(issue) ?? 0) < now
    for (const p of to) {
      messages.push({
        touser: p._id,
        key: 'reminder',
        page: `pages/issue/index?issueId=${issue._id}`,
        fields: { title: issue.title, state: overdue ? '已超期' : '即将到期', note: overdue ? '问题已超期，请尽快办理' : '明天到期，请按时办理', at: runningDeadline(issue) ?? now },
        cause: `reminder:${day}:${issue._id}`,
      })
    }
  }
  await sendMessages(messages, now)
  return { reminded: messages.length, skipped: false }
}
