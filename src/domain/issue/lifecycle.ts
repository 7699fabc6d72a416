/**
 * The issue lifecycle as data: for each action, the states it starts from, the states it may lead
 * to, and which roles may take it under which relation to the issue. The cloud functions enforce it
 * through `transition`; the UI reads it through `availableActions`; docs and tests read the matrix.
 */
import type { Caller, IssueAction, IssueState, Role, SystemCaller } from '../types'

/**
 * How a caller must relate to the issue:
 * - member: liaison, a member of issue.projectId
 * - team: staff, caller.teamId === issue.teamId
 * - team_for_lead: staff of the team, recording for a lead department that has no handler
 * - team_for_assist: staff of the team, recording for an assisting department that has no handler
 * - lead: handler of the lead department · assist: of an assisting one · lead_or_assist: either
 * - always: managers · timer: the system (timers and zone-wide jobs)
 */
export type Relation =
  | 'member'
  | 'team'
  | 'team_for_lead'
  | 'team_for_assist'
  | 'lead'
  | 'assist'
  | 'lead_or_assist'
  | 'always'
  | 'timer'

export type ActorRole = Role | 'system'
export type CommandAction = Exclude<IssueAction, 'raise'>

export interface ActionRule {
  /** The verb on a button, e.g. 交办. */
  label: string
  from: readonly IssueState[]
  to: readonly IssueState[]
  /** Allowed roles, in order of preference when a caller holds several. */
  roles: Partial<Record<ActorRole, Relation>>
  /** Ends or undoes something: the page shows it as a warning button. */
  danger?: true
}

export const OPEN_STATES: readonly IssueState[] = [
  'submitted',
  'dispatched',
  'in_progress',
  'awaiting_materials',
  'under_review',
  'resolved',
]
export const TERMINAL_STATES: readonly IssueState[] = ['closed', 'withdrawn', 'declined']
export const ALL_STATES: readonly IssueState[] = [...OPEN_STATES, ...TERMINAL_STATES]
const WORKING: readonly IssueState[] = ['dispatched', 'in_progress', 'awaiting_materials', 'under_review']

