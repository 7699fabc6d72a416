/** What the functions return to the mini-program (projections of the documents, never more). */
import type { DueView } from './issue/due'
import type { Department, Issue, IssueState, Ladder, Project, Role, Team, Visit } from './types'
import type { VisitSummary } from './visitRecord'
import type { TemplateKey } from './templates'

export interface ProjectSummary {
  _id: string
  enterpriseName: string
  name: string
  teamId: string
  status: Project['status']
  bound: boolean
}

export interface WhoAmI {
  openid: string
  name?: string
  phone?: string
  roles: Role[]
  team?: Pick<Team, '_id' | 'name'>
  department?: Pick<Department, '_id' | 'name'>
  projects: ProjectSummary[]
  /** Projects where the caller is a member but has not yet registered as liaison. */
  unregisteredIn: string[]
  /** Years whose holiday arrangement rests on the statutory estimate (managers' task). */
  calendarTasks: number[]
  /** Subscribe-message template ids by purpose, for wx.requestSubscribeMessage. */
  templates: Record<TemplateKey, string>
  /** The purposes whose templates are long-term (LONG_TERM_TEMPLATES): ask for them in a separate
   * wx.requestSubscribeMessage call — WeChat refuses one-time and long-term ids in one call. */
  longTermTemplates?: TemplateKey[]
}

export interface EnterResult {
  project: ProjectSummary | null
  member: boolean
  /** True when this opening bound the group to the project. */
  boundNow: boolean
  /** A binding the opening asked for and could not make (the opener still enters the group's own project). */
  refused?: { code: 'GROUP_ALREADY_BOUND' | 'PROJECT_ALREADY_BOUND' | 'FORBIDDEN' | 'NOT_IN_GROUP'; message: string }
}

export interface IssueCard {
  _id: string
  /** What people call it: 2026-000123. */
  caseNo: string
  /** For acting from a list without opening the issue (expectedVersion). */
  version: number
  projectId: string
  /** Phones masked for departments. */
  title: string
  category: string
  state: IssueState
  label: string
  /** 督办 colour and mark: absent for the enterprise. */
  ladder?: Ladder
  supervised?: boolean
  urgency: Issue['urgency']
  raisedAt: number
  /** The deadline the reader sees now, with time left in working days and hours. */
  due?: DueView
  dueEstimated?: boolean
  overdue: boolean
  repeatOf?: string
}

export interface ProjectBoard {
  project: Omit<Project, 'history'> & { history?: Project['history'] }
  /** This week's visit, as the caller may read it (VISIT_VISIBILITY). */
  thisWeek: VisitSummary | null
  /** 走访记录: the latest completed visits, newest first, each opening its record. */
  recentVisits: VisitSummary[]
  openIssues: IssueCard[]
  recentlyClosed: IssueCard[]
  digest: { weekKey: string; visitStatus: Visit['status'] | 'none'; open: number; resolvedThisWeek: number; overdue: number }
}

export interface Page<T> {
  items: T[]
  nextCursor?: string
}
