import type { CommandAction, LintFlag } from '../issue'
import { actOnIssueInput, issueIdInput, listIssuesInput, raiseIssueInput } from '../schemas/issues'
import type { IssueView } from '../issue/viewTypes'
import type { Role } from '../types'
import type { Viewer } from '../visibility'
import type { IssueCard, Page } from '../views'
import { action } from './define'

export interface IssueDetail {
  /** The issue as this caller may read it (src/domain/visibility.ts): never the stored document. */
  issue: IssueView
  /** How the caller relates to the issue (decides what the view holds). */
  viewer: Viewer
  /** The role the caller reads labels and acts in for this issue. */
  role: Role
  label: string
  /** What the caller may do now (the UI shows these buttons and no others). */
  actions: CommandAction[]
  /** Department names for the timeline and the dispatch form. */
  departments: Record<string, string>
  projectName: string
  /** Reply lint for the reviewer: vague words flagged, not blocked. */
  lint: LintFlag[]
  /** Set when a deadline rests on a year whose holiday arrangement is still estimated. */
  estimateNotice?: string
  /** The other issues of a 重复反映 pair. */
  related: IssueCard[]
}

export const issuesContract = {
  raise: action<IssueDetail>()(raiseIssueInput),
  act: action<IssueDetail>()(actOnIssueInput),
  get: action<IssueDetail>()(issueIdInput),
  list: action<Page<IssueCard>>()(listIssuesInput),
}
