import type { Bulletin } from '../bulletin/bulletinView'
import type { Dashboard, GroupRow, WeeklyRow } from '../metrics'
import { bulletinInput, drillInput, exportInput, summaryInput } from '../schemas/dashboard'
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

/** The 通报 of a month or a quarter (see src/domain/bulletin) and where its Word document is. */
export interface BulletinView extends Bulletin {
  /** The document the monthly job prepared for this period (kept), with a link that lives minutes. */
  prepared?: { at: number; tempFileURL: string; bytes: number }
  /** Asked for with `document: true`: these figures as a .docx, stored like an export (deleted after a day). */
  document?: { fileID: string; tempFileURL: string; expiresAt: number; bytes: number }
}

export const dashboardContract = {
  summary: action<DashboardView>()(summaryInput),
  /** The issues behind a figure (at most 200, newest first). */
  drill: action<{ total: number; items: IssueCard[] }>()(drillInput),
  /** An xlsx of the period's issues and visits in cloud storage, without phone numbers. */
  export: action<{ fileID: string; tempFileURL: string; issues: number; visits: number }>()(exportInput),
  /** The monthly / quarterly 通报: ranking, 红榜 / 黑榜, 督办, teams, hotspots; optionally its .docx. */
  bulletin: action<BulletinView>()(bulletinInput),
}
