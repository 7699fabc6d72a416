/**
 * What each timeline event carries in `data`: every value needed to replay the step, so `apply`
 * never recomputes a deadline (a later calendar change must not rewrite history).
 */
import type {
  Complexity,
  IssueSource,
  Ladder,
  Rating,
  Resolution,
  ReviewChecklist,
  SlaPreset,
  Urgency,
} from '../types'

export interface RaiseData {
  id: string
  caseNo?: string
  raiser?: { name: string; phone?: string }
  requestDigest?: string
  projectId: string
  teamId: string
  source: IssueSource
  visitId?: string
  category: string
  title: string
  description: string
  photos: string[]
  urgency: Urgency
  clientRequestId: string
  /** A likely repeat found at raise time (an open issue of the same project and category): a hint, not a link. */
  suggestedRepeatOf?: string
  /** The first triage deadline (the clock starts at the raise). */
  triageDue: number
}

/** dispatch and reassign: the new assignment and its deadlines, clocks starting at the event. */
export interface AssignData {
  leadDepartmentId: string
  assistDepartmentIds: string[]
  category: string
  complexity: Complexity
  urgency: Urgency
  sla: SlaPreset
  signForDue: number
  answerDue: number
  dueEstimated: boolean
  /** reassign: the department it was taken from. */
  previousLeadDepartmentId?: string
}

export interface EventDataMap {
  raise: RaiseData
  dispatch: AssignData
  reassign: AssignData
  solve_on_spot: { text: string; files: string[]; visitId?: string; confirmDue: number }
  decline: Record<string, never>
  withdraw: Record<string, never>
  sign_for: { late: boolean }
  /** triageDue: back in 待交办, a new triage clock starts at the return. */
  return: { departmentId: string; triageDue: number }
  request_materials: Record<string, never>
  /** pausedWorkingMs: the new total on this answer clock; answerDue: pushed by it. */
  add_materials: { text?: string; files: string[]; pausedMs: number; pausedWorkingMs: number; answerDue: number }
  answer: { text: string; files: string[]; lint: { word: string; hint: string }[] }
  review: { passed: boolean; checklist: ReviewChecklist; confirmDue?: number }
  confirm: {
    resolution: Resolution
    rating: Rating
    acknowledgedMismatch?: boolean
    reopen: boolean
    /** reopen only: the new answer clock's deadline. */
    answerDue?: number
    dueEstimated?: boolean
    /** reopen of an issue solved on the spot: back in 待交办 with a new triage clock. */
    triageDue?: number
  }
  request_extension: { workingDays: number; until: number }
  decide_extension: { approved: boolean; extensionWorkingMs: number; answerDue?: number; until?: number }
  force_close: { pausedWorkingMs: number }
  auto_close: { confirmDue: number }
  supervise: Record<string, never>
  unsupervise: Record<string, never>
  /** forEnterprise: a progress note the enterprise may read too. */
  note: { text: string; files: string[]; forEnterprise?: boolean }
  /** 回头看: the visit it was noted during (one step per issue per visit) and the note. */
  follow_up: { visitId: string; text: string }
  add_opinion: { departmentId: string; text: string; files: string[] }
  /** supervise: reaching 红 puts the issue under 督办 (managers hear of it), unless it already is. */
  escalate: { ladder: Ladder; previous: Ladder; overdueStages: string[]; supervise?: true }
  recompute_deadlines: { before: DeadlineSet; after: DeadlineSet }
  link_repeat: { repeatOf: string }
  unlink_repeat: { previous: string }
}

export interface DeadlineSet {
  triageDue?: number
  signForDue?: number
  answerDue?: number
  confirmDue?: number
  dueEstimated?: boolean
}
