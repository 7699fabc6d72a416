import { plannableProjects, plannedVisit, visitIdOf } from '../../src/domain/visits'
import { loadCalendar } from '../repo/calendars'
import { activeProjectsToPlan } from '../repo/projects'
import { addVisits, existingVisitIds } from '../repo/visits'

const PAGE = 1000

/**
 * Create the week's planned visits that do not exist yet (on the project's weekday, moved to a
 * working day of the same week when that day is a holiday). Running it twice creates nothing new:
 * the visit id is `${projectId}_${weekKey}` and existing ones are read first; a concurrent
 * planner's duplicate insert is absorbed by re-reading once.
 */
export async function planWeek(weekKey: string, now: number, teamId?: string): Promise<{ weekKey: string; created: number; existing: number }> {
  const projects = plannableProjects(await activeProjectsToPlan(teamId))
  if (projects.length === 0) return { weekKey, created: 0, existing: 0 }
  const { calendar } = await loadCalendar()
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = new Set<string>()
    for (let i = 0; i < projects.length; i += PAGE) {
      const ids = projects.slice(i, i + PAGE).map((p) => visitIdOf(p._id, weekKey))
      for (const id of await existingVisitIds(ids)) existing.add(id)
    }
    const missing = projects.filter((p) => !existing.has(visitIdOf(p._id, weekKey))).map((p) => plannedVisit(p, weekKey, now, calendar))
    if (missing.length === 0) return { weekKey, created: 0, existing: existing.size }
    if (await addVisits(missing)) return { weekKey, created: missing.length, existing: existing.size }
    if (attempt === 1) throw new Error(`planning ${weekKey}: another planner's visits collided twice`)
  }
  return { weekKey, created: 0, existing: 0 }
}
