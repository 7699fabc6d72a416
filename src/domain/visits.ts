/** Weekly visit rules: one visit per active project per ISO week, by the project's team. */
import { fail, ok, type Result } from './errors'
import { dayOfWeek, weekBounds } from './time'
import type { Issue, Project, Visit } from './types'
import type { WorkCalendar } from './calendar/workCalendar'

/** One visit per project per week: the id itself makes planning idempotent. */
export const visitIdOf = (projectId: string, weekKey: string): string => `${projectId}_${weekKey}`

/**
 * The day a project's visit is planned in a week: its usual weekday, or — when that is a rest day
 * (a holiday, e.g. 国庆) — the next working day of the same week, else the last one before it,
 * else the usual weekday (a week with no working day at all).
 * @example plannedDateFor('2026-W41', 3, cal) // '2026-10-08' (Thu): Wed 10-07 rests for 国庆
 */
export function plannedDateFor(weekKey: string, weekday: number, calendar?: WorkCalendar): string {
  const usual = dayOfWeek(weekKey, weekday)
  if (!calendar || calendar.isWorkingDay(usual)) return usual
  for (let wd = weekday + 1; wd <= 7; wd++) if (calendar.isWorkingDay(dayOfWeek(weekKey, wd))) return dayOfWeek(weekKey, wd)
  for (let wd = weekday - 1; wd >= 1; wd--) if (calendar.isWorkingDay(dayOfWeek(weekKey, wd))) return dayOfWeek(weekKey, wd)
  return usual
}

export function plannedVisit(project: Pick<Project, '_id' | 'teamId' | 'visitWeekday'>, weekKey: string, now: number, calendar?: WorkCalendar): Visit {
  return {
    _id: visitIdOf(project._id, weekKey),
    projectId: project._id,
    teamId: project.teamId,
    weekKey,
    plannedDate: plannedDateFor(weekKey, project.visitWeekday, calendar),
    status: 'planned',
    attendees: [],
    minutes: '',
    photos: [],
    issueIds: [],
    followUps: [],
    agenda: [],
    version: 0,
    createdAt: now,
    updatedAt: now,
  }
}

export const plannableProjects = <P extends Pick<Project, 'status'>>(projects: P[]): P[] => projects.filter((p) => p.status === 'active')

/**
 * How long the texts of a visit log may be, in characters as the page counts them (JS string length).
 * Over the limit the log is refused with the count — never cut: the minutes are the record.
 */
export const VISIT_TEXT_LIMITS = { minutes: 5000, followUpNote: 500 } as const

/** The length the limits are judged on (leading and trailing blanks are not kept). */
export const countedLength = (text: string): number => text.trim().length

/**
 * The first text over its limit, as a sentence for the person who wrote it; undefined when all fit.
 * @example visitTextProblem({ minutes: '…5123 字…', followUps: [] }) // '走访纪要最多 5000 字，现在 5123 字，请删减后再提交'
 */
export function visitTextProblem(log: { minutes: string; followUps: readonly { note: string }[] }, nameOf: (index: number) => string = (i) => `第 ${i + 1} 条`): string | undefined {
  return visitTextProblemAt(log, nameOf)?.message
}

/** The same, with the field it is about ('minutes', 'followUps[1].note'). */
export function visitTextProblemAt(log: { minutes: string; followUps: readonly { note: string }[] }, nameOf: (index: number) => string = (i) => `第 ${i + 1} 条`): { field: string; message: string } | undefined {
  const minutes = countedLength(log.minutes)
  if (minutes > VISIT_TEXT_LIMITS.minutes) return { field: 'minutes', message: `走访纪要最多 ${VISIT_TEXT_LIMITS.minutes} 字，现在 ${minutes} 字，请删减后再提交` }
  for (const [i, f] of log.followUps.entries()) {
    const n = countedLength(f.note)
    if (n > VISIT_TEXT_LIMITS.followUpNote) return { field: `followUps[${i}].note`, message: `回头看记录每条最多 ${VISIT_TEXT_LIMITS.followUpNote} 字，${nameOf(i)}现在 ${n} 字，请删减后再提交` }
  }
  return undefined
}

export interface VisitLog {
  clientRequestId: string
  checkIn?: { latitude: number; longitude: number; accuracy?: number }
  attendees: Visit['attendees']
  minutes: string
  photos: string[]
  followUps: Visit['followUps']
}

/**
 * Completing a visit. Submitting the same log twice (same clientRequestId) answers with the
 * visit as completed the first time; a different log for a done visit is a conflict.
 */
export function completeVisit(visit: Visit, log: VisitLog, by: string, now: number): Result<{ visit: Visit; replay: boolean }> {
  if (visit.status === 'done') {
    if (visit.clientRequestId === log.clientRequestId) return ok({ visit, replay: true })
    return fail('CONFLICT', '本周走访已经提交过了', { visit })
  }
  if (visit.status === 'missed' && now >= weekBounds(visit.weekKey).end + 7 * 86_400_000) {
    return fail('INVALID_TRANSITION', '该走访已逾期一周以上，不能再补记')
  }
  if (now < weekBounds(visit.weekKey).start) return fail('INVALID_TRANSITION', '还没到这周，不能提前提交走访记录')
  const tooLong = visitTextProblemAt(log)
  if (tooLong) return fail('INVALID_INPUT', tooLong.message, { field: tooLong.field })
  const issueIds = log.followUps.map((f) => f.issueId)
  if (new Set(issueIds).size !== issueIds.length) return fail('INVALID_INPUT', '同一个问题只能写一条回头看记录')
  const checkIn = log.checkIn ? { ...log.checkIn, at: visit.checkIn?.at ?? now } : visit.checkIn
  return ok({
    replay: false,
    visit: {
      ...visit,
      status: 'done',
      checkIn,
      attendees: log.attendees,
      minutes: log.minutes,
      photos: log.photos,
      followUps: log.followUps,
      clientRequestId: log.clientRequestId,
      completedAt: now,
      completedBy: by,
      version: visit.version + 1,
      updatedAt: now,
    },
  })
}

const OPEN_STATES: Issue['state'][] = ['submitted', 'dispatched', 'in_progress', 'awaiting_materials', 'under_review', 'resolved']

/** 回头看: next week's agenda, drafted from the project's open issues, overdue ones first. */
export function agendaDraft(issues: Pick<Issue, 'title' | 'state' | 'answerDue' | 'signForDue'>[], now: number): string[] {
  const open = issues.filter((i) => OPEN_STATES.includes(i.state))
  const due = (i: (typeof open)[number]) => i.answerDue ?? i.signForDue ?? Infinity
  return open
    .sort((a, b) => due(a) - due(b))
    .slice(0, 10)
    .map((i) => (due(i) < now ? `【已超期】跟进「${i.title}」` : `跟进「${i.title}」`))
}
