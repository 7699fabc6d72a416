/** The issue desk's domain core: lifecycle table, transitions, deadlines, ladder, labels, privacy. */
export { availableActions, resolveActor } from './actingRole'
export type { IssueCtx } from './context'
export { replay } from './apply'
export { createIssue } from './create'
export { LADDER_RANK, isOverdue, ladderFor, runningDeadline } from './ladder'
export {
  LADDER_NAMES,
  RATING_NAMES,
  RESOLUTION_NAMES,
  STATE_NAMES,
  describeEvent,
  stateLabel,
} from './labels'
export {
  type CommandAction,
  ALL_STATES,
  COMMAND_ACTIONS,
  LIFECYCLE,
  OPEN_STATES,
  ROLE_ACTION_MATRIX,
  TERMINAL_STATES,
  VISIT_ACTIONS,
} from './lifecycle'
export { type LintFlag, lintReply } from './lint'
export { HIDDEN, maskPhone, maskPhonesIn, viewIssueFor } from './privacy'
export { suggestRepeatOf } from './repeats'
export * from './schemas'
export { type DeskConfig, CATEGORIES, DEFAULT_DESK_CONFIG, deadlinesFor } from './sla'
export { type Step, transition } from './transition'
export { issueCardFor } from './card'
export { caseNoQuery, caseYearOf, formatCaseNo, nextCaseNo, caseNoRange } from './caseNo'
export { buildIssueView, visibleFileIds } from './view'
export type * from './viewTypes'
