/** The issue desk's domain core: lifecycle table, transitions, deadlines, ladder, labels, privacy. */
export { type Actor, type IssueCtx, availableActions, resolveActor, viewerRole } from './access'
export { apply, issueFromRaise, replay } from './apply'
export { type CreateIssueCtx, RAISE_ROLES, createIssue } from './create'
export type { AssignData, DeadlineSet, EventData, EventDataMap, RaiseData } from './events'
export {
  type LadderAssessment,
  LADDER_RANK,
  assessLadder,
  higherLadder,
  isOverdue,
  ladderFor,
  overdueWorkingDays,
  runningDeadline,
} from './ladder'
export {
  ACTION_NAMES,
  LADDER_COLOURS,
  LADDER_NAMES,
  RATING_NAMES,
  RESOLUTION_NAMES,
  STATE_LABELS,
  STATE_NAMES,
  describeEvent,
  stateLabel,
} from './labels'
export {
  type ActionRule,
  type ActorRole,
  type CommandAction,
  type Relation,
  ACTOR_ROLES,
  ALL_STATES,
  COMMAND_ACTIONS,
  LIFECYCLE,
  OPEN_STATES,
  ROLE_ACTION_MATRIX,
  SYSTEM_ACTIONS,
  TERMINAL_STATES,
  VISIT_ACTIONS,
  isSystemCaller,
  isVisitAction,
} from './lifecycle'
export { type LintFlag, VAGUE_WORDS, lintReply } from './lint'
export { HIDDEN, maskPhone, maskPhonesIn, redactForDepartment, viewIssueFor } from './privacy'
export { type RepeatCandidate, suggestRepeatOf } from './repeats'
export { GUARDS, answerDueNow, pendingExtension } from './guards'
export { isMismatch } from './rules-flow'
export * from './schemas'
export {
  type Category,
  type DeskConfig,
  type Deadlines,
  CATEGORIES,
  COMPLEXITY_NAMES,
  DEFAULT_DESK_CONFIG,
  answerDueFor,
  categoryOf,
  deadlinesFor,
  liveDeadlines,
  signForDueFor,
  slaPresetFor,
} from './sla'
export { type Step, parseCommand, transition } from './transition'
export { issueCardFor } from './card'
export { caseNoQuery, caseYearOf, formatCaseNo, nextCaseNo, caseNoRange } from './caseNo'
export { type DueView, dueView } from './due'
export { buildIssueView, visibleFileIds } from './view'
export type * from './viewTypes'
