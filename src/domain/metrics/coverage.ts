/**
 * 走访覆盖率: project-weeks with a completed visit / active project-weeks (ISO weeks, Asia/Shanghai).
 *
 * A week belongs to a period when its Thursday (00:00 Shanghai) falls in [from, to): consecutive
 * periods share no week, and a month gets the weeks the ISO calendar gives it most of. Only weeks
 * that have begun by `now` count (on December 1 the month has one week, not five).
 * A project is active in a week when its status is 'active' now and it was created before the week
 * ended (the project document keeps no history of status changes).
 */
import { DAY_MS, addWeeks, weekBounds, weekKey } from '../time'
import type { Project } from '../types'
import type { GroupBy, Period, ProjectWeek, VisitFact } from './figures'

/** The ISO week keys of a period that have begun by `now`, in order. */
export function periodWeeks(period: Period, now: number): string[] {
  const out: string[] = []
  for (let w = addWeeks(weekKey(period.from), -1); ; w = addWeeks(w, 1)) {
    const { start } = weekBounds(w)
    const thursday = start + 3 * DAY_MS
    if (thursday >= period.to || start >= now) break
    if (thursday >= period.from) out.push(w)
  }
  return out
}

/** Every ISO week that shares time with the period, in order (the rows of a by-week chart). */
export function weeksOverlapping(period: Period): string[] {
  const out: string[] = []
  const last = weekKey(period.to - 1)
  for (let w = weekKey(period.from); ; w = addWeeks(w, 1)) {
    out.push(w)
    if (w === last || out.length > 600) break
  }
  return out
}

/**
 * Active projects × the period's ISO weeks: the denominator of 走访覆盖率.
 * @example activeProjectWeeks([{ _id: 'p1', teamId: 't1', status: 'active', createdAt: 0 }], march2026, april1).length // 4
 */
export function activeProjectWeeks(
  projects: readonly Pick<Project, '_id' | 'teamId' | 'status' | 'createdAt'>[],
  period: Period,
  now: number,
): ProjectWeek[] {
  const weeks = periodWeeks(period, now)
  const out: ProjectWeek[] = []
  for (const p of projects) {
    if (p.status !== 'active') continue
    for (const w of weeks) if (p.createdAt < weekBounds(w).end) out.push({ projectId: p._id, teamId: p.teamId, weekKey: w })
  }
  return out
}

const pwKey = (projectId: string, week: string): string => `${projectId}\u0000${week}`

/** Row key of a project-week, undefined when the breakdown has no coverage (by department). */
export function projectWeekGroup(pw: ProjectWeek, groupBy: GroupBy | null): string | null | undefined {
  switch (groupBy) {
    case null:
      return null
    case 'team':
      return pw.teamId
    case 'project':
      return pw.projectId
    case 'week':
      return pw.weekKey
    case 'department':
      return undefined
  }
}

export interface CoverageCount {
  key: string | null
  visitsDone: number
  projectWeeks: number
}

/**
 * Coverage numerator and denominator per row. With a list of active project-weeks, a done visit
 * counts only for a listed project-week (so the numerator never exceeds the denominator); with a bare
 * count, every done visit in the period's weeks counts, and only the total is available.
 */
export function coverageCounts(
  visits: readonly VisitFact[],
  active: number | readonly ProjectWeek[],
  period: Period,
  now: number,
  groupBy: GroupBy | null,
): CoverageCount[] {
  const done = new Set(visits.filter((v) => v.status === 'done').map((v) => pwKey(v.projectId, v.weekKey)))
  if (typeof active === 'number') {
    if (groupBy !== null) return []
    const weeks = new Set(periodWeeks(period, now))
    const visitsDone = [...done].filter((k) => weeks.has(k.split('\u0000')[1])).length
    return [{ key: null, visitsDone, projectWeeks: active }]
  }
  const rows = new Map<string | null, CoverageCount>()
  for (const pw of active) {
    const key = projectWeekGroup(pw, groupBy)
    if (key === undefined) continue
    const row = rows.get(key) ?? { key, visitsDone: 0, projectWeeks: 0 }
    row.projectWeeks += 1
    if (done.has(pwKey(pw.projectId, pw.weekKey))) row.visitsDone += 1
    rows.set(key, row)
  }
  return [...rows.values()]
}
