/**
 * The project's weekly digest card: shared into the WeChat group by a staff member or the liaison.
 * WeChat cannot post into a group from the server, and updatable messages carry only fixed texts,
 * so the card's title (and the image the mini-program draws) are built at share time from the
 * board's live figures — the same figures the board shows.
 */
import type { ProjectBoard } from './views'
import { dayOfWeek, isoWeekday, ymdOf } from './time'
import type { WorkCalendar } from './calendar/workCalendar'
import { absolutePath, links } from './links'

export type DigestFigures = ProjectBoard['digest']

export interface DigestCard {
  /** The share card's title, e.g. 「本周走访已完成｜在办 5 · 本周办结 2 · 超期 1」. */
  title: string
  /** The page the card opens: the project's board. */
  path: string
  figures: DigestFigures
  /** Lines for the card image the mini-program draws (project, week, visit, counts). */
  imageText?: string[]
  /** Whether this week's digest was already shared into the group. */
  sharedThisWeek: boolean
}

export interface DigestShared {
  weekKey: string
  sharedAt: number
  sharedBy: string
  /** False when this week's digest had been shared before (the first share is kept). */
  first: boolean
}

const VISIT_PHRASE: Record<DigestFigures['visitStatus'], string> = {
  done: '本周走访已完成',
  planned: '本周走访待开展',
  missed: '本周走访未开展',
  none: '本周暂无走访安排',
}

export const digestPath = (projectId: string): string => absolutePath(links.board({ projectId, from: 'digest' }))

export function digestTitle(f: DigestFigures): string {
  return `${VISIT_PHRASE[f.visitStatus]}｜在办 ${f.open} · 本周办结 ${f.resolvedThisWeek} · 超期 ${f.overdue}`
}

/** @example digestCard({ _id: 'p1', name: '产业园' }, { weekKey: '2026-W40', visitStatus: 'done', open: 5, resolvedThisWeek: 2, overdue: 1 }, '2026-W40').title // '本周走访已完成｜在办 5 · 本周办结 2 · 超期 1' */
export function digestCard(project: { _id: string; name: string; digestSharedWeek?: string }, f: DigestFigures): DigestCard {
  return {
    title: digestTitle(f),
    path: digestPath(project._id),
    figures: f,
    imageText: [project.name, `${f.weekKey} 周报`, VISIT_PHRASE[f.visitStatus], `在办 ${f.open}`, `本周办结 ${f.resolvedThisWeek}`, `超期 ${f.overdue}`],
    sharedThisWeek: project.digestSharedWeek === f.weekKey,
  }
}

/**
 * Whether the daily job should remind the team to share this week's digest on `day`: a working day
 * from Thursday on, or — when Thursday to Sunday are all rest days (国庆) — the week's last working day.
 */
export function isDigestReminderDay(calendar: WorkCalendar, weekKey: string, now: number, fromWeekday = 4): boolean {
  const day = ymdOf(now)
  if (!calendar.isWorkingDay(day)) return false
  if (isoWeekday(day) >= fromWeekday) return true
  for (let wd = isoWeekday(day) + 1; wd <= 7; wd++) if (calendar.isWorkingDay(dayOfWeek(weekKey, wd))) return false
  return true
}
