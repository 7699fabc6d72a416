import type { Dashboard, GroupRow, WeeklyRow } from '../metrics'
import { drillInput, exportInput, summaryInput } from '../schemas/dashboard'
import type { IssueCard } from '../views'
import { action } from './define'

export interface DashboardView {
  dashboard: Dashboard
  /** Per department / team / project / week when asked, with display names. */
  rows?: (GroupRow & { name: string })[]
  /** Issues opened and closed per ISO week in the period (the weekly chart). */
  weekly: WeeklyRow[]
  estimateNotice?: string
}

export const dashboardContract = {
  summary: action<DashboardView>()(summaryInput),
  /** The issues behind a figure (at most 200, newest first). */
  drill: action<{ total: number; items: IssueCard[] }>()(drillInput),
  /** An xlsx of the period's issues and visits in cloud storage, without phone numbers. */
  export: action<{ fileID: string; tempFileURL: string; issues: number; visits: number }>()(exportInput),
}
