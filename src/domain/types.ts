/**
 * The domain's nouns. Plain data only: every type here is what a database document
 * or a function result looks like, so the mini-program and the cloud functions share it.
 * Times are epoch milliseconds (UTC); calendar days are 'YYYY-MM-DD' in Asia/Shanghai.
 */

export type Role = 'manager' | 'staff' | 'handler' | 'liaison'

/** The roles a caller holds, resolved on the server from its OPENID. */
export interface Caller {
  openid: string
  roles: Role[]
  /** Service team the caller belongs to (staff). */
  teamId?: string
  /** Department the caller handles issues for (handler). */
  departmentId?: string
  /** Projects whose WeChat group the caller was seen in (liaison / member). */
  projectIds: string[]
  /** Projects the caller registered for as liaison (name and phone): only they may raise issues there. */
  registeredIn?: string[]
}

export interface User {
  _id: string // OPENID
  name: string
  phone?: string
  roles: Role[]
  teamId?: string
  departmentId?: string
  /** Projects this user is a member of (seen opening from the bound group). */
  projectIds: string[]
  /** Projects this user registered as liaison for. */
  liaisonOf: string[]
  createdAt: number
  updatedAt: number
}

export interface Team {
  _id: string
  name: string
  leaderOpenid?: string
  createdAt: number
}

export interface Department {
  _id: string
  name: string
  contactName?: string
  contactPhone?: string
  order: number
  /** Users who handle this department's issues, counted from the users on every read (never stored); 0: the service team answers on its behalf. */
  handlerCount?: number
}

export type InviteKind = 'staff' | 'handler' | 'manager'

/** An invite code a manager made: whoever accepts it becomes staff of a team, handler of a department, or a manager. */
export interface Invite {
  _id: string
  code: string
  kind: InviteKind
  /** The team (kind staff) or the department (kind handler) the code joins. */
  teamId?: string
  departmentId?: string
  maxUses: number
  used: number
  /** Who accepted it (one use each). */
  usedBy: string[]
  expiresAt: number
  createdBy: string
  createdAt: number
}

export interface GeoPoint {
  latitude: number
  longitude: number
  accuracy?: number
}

export interface Contact {
  name: string
  title?: string
  phone?: string
}

export type ProjectStatus = 'active' | 'paused' | 'archived'

export interface ProjectHistoryEntry {
  at: number
  by: string
  what: 'created' | 'group_bound' | 'group_unbound' | 'updated'
  openGId?: string
  note?: string
}

export interface Project {
  _id: string
  enterpriseName: string
  name: string
  address: string
  location?: GeoPoint
  teamId: string
  /** ISO weekday 1 (Mon) … 7 (Sun). */
  visitWeekday: number
  contacts: Contact[]
  status: ProjectStatus
  /** The one WeChat group bound to this project (openGId, unique across projects). */
  openGId?: string
  /** One-time token carried by the card a team member shares to bind the group (with its expiry). */
  bindToken?: string
  bindTokenExpiresAt?: number
  /** The ISO week whose digest card was last shared into the group, by whom and when (the first share of that week). */
  digestSharedWeek?: string
  digestSharedAt?: number
  digestSharedBy?: string
  history: ProjectHistoryEntry[]
  createdAt: number
  updatedAt: number
}

/** One bound WeChat group (`_id` = its openGId): the one-group-one-project guard. */
export interface GroupBinding {
  _id: string
  projectId: string
  at: number
  by: string
}

export type VisitStatus = 'planned' | 'done' | 'missed'

export interface Attendee {
  name: string
  side: 'government' | 'enterprise'
  title?: string
}

