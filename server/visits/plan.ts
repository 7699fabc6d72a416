import { plannableProjects, plannedVisit, visitIdOf } from '../../src/domain/visits'
import type { Project, Visit } from '../../src/domain/types'
import { command, getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'
import { loadCalendar } from '../shared/calendar'

const PAGE = 1000

async function activeProjects(teamId?: string): Promise<Project[]> {
  const projects = getDb().collection(COLLECTIONS.projects)
  const out: Project[] = []
  for (let offset = 0; ; offset += PAGE) {
    const where = teamId ? { status: 'active', teamId } : { status: 'active' }
    const { data } = await projects.where(where).orderBy('createdAt', 'asc').skip(offset).limit(PAGE)
      .field({ _id: true, teamId: true, visitWeekday: true, status: true }).get()
    out.push(...data)
    if (data.length < PAGE) return out
  }
}

/**
 * Create the week's planned visits that do not exist yet (on the project's weekday, moved to a
 * working day of the same week when that day is a holiday). Running it twice creates nothing new:
 * the visit id is `${projectId}_${weekKey}` and existing ones are read first; a concurrent
 * planner's duplicate insert is absorbed by re-reading once.
 */
export async function planWeek(weekKey: string, now: number, teamId?: string): Promise<{ weekKey: string; created: number; existing: number }> {
  const projects = plannableProjects(await activeProjects(teamId))
  if (projects.length === 0) return { weekKey, created: 0, existing: 0 }
  const { calendar } = await loadCalendar()
  const visits = getDb().collection(COLLECTIONS.visits)
  const _ = command()
  const created = 0
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = new Set<string>()
    for (let i = 0; i < projects.length; i += PAGE) {
      const ids = projects.slice(i, i + PAGE).map((p) => visitIdOf(p._id, weekKey))
      const { data } = await visits.where({ _id: _.in(ids) }).field({ _id: true }).limit(PAGE).get()
      for (const v of data as Pick<Visit, '_id'>[]) existing.add(v._id)
    }
    const missing = projects.filter((p) => !existing.has(visitIdOf(p._id, weekKey))).map((p) => plannedVisit(p, weekKey, now, calendar))
    if (missing.length === 0) return { weekKey, created, existing: existing.size - created }
    try {
      for (let i = 0; i < missing.length; i += 100) await visits.add({ data: missing.slice(i, i + 100) })
      return { weekKey, created: created + missing.length, existing: existing.size }
    } catch (e) {
      if (attempt === 1 || !/duplicate|E11000/i.test(String((e as Error).message))) throw e
    }
  }
  return { weekKey, created, existing: 0 }
}
