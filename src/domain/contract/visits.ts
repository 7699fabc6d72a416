import { checkInInput, completeVisitInput, coverageInput, listVisitsInput, myWeekInput, planWeekInput, visitIdInput } from '../schemas/visits'
import type { Visit } from '../types'
import type { IssueCard, Page } from '../views'
import type { VisitRecord, VisitSummary } from '../visitRecord'
import { action } from './define'

export interface MyWeekVisit extends Visit {
  projectName: string
  enterpriseName: string
  address: string
}

export interface CoverageRow {
  weekKey: string
  activeProjects: number
  done: number
  missed: number
  planned: number
}

export const visitsContract = {
  planWeek: action<{ weekKey: string; created: number; existing: number }>()(planWeekInput),
  myWeek: action<{ weekKey: string; visits: MyWeekVisit[] }>()(myWeekInput),
  /** The working document of the log page (the team and managers), with the agenda drafted from the project's open issues and the issues raised during the visit. */
  get: action<Visit & { agendaDraft: string[]; issues: IssueCard[] }>()(visitIdInput),
  /** The visit as a record, built for the caller through VISIT_VISIBILITY; NOT_FOUND for anyone else. */
  record: action<VisitRecord>()(visitIdInput),
  checkIn: action<Visit>()(checkInInput),
  complete: action<Visit>()(completeVisitInput),
  listByProject: action<Page<VisitSummary>>()(listVisitsInput),
  coverage: action<CoverageRow[]>()(coverageInput),
}
