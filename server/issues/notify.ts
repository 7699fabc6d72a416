/**
 * Who hears of an issue's step. Status changes reach the raiser, the assigned department's
 * handlers, the project's team, and managers when the issue is supervised.
 */
import { STATE_NAMES } from '../../src/domain/issue'
import type { Issue, Project, TimelineEvent, User } from '../../src/domain/types'
import { configuredManagers } from '../runtime/caller'
import { command, getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'
import { type Message, sendMessages } from '../notify/send'
import type { TemplateKey } from '../notify/templates'

type Audience = 'raiser' | 'lead_handlers' | 'team' | 'managers'

/** Which steps notify whom, and with which template. Steps not listed notify nobody. */
const RULES: Partial<Record<string, { to: Audience[]; key: TemplateKey; note: string }>> = {
  raise: { to: ['team'], key: 'assigned', note: '企业反映了新问题，请及时交办' },
  dispatch: { to: ['lead_handlers'], key: 'assigned', note: '有新交办的问题，请签收' },
  reassign: { to: ['lead_handlers'], key: 'assigned', note: '有改派的问题，请签收' },
  sign_for: { to: ['raiser'], key: 'status', note: '部门已签收，正在办理' },
  return: { to: ['team'], key: 'assigned', note: '部门退回了问题，请重新交办' },
  request_materials: { to: ['raiser'], key: 'status', note: '请补充材料' },
  add_materials: { to: ['lead_handlers'], key: 'assigned', note: '企业已补充材料' },
  answer: { to: ['team'], key: 'assigned', note: '部门已答复，请审核' },
  review: { to: ['raiser', 'lead_handlers'], key: 'status', note: '答复已审核' },
  solve_on_spot: { to: ['raiser'], key: 'status', note: '已现场解决，请确认' },
  confirm: { to: ['lead_handlers', 'team'], key: 'status', note: '企业已确认' },
  decline: { to: ['raiser'], key: 'status', note: '不予受理' },
  decide_extension: { to: ['raiser', 'lead_handlers'], key: 'status', note: '延期申请已处理' },
  request_extension: { to: ['managers'], key: 'assigned', note: '部门申请延期，请审批' },
  escalate: { to: ['managers', 'lead_handlers'], key: 'reminder', note: '问题已超期，升级督办' },
  supervise: { to: ['lead_handlers', 'team'], key: 'reminder', note: '问题被列入督办' },
  auto_close: { to: ['team'], key: 'status', note: '企业超时未确认，已自动办结' },
}

function noteFor(issue: Issue, event: TimelineEvent, fallback: string): string {
  if (event.action === 'confirm' && issue.state === 'in_progress') return '企业不满意，问题重办'
  if (event.action === 'review') return issue.state === 'resolved' ? '已办结，请您确认并评价' : '答复被退回，请补充完善'
  if (event.action === 'decide_extension') return issue.extensions.at(-1)?.decision === 'approved' ? '延期申请已批准' : '延期申请未获批准'
  return fallback
}

async function audienceOpenids(issue: Issue, to: Audience[]): Promise<string[]> {
  const db = getDb()
  const _ = command()
  const ors: Record<string, unknown>[] = []
  if (to.includes('lead_handlers') && issue.leadDepartmentId) ors.push({ departmentId: issue.leadDepartmentId, roles: 'handler' })
  if (to.includes('team')) ors.push({ teamId: issue.teamId, roles: 'staff' })
  if (to.includes('managers') || issue.supervised) ors.push({ roles: 'manager' })
  const people: User[] = ors.length ? (await db.collection(COLLECTIONS.users).where(_.or(ors)).field({ _id: true }).limit(200).get()).data : []
  const ids = people.map((u) => u._id)
  if (to.includes('raiser')) ids.push(issue.raisedBy)
  if (to.includes('managers') || issue.supervised) ids.push(...configuredManagers())
  return [...new Set(ids)]
}

/** Notify the step's audience. Never throws: a failed notice must not fail the step. */
export async function notifyStep(issue: Issue, event: TimelineEvent, _project: Project | null, now: number): Promise<void> {
  const rule = RULES[event.action]
  if (!rule) return
  try {
    const openids = (await audienceOpenids(issue, rule.to)).filter((id) => id !== event.by)
    const messages: Message[] = openids.map((touser) => ({
      touser,
      key: rule.key,
      page: `pages/issue/index?issueId=${issue._id}`,
      fields: { title: issue.title, state: STATE_NAMES[issue.state], note: noteFor(issue, event, rule.note), at: now },
      cause: `issue:${issue._id}:${event.action}`,
    }))
    await sendMessages(messages, now)
  } catch (e) {
    console.error('[notify] step notice failed', e)
  }
}
