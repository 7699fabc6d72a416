import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { isDigestReminderDay } from '../../src/domain/digest'
import { weekKey, ymdOf } from '../../src/domain/time'
import { activeProjectsDigestState } from '../repo/projects'
import { staffOfTeams } from '../repo/users'
import { type Message, isSettled, sendMessages } from '../notify/send'
import { jobDone, markJobDone } from '../repo/jobs'
import { links } from '../../src/domain/links'

/** The active projects bound to their group (only they have a group to share into) whose card this week was not shared. */
async function projectsNotShared(key: string) {
  return (await activeProjectsDigestState()).filter((p) => p.openGId && p.digestSharedWeek !== key)
}

/**
 * Once a day from Thursday (working days; the week's last working day when 国庆 takes Thursday on):
 * remind the service team of each bound project whose digest card has not been shared into its
 * group this week. One message per person per day (the project, or a count opening the week page),
 * with deterministic record ids, so runs fired twice or after a crash do not repeat it.
 */
export async function digestReminders(calendar: WorkCalendar, now: number): Promise<{ reminded: number; skipped?: 'not_today' | 'done' }> {
  const key = weekKey(now)
  const day = ymdOf(now)
  if (!isDigestReminderDay(calendar, key, now)) return { reminded: 0, skipped: 'not_today' }
  const mark = `digest_${day}`
  if (await jobDone(mark)) return { reminded: 0, skipped: 'done' }
  const projects = await projectsNotShared(key)
  const teamIds = [...new Set(projects.map((p) => p.teamId))]
  const staff = await staffOfTeams(teamIds)
  const messages: Message[] = []
  for (const person of [...staff].sort((a, b) => a._id.localeCompare(b._id))) {
    const mine = projects.filter((p) => p.teamId === person.teamId)
    if (mine.length === 0) continue
    const single = mine.length === 1
    messages.push({
      id: `digest_${day}_${person._id}`,
      touser: person._id,
      key: 'digest',
      page: single ? links.board({ projectId: mine[0]._id, from: 'digest_reminder' }) : links.week({ from: 'digest_reminder' }),
      fields: { title: single ? mine[0].name : `${mine.length}个项目`, state: '待分享', note: '本周周报还未分享到项目群', at: now },
      cause: `digest:${key}:${mine.map((p) => p._id).join(',')}`.slice(0, 500),
    })
  }
  const results = await sendMessages(messages, now)
  if (results.every(isSettled)) await markJobDone(mark, now)
  return { reminded: messages.length }
}
