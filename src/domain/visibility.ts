/**
 * Who sees what: ONE table for every view the functions build (issue detail, list card, board,
 * drill, export, visit record). For each part of an issue or a visit and each kind of viewer, the
 * part is shown, shown with every phone number masked, shown only to the person it is about
 * ('own'), or absent from the reply altogether. DESIGN.md ("Who sees what") is the source; where it
 * is silent, a 12345 desk's practice: the enterprise sees what was decided and asked of it, never the
 * desk's internal working; departments never see an unmasked phone number or who rated them.
 */
import type { Caller, Issue, Project, Visit } from './types'

/** How a viewer relates to an issue. A stranger (none of these) gets NOT_FOUND, never a view. */
export type Viewer = 'liaison' | 'staff' | 'lead' | 'assist' | 'manager'
export const VIEWERS: readonly Viewer[] = ['liaison', 'staff', 'lead', 'assist', 'manager']

export type Exposure = 'shown' | 'masked' | 'own' | 'absent'

/** The viewers' names in the README's who-sees-what table (scripts/docs/whoSeesWhat.ts). */
export const VIEWER_NAMES: Record<Viewer, string> = {
  liaison: '企业联络员（本项目）',
  staff: '服务专员（本项目团队）',
  lead: '主办部门',
  assist: '协办部门',
  manager: '管理者',
}

export type IssuePart =
  | 'texts' // title, description, category, photos
  | 'raiserName'
  | 'raiserPhone'
  | 'materials' // what the department asked the enterprise to supply, and what it supplied
  | 'answerDrafts' // answers not (yet) passed by review, review notes and checklists
  | 'passedAnswer' // the answer the enterprise received (passed review, or solved on the spot)
  | 'opinions' // 协办意见
  | 'internalNotes' // progress notes kept inside the government side
  | 'enterpriseNotes' // progress notes marked for the enterprise, and the enterprise's own notes
  | 'publicReasons' // why it was declined, withdrawn or closed by a manager
  | 'internalSteps' // steps and reasons the enterprise does not see: 退回, 督核退回, 改派理由, 督办, 升级, 重复关联
  | 'actorNames' // who did each step (the enterprise reads the role only: 部门, 服务专员)
  | 'supervision' // 督办 marks and the ladder colour
  | 'extensions' // the extension asked for: reason and new date
  | 'confirmation' // the enterprise's outcome, rating and comment
  | 'rater' // who confirmed and rated
  | 'followUpNotes' // 回头看: what the service team noted on the issue during a visit (the step itself is shown to all)

const ALL_SHOWN = { liaison: 'shown', staff: 'shown', lead: 'masked', assist: 'masked', manager: 'shown' } as const
const INTERNAL = { liaison: 'absent', staff: 'shown', lead: 'masked', assist: 'masked', manager: 'shown' } as const

export const ISSUE_VISIBILITY: Record<IssuePart, Record<Viewer, Exposure>> = {
  texts: ALL_SHOWN,
  raiserName: { liaison: 'own', staff: 'shown', lead: 'shown', assist: 'shown', manager: 'shown' },
  raiserPhone: { liaison: 'own', staff: 'shown', lead: 'masked', assist: 'masked', manager: 'shown' },
  materials: ALL_SHOWN,
  answerDrafts: { liaison: 'absent', staff: 'shown', lead: 'masked', assist: 'absent', manager: 'shown' },
  passedAnswer: ALL_SHOWN,
  opinions: INTERNAL,
  internalNotes: INTERNAL,
  enterpriseNotes: ALL_SHOWN,
  publicReasons: ALL_SHOWN,
  internalSteps: INTERNAL,
  actorNames: { liaison: 'absent', staff: 'shown', lead: 'shown', assist: 'shown', manager: 'shown' },
  supervision: { liaison: 'absent', staff: 'shown', lead: 'shown', assist: 'shown', manager: 'shown' },
  extensions: ALL_SHOWN,
  confirmation: ALL_SHOWN,
  rater: { liaison: 'shown', staff: 'shown', lead: 'absent', assist: 'absent', manager: 'shown' },
  // As the visit record's follow-ups (VISIT_VISIBILITY.followUps): the enterprise reads that the team
  // followed up during a visit (服务专员走访回访), never the team's own notes.
  followUpNotes: INTERNAL,
}

/** Who may read a visit record: the project's liaisons (attendees and minutes only), its team, managers. */
export type VisitViewer = 'liaison' | 'staff' | 'manager'
export const VISIT_VIEWERS: readonly VisitViewer[] = ['liaison', 'staff', 'manager']
export type VisitPart =
  | 'attendees'
  | 'minutes'
  | 'photos'
  | 'checkIn' // where: the check-in point, its accuracy, its distance from the project and the far flag
  | 'followUps' // 回头看 notes on the project's open issues
  | 'issuesRaised' // issues raised during the visit (case number, title, state)
  | 'author' // the service team and the person who completed the record (the enterprise reads roles, not names)
export const VISIT_PARTS: readonly VisitPart[] = ['attendees', 'minutes', 'photos', 'checkIn', 'followUps', 'issuesRaised', 'author']

export const VISIT_VISIBILITY: Record<VisitPart, Record<VisitViewer, Exposure>> = {
  attendees: { liaison: 'shown', staff: 'shown', manager: 'shown' },
  minutes: { liaison: 'shown', staff: 'shown', manager: 'shown' },
  photos: { liaison: 'absent', staff: 'shown', manager: 'shown' },
  checkIn: { liaison: 'absent', staff: 'shown', manager: 'shown' },
  followUps: { liaison: 'absent', staff: 'shown', manager: 'shown' },
  issuesRaised: { liaison: 'absent', staff: 'shown', manager: 'shown' },
  author: { liaison: 'absent', staff: 'shown', manager: 'shown' },
}

/** The most privileged way the caller relates to the issue, or null (a stranger). */
export function viewerOf(issue: Pick<Issue, 'projectId' | 'teamId' | 'leadDepartmentId' | 'assistDepartmentIds'>, caller: Caller): Viewer | null {
  if (caller.roles.includes('manager')) return 'manager'
  if (caller.roles.includes('staff') && !!caller.teamId && caller.teamId === issue.teamId) return 'staff'
  if (caller.roles.includes('liaison') && caller.projectIds.includes(issue.projectId)) return 'liaison'
  const dept = caller.departmentId
  if (caller.roles.includes('handler') && dept) {
    if (dept === issue.leadDepartmentId) return 'lead'
    if (issue.assistDepartmentIds.includes(dept)) return 'assist'
  }
  return null
}

/** Who may read the visit records of a project, or null. */
export function visitViewerOf(project: Pick<Project, '_id' | 'teamId'> | Pick<Visit, 'projectId' | 'teamId'>, caller: Caller): VisitViewer | null {
  const projectId = '_id' in project ? project._id : project.projectId
  if (caller.roles.includes('manager')) return 'manager'
  if (caller.roles.includes('staff') && !!caller.teamId && caller.teamId === project.teamId) return 'staff'
  if (caller.roles.includes('liaison') && caller.projectIds.includes(projectId)) return 'liaison'
  return null
}

export const issueExposure = (part: IssuePart, viewer: Viewer): Exposure => ISSUE_VISIBILITY[part][viewer]
export const visitExposure = (part: VisitPart, viewer: VisitViewer): Exposure => VISIT_VISIBILITY[part][viewer]
