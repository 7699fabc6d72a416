/**
 * What a rule is given besides the issue and the command: the context the function loaded and the
 * caller as it acts on this issue. Types only, so every rule module can name them without importing
 * the acting-role table (actingRole.ts) that runs the rules.
 */
import type { WorkCalendar } from '../calendar/workCalendar'
import type { Issue } from '../types'
import type { ActorRole } from './lifecycle'
import type { DeskConfig } from './sla'

/** What every rule gets besides the issue and the caller. Never read the clock inside rules: pass `now`. */
export interface IssueCtx {
  now: number
  calendar: WorkCalendar
  config: DeskConfig
  /** False for a department that has no handler yet (the service team then acts for it). Default: true. */
  departmentHasHandler?: (departmentId: string) => boolean
  /** The acting person's name, recorded on the step (byName). */
  actorName?: string
  /** link_repeat: the issue named as the original, as the function loaded it. */
  repeatTarget?: Pick<Issue, '_id' | 'projectId' | 'repeatOf'>
}

/** The caller as it acts on this issue. */
export interface Actor {
  by: string
  role: ActorRole
  /** Department the service team is recording for. */
  onBehalfOf?: string
}