export const LIFECYCLE: Readonly<Record<CommandAction, ActionRule>> = {
  dispatch: { label: '交办', from: ['submitted'], to: ['dispatched'], roles: { staff: 'team', manager: 'always' } },
  solve_on_spot: { label: '现场解决', from: ['submitted'], to: ['resolved'], roles: { staff: 'team' } },
  decline: { label: '不予受理', from: ['submitted'], to: ['declined'], roles: { staff: 'team', manager: 'always' }, danger: true },
  withdraw: { label: '撤回', from: ['submitted'], to: ['withdrawn'], roles: { liaison: 'member' }, danger: true },
  sign_for: {
    label: '签收',
    from: ['dispatched'],
    to: ['in_progress'],
    roles: { handler: 'lead', staff: 'team_for_lead' },
  },
  return: {
    label: '退回',
    from: ['dispatched'],
    to: ['submitted'],
    roles: { handler: 'lead', staff: 'team_for_lead' },
    danger: true,
  },
  request_materials: {
    label: '请企业补充材料',
    from: ['in_progress'],
    to: ['awaiting_materials'],
    roles: { handler: 'lead', staff: 'team_for_lead' },
  },
  add_materials: { label: '补充材料', from: ['awaiting_materials'], to: ['in_progress'], roles: { liaison: 'member' } },
  answer: {
    label: '答复',
    from: ['in_progress'],
    to: ['under_review'],
    roles: { handler: 'lead', staff: 'team_for_lead' },
  },
  review: {
    label: '督核',
    from: ['under_review'],
    to: ['resolved', 'in_progress'],
    roles: { staff: 'team', manager: 'always' },
  },
  // Reopening goes back to in_progress, or to triage when the issue was solved on the spot.
  confirm: {
    label: '确认评价',
    from: ['resolved'],
    to: ['closed', 'in_progress', 'submitted'],
    roles: { liaison: 'member' },
  },
  request_extension: {
    label: '申请延期',
    from: ['in_progress', 'awaiting_materials'],
    to: ['in_progress', 'awaiting_materials'],
    roles: { handler: 'lead', staff: 'team_for_lead' },
  },
  decide_extension: {
    label: '审批延期',
    from: WORKING.filter((s) => s !== 'dispatched'),
    to: WORKING.filter((s) => s !== 'dispatched'),
    roles: { manager: 'always' },
  },
  reassign: {
    label: '改派',
    from: ['dispatched', 'in_progress', 'awaiting_materials'],
    to: ['dispatched'],
    roles: { manager: 'always' },
  },
  force_close: { label: '强制办结', from: OPEN_STATES, to: ['closed'], roles: { manager: 'always' }, danger: true },
  supervise: { label: '督办', from: OPEN_STATES, to: OPEN_STATES, roles: { manager: 'always' } },
  unsupervise: { label: '取消督办', from: OPEN_STATES, to: OPEN_STATES, roles: { manager: 'always' } },
  note: {
    label: '记录进展',
    from: OPEN_STATES,
    to: OPEN_STATES,
    roles: { manager: 'always', staff: 'team', handler: 'lead_or_assist', liaison: 'member' },
  },
  // 回头看: the team's note on an open issue, written when a visit of the project is completed.
  follow_up: { label: '回头看', from: OPEN_STATES, to: OPEN_STATES, roles: { staff: 'team' } },
  add_opinion: {
    label: '协办意见',
    from: WORKING,
    to: WORKING,
    roles: { handler: 'assist', staff: 'team_for_assist' },
  },
  link_repeat: { label: '关联为重复反映', from: OPEN_STATES, to: OPEN_STATES, roles: { staff: 'team', manager: 'always' } },
  unlink_repeat: { label: '取消重复关联', from: OPEN_STATES, to: OPEN_STATES, roles: { staff: 'team', manager: 'always' } },
  escalate: {
    label: '督办升级',
    from: ['submitted', 'dispatched', 'in_progress'],
    to: ['submitted', 'dispatched', 'in_progress'],
    roles: { system: 'timer' },
  },
  auto_close: { label: '超时自动办结', from: ['resolved'], to: ['closed'], roles: { system: 'timer' } },
  recompute_deadlines: {
    label: '按新日历重算期限',
    from: ['submitted', ...WORKING, 'resolved'],
    to: ['submitted', ...WORKING, 'resolved'],
    roles: { system: 'timer' },
  },
}

export const COMMAND_ACTIONS = Object.keys(LIFECYCLE) as CommandAction[]
export const SYSTEM_ACTIONS: readonly CommandAction[] = ['escalate', 'auto_close', 'recompute_deadlines']
export const isSystemAction = (a: CommandAction): boolean => SYSTEM_ACTIONS.includes(a)
/** Steps taken only through a visit (visits.complete), never from the issue page or issues.act. */
export const VISIT_ACTIONS: readonly CommandAction[] = ['follow_up']
export const isVisitAction = (a: CommandAction): boolean => VISIT_ACTIONS.includes(a)
export const ACTOR_ROLES: readonly ActorRole[] = ['liaison', 'staff', 'handler', 'manager', 'system']
/** Each role's name as people read it: refusals, the timeline, the home page. */
export const ROLE_NAMES: Readonly<Record<ActorRole, string>> = {
  liaison: '企业联络员',
  staff: '服务专员',
  handler: '部门经办人',
  manager: '管理者',
  system: '系统',
}

/** Role × action: the relation a role needs, or undefined when the role may never take the action. */
export const ROLE_ACTION_MATRIX: Readonly<Record<ActorRole, Partial<Record<CommandAction, Relation>>>> =
  Object.fromEntries(
    ACTOR_ROLES.map((role) => [
      role,
      Object.fromEntries(COMMAND_ACTIONS.filter((a) => LIFECYCLE[a].roles[role]).map((a) => [a, LIFECYCLE[a].roles[role]])),
    ]),
  ) as Record<ActorRole, Partial<Record<CommandAction, Relation>>>

export const isSystemCaller = (c: Caller | SystemCaller): c is SystemCaller => (c as SystemCaller).system === true
