/**
 * System steps over many issues (timers and calendar changes). Each issue is one conditional
 * update; a step that finds nothing to do writes nothing, so a sweep run twice — or crashed
 * half-way and run again — leaves the same result as one clean run.
 */
import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { isAppError } from '../../src/domain/errors'
import { OPEN_STATES, transition } from '../../src/domain/issue'
import type { Issue } from '../../src/domain/types'
import { deskConfig } from '../shared/config'
import { sendStepNotices } from './notices'
import { commitStep, issuesInStatesAfter } from '../repo/issueDesk'
import type { SystemCommand } from '../../src/domain/issue/schemas'

export type SweepAction = SystemCommand['action']

export interface SweepResult {
  examined: number
  changed: number
  conflicts: number
}

const PAGE = 500

/** Applies a system action to every open issue in `states`, page by page (keyset on _id). */
export async function sweep(action: SweepAction, states: readonly Issue['state'][], calendar: WorkCalendar, now: number): Promise<SweepResult> {
  const result: SweepResult = { examined: 0, changed: 0, conflicts: 0 }
  const ctx = { now, calendar, config: deskConfig() }
  let after = ''
  for (;;) {
    const page = await issuesInStatesAfter(states, after, PAGE)
    for (const issue of page) {
      result.examined++
      const command: SystemCommand = { action }
      const step = transition(issue, command, { system: true }, ctx)
      if (!step.ok || !step.value) continue
      try {
        const saved = await commitStep(issue, step.value, calendar)
        result.changed++
        if (saved.notice) await sendStepNotices(saved, saved.notice, now)
      } catch (e) {
        if (!isAppError(e) || e.code !== 'CONFLICT') throw e
        result.conflicts++ // someone acted meanwhile; the next run sees the new state
      }
    }
    if (page.length < PAGE) return result
    after = page[page.length - 1]._id
  }
}

export const recomputeOpenDeadlines = (calendar: WorkCalendar, now: number): Promise<SweepResult> =>
  sweep('recompute_deadlines', OPEN_STATES, calendar, now)