export interface Visit {
  _id: string // `${projectId}_${weekKey}`: one visit per project per ISO week
  projectId: string
  teamId: string
  weekKey: string // '2026-W48'
  plannedDate: string // YYYY-MM-DD
  status: VisitStatus
  checkIn?: GeoPoint & { at: number }
  attendees: Attendee[]
  minutes: string
  photos: string[] // cloud file IDs
  issueIds: string[]
  /** 回头看: notes on the project's open issues reviewed during the visit. */
  followUps: { issueId: string; note: string }[]
  /** Next week's agenda, drafted from open and overdue issues. */
  agenda: string[]
  completedAt?: number
  completedBy?: string
  clientRequestId?: string
  /** Digest of the completion's body: the same clientRequestId with another log is refused. */
  requestDigest?: string
  version: number
  createdAt: number
  updatedAt: number
}

export type IssueState =
  | 'submitted' // 待交办
  | 'dispatched' // 待签收
  | 'in_progress' // 办理中
  | 'awaiting_materials' // 待补充材料 (SLA clock paused)
  | 'under_review' // 待审核
  | 'resolved' // 待确认
  | 'closed' // 已办结
  | 'withdrawn' // 已撤回
  | 'declined' // 不予受理

export type Urgency = 'normal' | 'urgent'
export type Complexity = 'simple' | 'normal' | 'complex' | 'major'
export type IssueSource = 'group' | 'visit'
export type Resolution = 'solved' | 'partly' | 'unsolved' // 解决 | 部分解决 | 未解决
export type Rating = 'satisfied' | 'basically' | 'unsatisfied' // 满意 | 基本满意 | 不满意
export type Ladder = 'none' | 'blue' | 'yellow' | 'red' // 督办: 蓝 → 黄 → 红

/** Every step an issue can take; the lifecycle table (src/domain/issue/lifecycle.ts) says who and from where. */
export type IssueAction =
  | 'raise'
  | 'dispatch'
  | 'solve_on_spot'
  | 'decline'
  | 'withdraw'
  | 'sign_for'
  | 'return'
  | 'request_materials'
  | 'add_materials'
  | 'answer'
  | 'review'
  | 'confirm'
  | 'request_extension'
  | 'decide_extension'
  | 'reassign'
  | 'force_close'
  | 'supervise'
  | 'unsupervise'
  | 'note'
  | 'follow_up'
  | 'add_opinion'
  | 'escalate'
  | 'auto_close'
  | 'recompute_deadlines'
  | 'link_repeat'
  | 'unlink_repeat'

/** A timer or a zone-wide job acting on an issue (escalate, auto_close, recompute_deadlines). */
export interface SystemCaller {
  system: true
}

/** The SLA preset chosen at dispatch; deadlines are recomputed from it when the calendar changes. */
export interface SlaPreset {
  /** Sign-for limit in working days (normal issues). */
  signForWorkingDays?: number
  /** Sign-for limit in clock hours (urgent issues). */
  signForClockHours?: number
  /** Answer limit in working days, by complexity. */
  answerWorkingDays: number
}

export interface ReviewChecklist {
  solved: boolean
  allAsksAnswered: boolean
  enterpriseContacted: boolean
  dateForRemaining: boolean
}

export interface Answer {
  text: string
  files: string[]
  by: string
  /** Department id, when the service team recorded the answer for a department that has no handler. */
  onBehalfOf?: string
  at: number
}

export interface Review {
  by: string
  at: number
  passed: boolean
  checklist: ReviewChecklist
  note?: string
}

export interface Confirmation {
  resolution: Resolution
  rating: Rating
  comment?: string
  by: string
  at: number
  /** The liaison re-sent a 部分解决/未解决 + 满意 confirmation on purpose. */
  acknowledgedMismatch?: boolean
}

export interface Extension {
  requestedAt: number
  requestedBy: string
  reason: string
  /** Extra working days asked for, added to the answer deadline when approved. */
  workingDays: number
  /** The new answer deadline the enterprise sees (as computed at request; the actual one once approved). */
  until: number
  decision?: 'approved' | 'rejected'
  decidedAt?: number
  decidedBy?: string
  decisionNote?: string
}

