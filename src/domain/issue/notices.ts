/**
 * Who hears of an issue's step, decided with the step. The decision is stored in the same conditional
 * update as the step (the issue's `outbox`), so a crash between saving the step and sending its
 * messages loses nothing: a drain sends what the outbox holds, once per person (server/issues/notices.ts).
 *
 * Audiences: the raiser (status of their issue), the assignee (the lead department's handlers, or the
 * project's team where that department has no handler yet, or the team for an issue still 待交办),
 * the project's team, and managers — for steps addressed to them and for every step of a supervised
 * (督办) issue. The actor never hears of their own step.
 */
import { countedDay } from '../time'
import type { Issue, IssueAction, IssueState, TimelineEvent } from '../types'
import { LADDER_NAMES } from './labels'
import type { TemplateKey } from '../templates'

export type Audience = 'raiser' | 'assignee' | 'team' | 'managers'
/** The subscribe-message purposes (each maps to a template the deployment configures). */
export type NoticeKind = TemplateKey

export interface NoticeRule {
  to: Audience[]
  key: NoticeKind
  note: string
}

/** The notices of one step, waiting in the issue's outbox until every addressee has been handled. */
export interface PendingNotice {
  /** The step's version ('v12'): with the issue id, the key of every message it sends. */
  id: string
  at: number
  action: IssueAction
  /** Who took the step (never told of it). */
  by: string
  /** The state the step left the issue in. */
  state: IssueState
  /** Managers also hear of every step of a supervised issue. */
  supervised: boolean
  rules: NoticeRule[]
}

/** '10月08日' of a deadline (a working-day limit ends at 24:00 of its last day). */
const dayOf = (deadline: number): string => {
  const ymd = countedDay(deadline)
  return `${ymd.slice(5, 7)}月${ymd.slice(8)}日`
}

type Rules = (issue: Issue, event: TimelineEvent) => NoticeRule[]

const reopened = (issue: Issue, e: TimelineEvent) => e.action === 'confirm' && issue.state !== 'closed'
const approved = (issue: Issue) => issue.extensions.at(-1)?.decision === 'approved'

/** Which steps notify whom, with which template and note. Steps not listed notify nobody. */
const RULES: Partial<Record<IssueAction, Rules>> = {
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
    const note = approved(issue) ? `延期已批准，新期限${issue.answerDue === undefined ? '已更新' : dayOf(issue.answerDue)}` : '延期申请未获批准'
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

/** The rules for a step, given the issue as the step left it. */
export function noticesFor(issue: Issue, event: TimelineEvent): NoticeRule[] {
  return RULES[event.action]?.(issue, event) ?? []
}

/** What to put in the outbox with the step (undefined: the step tells nobody). */
export function pendingNoticeOf(after: Issue, event: TimelineEvent): PendingNotice | undefined {
  const rules = noticesFor(after, event)
  if (rules.length === 0) return undefined
  return { id: `v${after.version}`, at: event.at, action: event.action, by: event.by, state: after.state, supervised: after.supervised, rules }
}
