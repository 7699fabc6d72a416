/** The issue as a reader receives it: built by the functions through the visibility table, never the stored document. */
import type { ActorRole } from './lifecycle'
import type { DueView } from './due'
import type { Complexity, IssueAction, IssueSource, IssueState, Ladder, Rating, Resolution, ReviewChecklist, Urgency } from '../types'

/** A file as a view carries it: its id and a short-lived link issued by the function (absent when the file is gone). */
export interface FileRef {
  id: string
  url?: string
}

export interface PersonView {
  name?: string
  /** Masked for departments; absent where the viewer may not see it. */
  phone?: string
  /** The viewer is this person. */
  you?: boolean
}

export interface ReviewView {
  passed: boolean
  at: number
  by?: string
  note?: string
  checklist?: ReviewChecklist
}

export interface AnswerView {
  /** 1, 2, … in the order they were written. */
  version: number
  at: number
  text: string
  files: FileRef[]
  /** 'passed': the enterprise received it; 'pending': awaiting 督核; 'sent_back': returned to the department. */
  status: 'passed' | 'pending' | 'sent_back'
  /** Solved on the spot by the service team during a visit or in the group. */
  onTheSpot?: boolean
  by?: string
  /** Department the service team answered for (it has no handler). */
  onBehalfOf?: string
  review?: ReviewView
}

export interface MaterialView {
  at: number
  /** 'asked': what the department asked the enterprise to supply; 'supplied': what it supplied. */
  kind: 'asked' | 'supplied'
  text?: string
  files: FileRef[]
  by?: string
}

export interface NoteView {
  at: number
  role: ActorRole
  by?: string
  text: string
  files: FileRef[]
  /** Shown to the enterprise too. */
  forEnterprise: boolean
}

export interface OpinionView {
  at: number
  departmentId: string
  by?: string
  text: string
  files: FileRef[]
}

export interface ExtensionView {
  requestedAt: number
  reason: string
  workingDays: number
  until: number
  decision?: 'approved' | 'rejected'
  decidedAt?: number
  decisionNote?: string
}

export interface TimelineItem {
  at: number
  action: IssueAction
  role: ActorRole
  /** The person, where the viewer may see who acted. */
  by?: string
  /** One line in Chinese: who did what (department names resolved), without internal reasons for the enterprise. */
  text: string
  from: IssueState
  to: IssueState
}

export interface ConfirmationView {
  resolution: Resolution
  rating: Rating
  comment?: string
  at: number
  by?: string
  acknowledgedMismatch?: boolean
}

export interface IssueView {
  _id: string
  /** Human-readable number, e.g. 2026-000123. */
  caseNo: string
  version: number
  projectId: string
  teamId: string
  source: IssueSource
  visitId?: string
  category: string
  urgency: Urgency
  complexity?: Complexity
  state: IssueState
  title: string
  description: string
  photos: FileRef[]
  raisedAt: number
  raiser?: PersonView
  leadDepartmentId?: string
  assistDepartmentIds: string[]
  due?: DueView
  dueEstimated?: boolean
  materials: MaterialView[]
  answers: AnswerView[]
  notes: NoteView[]
  opinions: OpinionView[]
  extensions: ExtensionView[]
  confirmation?: ConfirmationView
  /** 督办 (absent for the enterprise). */
  supervision?: { ladder: Ladder; supervised: boolean; reason?: string }
  returnCount: number
  reopenCount: number
  repeatOf?: string
  suggestedRepeatOf?: string
  closedAt?: number
  autoClosed?: boolean
  forceClosed?: boolean
  /** Why it was declined, withdrawn or force-closed. */
  closingReason?: string
  timeline: TimelineItem[]
}
