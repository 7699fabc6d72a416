/**
 * The notices of issue steps: decided with the step (src/domain/issue/notices.ts) and stored in the
 * same conditional update, in the issue's `outbox`; sent here — right after the reply by the function
 * that took the step, and by the hourly job for whatever is left (a crash, a busy claim). Each message
 * is claimed before it is sent (server/notify/send.ts), so two drains never send it twice; an outbox
 * entry is removed only once every one of its messages is settled.
 */
import type { PendingNotice } from '../../src/domain/issue/notices'
import { type RollupMark, isRollupMark } from '../../src/domain/metrics/rollup'
import { STATE_NAMES } from '../../src/domain/issue'
import { links } from '../../src/domain/links'
import type { Issue } from '../../src/domain/types'
import { configuredManagers } from '../runtime/caller'
import { maintainRollup } from '../repo/rollups'
import { type Message, isSettled, sendMessages } from '../notify/send'
import { issuesOwingNotices, removeFromOutbox } from '../repo/issueDesk'
import { noticeRecipients } from '../repo/users'

/** What a drain needs of the issue. */
export type NoticeSubject = Pick<Issue, '_id' | 'title' | 'teamId' | 'leadDepartmentId' | 'raisedBy'>

interface People {
  assignee: string[]
  team: string[]
  managers: string[]
}

/** One read: the lead department's handlers, the team's staff, the managers (only those needed). */
async function peopleFor(issue: NoticeSubject, notice: PendingNotice): Promise<People> {
  const audiences = new Set(notice.rules.flatMap((r) => r.to))
  const wantManagers = audiences.has('managers') || notice.supervised
  const wantTeam = audiences.has('team') || audiences.has('assignee')
  const users = await noticeRecipients({
    ...(audiences.has('assignee') && issue.leadDepartmentId ? { handlersOf: issue.leadDepartmentId } : {}),
    ...(wantTeam ? { staffOf: issue.teamId } : {}),
    managers: wantManagers,
  })
  const team = users.filter((u) => u.roles.includes('staff') && u.teamId === issue.teamId).map((u) => u._id)
  const handlers = users.filter((u) => u.roles.includes('handler') && issue.leadDepartmentId && u.departmentId === issue.leadDepartmentId).map((u) => u._id)
  const managers = wantManagers ? [...users.filter((u) => u.roles.includes('manager')).map((u) => u._id), ...configuredManagers()] : []
  // A department without a handler yet is served by the project's team, which acts on its behalf;
  // an issue not yet dispatched (待交办) is the team's own to triage.
  return { assignee: handlers.length ? handlers : team, team, managers }
}

/** The messages of one outbox entry: one per person (the first rule that reaches them decides the template). */
export async function messagesOf(issue: NoticeSubject, notice: PendingNotice): Promise<Message[]> {
  const people = await peopleFor(issue, notice)
  const seen = new Set<string>([notice.by])
  const messages: Message[] = []
  const add = (touser: string, rule: PendingNotice['rules'][number]) => {
    if (!touser || seen.has(touser)) return
    seen.add(touser)
    messages.push({
      id: `${issue._id}_${notice.id}_${touser}`,
      touser,
      key: rule.key,
      page: links.issue({ id: issue._id }),
      fields: { title: issue.title, state: STATE_NAMES[notice.state], note: rule.note, at: notice.at },
      cause: `issue:${issue._id}:${notice.action}:${notice.id}`,
    })
  }
  for (const rule of notice.rules) {
    for (const who of rule.to) for (const id of who === 'raiser' ? [issue.raisedBy] : people[who]) add(id, rule)
  }
  // Supervised issues: managers hear of every step that is announced at all.
  if (notice.supervised) for (const id of people.managers) add(id, notice.rules[0])
  return messages
}

/** Sends one outbox entry's messages; removes the entry once every message is settled. Never throws. */
export async function sendStepNotices(issue: NoticeSubject, notice: PendingNotice, now: number): Promise<boolean> {
  try {
    const results = await sendMessages(await messagesOf(issue, notice), now)
    if (!results.every(isSettled)) return false
    await removeFromOutbox(issue._id, notice.id)
    return true
  } catch (e) {
    console.error('[notify] step notices failed; the hourly drain retries', issue._id, notice.id, e)
    return false
  }
}

/**
 * A retried request found its step already taken: the notices its first attempt left in the outbox
 * (it died before sending them) go after this reply; their claims keep each message single. So does
 * the rollups' move it left (a rollup mark): a move already made changes nothing.
 */
export function sendLeftovers(issue: NoticeSubject & { outbox?: (PendingNotice | RollupMark)[] }, after: (task: () => Promise<unknown>) => void, now: number): void {
  const outbox = issue.outbox ?? []
  for (const notice of outbox) if (!isRollupMark(notice)) after(() => sendStepNotices(issue, notice, now))
  if (outbox.some(isRollupMark)) after(() => maintainRollup(issue._id))
}

const DRAIN_PAGE = 200

/** The hourly drain: every outbox entry left behind (a crash, a claim still in flight, a failed removal). */
export async function drainOutbox(now: number): Promise<{ pending: number; settled: number }> {
  // Entries with rules are notices: issues that only owe a rollup move (server/repo/rollups.ts) do not fill the page.
  const data = await issuesOwingNotices(now, DRAIN_PAGE)
  let pending = 0
  let settled = 0
  for (const issue of data as (NoticeSubject & { outbox: (PendingNotice | RollupMark)[] })[]) {
    // Rollup marks share the outbox; the rollups' own drain moves them (server/repo/rollups.ts).
    for (const notice of (issue.outbox ?? []).filter((e): e is PendingNotice => !isRollupMark(e))) {
      pending++
      if (await sendStepNotices(issue, notice, now)) settled++
    }
  }
  return { pending, settled }
}
