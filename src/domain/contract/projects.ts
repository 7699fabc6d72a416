import { createProjectInput, listProjectsInput, projectIdInput, unbindGroupInput, updateProjectInput } from '../schemas/projects'
import type { Project } from '../types'
import type { DigestCard, DigestShared } from '../digest'
import type { Page, ProjectBoard, ProjectSummary } from '../views'
import { action } from './define'

export interface ShareTicket {
  title: string
  /** The page the card opens, with the token that lets the first opening bind the group. */
  path: string
  bindToken: string
  expiresAt: number
}

export const projectsContract = {
  create: action<Project>()(createProjectInput),
  update: action<Project>()(updateProjectInput),
  get: action<Project>()(projectIdInput),
  list: action<Page<ProjectSummary>>()(listProjectsInput),
  board: action<ProjectBoard>()(projectIdInput),
  shareTicket: action<ShareTicket>()(projectIdInput),
  unbindGroup: action<Project>()(unbindGroupInput),
  /** The weekly digest card (title, path, figures) built at share time from the board's live figures. */
  digest: action<DigestCard>()(projectIdInput),
  /** Records that this week's digest was shared into the group (after the share succeeded). */
  digestShared: action<DigestShared>()(projectIdInput),
}