export interface TimelineEvent {
  action: IssueAction
  by: string // OPENID, or 'system' for timers
  /** The actor's name when the step was taken (a record: later renames do not rewrite history). */
  byName?: string
  role: Role | 'system'
  at: number // server time
  from: IssueState
  to: IssueState
  reason?: string
  /** Department id when the service team acted for a department that has no handler. */
  onBehalfOf?: string
  /** Action-specific payload: every value needed to replay the step (computed deadlines included). */
  data?: Record<string, unknown>
  /** The client's id for the request that took the step, and a digest of its body (a retry is answered, not applied twice). */
  requestId?: string
  requestDigest?: string
}

/**
 * One issue document. The fields are a cache of the timeline: `replay(timeline)` rebuilds them.
 * Field names are stable (metrics read them): see src/domain/issue/README.md.
 */
export interface Issue {
  _id: string
  /** Human-readable number, sequential per year: 2026-000123 (people never see database ids). */
  caseNo?: string
  projectId: string
  teamId: string
  source: IssueSource
  visitId?: string
  category: string
  title: string
  description: string
  photos: string[]
  urgency: Urgency
  state: IssueState
  raisedBy: string
  raisedAt: number
  /** Who raised it and how to reach them, as registered when it was raised. */
  raiser?: { name: string; phone?: string }
  clientRequestId: string
  /** Digest of the raise request's body: the same clientRequestId with another body is refused. */
  requestDigest?: string
  /** Start of the triage clock: receipt by the service team (the raise, a return, a reopening back to 待交办). */
  triageFrom?: number
  /** Dispatch, decline or solve it on the spot by then: 1 working day (urgent: 2 clock hours) from triageFrom. */
  triageDue?: number
  /** When it left 待交办 on the current triage clock (dispatched, declined, solved on the spot, withdrawn). */
  triagedAt?: number
  leadDepartmentId?: string
  assistDepartmentIds: string[]
  complexity?: Complexity
  sla?: SlaPreset
  dispatchedAt?: number
  dispatchedBy?: string
  signForDue?: number
  signedForAt?: number
  /** Start of the current answer clock: the dispatch (or reassignment), or the reopening. */
  answerClockFrom?: number
  /** = addWorkingMs(addWorkingDays(answerClockFrom, sla.answerWorkingDays), pausedWorkingMs + extensionWorkingMs). */
  answerDue?: number
  /** Working-day basis of the deadlines: true when a year rests on the statutory estimate (layer 3). */
  dueEstimated?: boolean
  pausedSince?: number
  /** Paused working time (ms) on the current answer clock, excluded from deadlines and overdue. */
  pausedWorkingMs: number
  /** Approved extensions (working ms) on the current answer clock. */
  extensionWorkingMs: number
  answer?: Answer
  answeredAt?: number
  review?: Review
  /** When the answer reached the enterprise (review passed, or solved on the spot). */
  resolvedAt?: number
  /** Auto-close instant: resolvedAt + config.autoCloseWorkingDays working days. */
  confirmDue?: number
  confirmation?: Confirmation
  closedAt?: number
  autoClosed?: boolean
  forceClosed?: boolean
  extensions: Extension[]
  /** Highest 督办 level reached (never falls; see ladder.ts). */
  ladder: Ladder
  /** Deadlines that went overdue (`sign_for@<dispatchedAt>`, `answer@<answerClockFrom>`); a second one is 红. */
  overdueStages: string[]
  supervised: boolean
  supervisedBy?: string
  supervisedReason?: string
  returnCount: number
  reopenCount: number
  /** 重复反映: the original this issue repeats (linked by the dispatcher; counted once in every figure). */
  repeatOf?: string
  /** A likely original found at raise time, offered to the dispatcher to link. */
  suggestedRepeatOf?: string
  version: number
  timeline: TimelineEvent[]
  updatedAt: number
}
