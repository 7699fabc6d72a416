/**
 * Who hears of an issue's step. A step may notify several audiences, each with its own template
 * and wording: the raiser (status of their issue), the assignee (the lead department's handlers,
 * or the project's team where that department has no handler yet), the project's team, and
 * managers — for steps addressed to them and for every step of a supervised (督办) issue.
 * The actor never hears of their own step.
 */
import { LADDER_NAMES, STATE_NAMES } from '../../src/domain/issue'
import { links } from '../../src/domain/links'
import type { Issue, Project, TimelineEvent, User } from '../../src/domain/types'
import { configuredManagers } from '../runtime/caller'
import { command, getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'
import { type Message, sendMessages } from '../notify/send'
import { type TemplateKey, dayText } from '../notify/templates'

export type Audience = 'raiser' | 'assignee' | 'team' | 'managers'

export interface NoticeRule {
  to: Audience[]
  key: TemplateKey
  note: string
}

type Rules = (issue: Issue, event: TimelineEvent) => NoticeRule[]

const reopened = (issue: Issue, e: TimelineEvent) => e.action === 'confirm' && issue.state === 'in_progress'
const approved = (issue: Issue) => issue.extensions.at(-1)?.decision === 'approved'

/** Which steps notify whom, with which template and note. Steps not listed notify nobody. */
const RULES: Partial<Record<TimelineEvent['action'], Rules>> = {
  raise: () => [{ to: ['team'], key: 'assigned', note: '企业反映了新问题，请及时交办' }],
  dispatch: () => [
    { to: ['assignee'], key: 'assigned', note: '有新交办的问题，请签收' },
    { to: ['raiser'], key: 'status', note: '已受理，交由部门办理' },
  ],
  reassign: () => [{ to: ['assignee'], key: 'assigned', note: '有改派的问题，请签收' }],
  sign_for: () => [{ to: ['raiser'], key: 'status', note: '部门已签收，正在办理' }],
  return: () => [{ to: ['team'], key: 'assigned', note: '部门退回了问题，请重新交办' }],
  request_materials: () => [{ to: ['raiser'], key: 'status', note: '请补充材料' }],
  add_materials: () => [{ to: ['assignee'], key: 'assigned', note: '企业已补充材料' }],
  answer: () => [{ to: ['team'], key: 'assigned', note: '部门已答复，请审核' }],
  // The enterprise sees an answer only once it passed review; a sent-back answer is internal.
  review: (issue) =>
    issue.state === 'resolved'
      ? [
          { to: ['raiser'], key: 'status', note: '已办结，请您确认并评价' },
          { to: ['assignee'], key: 'status', note: '答复已通过审核' },
        ]
      : [{ to: ['assignee'], key: 'assigned', note: '答复被退回，请补充完善' }],
  solve_on_spot: () => [{ to: ['raiser'], key: 'status', note: '已现场解决，请确认' }],
  confirm: (issue, e) =>
    reopened(issue, e)
      ? [
          { to: ['assignee'], key: 'assigned', note: '企业不满意，问题重办' },
          { to: ['team'], key: 'status', note: '企业不满意，问题重办' },
        ]
      : [{ to: ['assignee', 'team'], key: 'status', note: '企业已确认办结' }],
  decline: () => [{ to: ['raiser'], key: 'status', note: '不予受理' }],
  withdraw: () => [{ to: ['team'], key: 'status', note: '企业已撤回问题' }],
  request_extension: () => [{ to: ['managers'], key: 'assigned', note: '部门申请延期，请审批' }],
  decide_extension: (issue) => {
    const note = approved(issue) ? `延期已批准，新期限${issue.answerDue === undefined ? '已更新' : dayText(issue.answerDue)}` : '延期申请未获批准'
    return [{ to: ['raiser', 'assignee', 'team'], key: 'status', note }]
  },
  // The ladder: 蓝 warns the assignee, 黄 (overdue) also the team, 红 (N working days overdue) goes to managers as 督办.
  escalate: (issue) => {
    if (issue.ladder === 'blue') return [{ to: ['assignee'], key: 'reminder', note: '蓝牌预警：即将到期，请按时办理' }]
    if (issue.ladder === 'yellow') return [{ to: ['assignee', 'team'], key: 'reminder', note: '黄牌：问题已超期，请尽快办理' }]
    return [{ to: ['managers', 'assignee', 'team'], key: 'reminder', note: `${LADDER_NAMES.red}：超期升级，已列入督办` }]
  },
  supervise: () => [{ to: ['assignee', 'team'], key: 'reminder', note: '问题被列入督办' }],
  auto_close: () => [{ to: ['raiser', 'assignee', 'team'], key: 'status', note: '企业超时未确认，已自动办结' }],
}

export function noticesFor(issue: Issue, event: TimelineEvent): NoticeRule[] {
  return RULES[event.action]?.(issue, event) ?? []
}

interface People {
  assignee: string[]
  team: string[]
  managers: string[]
}

/** One read: the lead department's handlers, the team's staff, the managers (only those needed). */
async function peopleFor(issue: Issue, audiences: Set<Audience>): Promise<People> {
  const _ = command()
  const wantManagers = audiences.has('managers') || issue.supervised
  const wantTeam = audiences.has('team') || audiences.has('assignee')
  const ors: Record<string, unknown>[] = []
  if (audiences.has('assignee') && issue.leadDepartmentId) ors.push({ departmentId: issue.leadDepartmentId, roles: 'handler' })
  if (wantTeam) ors.push({ teamId: issue.teamId, roles: 'staff' })
  if (wantManagers) ors.push({ roles: 'manager' })
  const users: User[] = ors.length
    ? (await getDb().collection(COLLECTIONS.users).where(_.or(ors)).field({ _id: true, roles: true, teamId: true, departmentId: true }).limit(200).get()).data
    : []
  const team = users.filter((u) => u.roles.includes('staff') && u.teamId === issue.teamId).map((u) => u._id)
  const handlers = users.filter((u) => u.roles.includes('handler') && issue.leadDepartmentId && u.departmentId === issue.leadDepartmentId).map((u) => u._id)
  const managers = wantManagers ? [...users.filter((u) => u.roles.includes('manager')).map((u) => u._id), ...configuredManagers()] : []
  // A department without a handler yet is served by the project's team, which acts on its behalf;
  // an issue not yet dispatched (待交办) is the team's own to triage.
  return { assignee: handlers.length ? handlers : team, team, managers }
}

/** The messages a step produces: one per person (the first rule that reaches them decides the template). */
export async function stepMessages(issue: Issue, event: TimelineEvent, now: number): Promise<Message[]> {
  const rules = noticesFor(issue, event)
  if (rules.length === 0) return []
  const audiences = new Set(rules.flatMap((r) => r.to))
  const people = await peopleFor(issue, audiences)
  const seen = new Set<string>([event.by])
  const messages: Message[] = []
  const add = (touser: string, rule: NoticeRule) => {
    if (!touser || seen.has(touser)) return
    seen.add(touser)
    messages.push({
      touser,
      key: rule.key,
      page: links.issue({ id: issue._id }),
      fields: { title: issue.title, state: STATE_NAMES[issue.state], note: rule.note, at: now },
      cause: `issue:${issue._id}:${event.action}:v${issue.version}`,
    })
  }
  for (const rule of rules) {
    for (const who of rule.to) for (const id of who === 'raiser' ? [issue.raisedBy] : people[who]) add(id, rule)
  }
  // Supervised issues: managers hear of every step that is announced at all.
  if (issue.supervised) for (const id of people.managers) add(id, rules[0])
  return messages
}

/** Notify the step's audience. Never throws: a failed notice must not fail the step. */
export async function notifyStep(issue: Issue, event: TimelineEvent, _project: Project | null, now: number): Promise<void> {
  try {
    await sendMessages(await stepMessages(issue, event, now), now)
  } catch (e) {
    console.error('[notify] step notice failed', e)
  }
}
