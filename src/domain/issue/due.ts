/**
 * The deadline a reader should see now, with the time left or the time overdue as people say it:
 * working-day limits in working days and hours ("剩余 1 个工作日 6 小时", "已超期 3 个工作日"),
 * urgent limits in clock hours (nights and holidays count for them). One function, used by every view,
 * so a page never counts its own way (a page once said 剩余 2 天 for 39 working hours across a weekend).
 */
import type { WorkCalendar } from '../calendar/workCalendar'
import { workingMsBetween } from '../calendar/workingTime'
import { DAY_MS, HOUR_MS } from '../time'
import type { Issue } from '../types'

export type DueKind = 'triage' | 'sign_for' | 'answer' | 'confirm'

export interface DueView {
  kind: DueKind
  /** 交办期限 / 签收期限 / 答复期限 / 请在此前确认 */
  label: string
  /** The deadline (a working-day limit ends at 24:00, stored as the next day's 00:00). */
  at: number
  /** '剩余 1 个工作日 6 小时' · '剩余 40 分钟' · '已超期 3 个工作日' · '计时已暂停'. */
  remaining: string
  overdue: boolean
  /** The clock is stopped while the enterprise supplies materials. */
  paused: boolean
  /** Clock hours (urgent), not working days. */
  clockHours: boolean
}

const LABELS: Record<DueKind, string> = {
  triage: '交办期限',
  sign_for: '签收期限',
  answer: '答复期限',
  confirm: '请在此前确认',
}

/** Which deadline a reader sees in each state (under review: the department's answer deadline). */
function deadlineOf(issue: Issue): { kind: DueKind; at: number } | undefined {
  const pick = (kind: DueKind, at: number | undefined) => (at === undefined ? undefined : { kind, at })
  switch (issue.state) {
    case 'submitted':
      return pick('triage', issue.triageDue)
    case 'dispatched':
      return pick('sign_for', issue.signForDue)
    case 'in_progress':
    case 'awaiting_materials':
    case 'under_review':
      return pick('answer', issue.answerDue)
    case 'resolved':
      return pick('confirm', issue.confirmDue)
    default:
      return undefined
  }
}

const isClockHours = (issue: Issue, kind: DueKind): boolean =>
  (kind === 'triage' && issue.urgency === 'urgent') || (kind === 'sign_for' && issue.sla?.signForClockHours !== undefined)

/**
 * @example remainingWorking(cal, at('2026-03-06 09:00'), at('2026-03-10 00:00')) // '剩余 1 个工作日 15 小时' (Fri 09:00 → 24:00 Mon)
 */
export function remainingWorking(cal: WorkCalendar, now: number, due: number): { text: string; overdue: boolean } {
  if (now > due) {
    const late = workingMsBetween(cal, due, now)
    const days = Math.floor(late / DAY_MS)
    return { text: days >= 1 ? `已超期 ${days} 个工作日` : `已超期 ${Math.max(1, Math.ceil(late / HOUR_MS))} 小时`, overdue: true }
  }
  const left = workingMsBetween(cal, now, due)
  let days = Math.floor(left / DAY_MS)
  let hours = Math.ceil((left - days * DAY_MS) / HOUR_MS)
  if (hours === 24) {
    days += 1
    hours = 0
  }
  if (days === 0 && hours === 0) return { text: '今天到期', overdue: false }
  const parts = [days > 0 ? `${days} 个工作日` : '', hours > 0 ? `${hours} 小时` : ''].filter(Boolean)
  return { text: `剩余 ${parts.join(' ')}`, overdue: false }
}

/** @example remainingClock(at('2026-03-07 23:30'), at('2026-03-08 01:30')) // '剩余 2 小时' */
export function remainingClock(now: number, due: number): { text: string; overdue: boolean } {
  const diff = due - now
  const minutes = Math.ceil(Math.abs(diff) / 60_000)
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  const span = h > 0 ? `${h} 小时${m > 0 ? ` ${m} 分钟` : ''}` : `${Math.max(1, m)} 分钟`
  return diff < 0 ? { text: `已超期 ${span}`, overdue: true } : { text: `剩余 ${span}`, overdue: false }
}

/** Under review the department has answered: the clock stopped at its answer. */
function answered(issue: Issue, due: number): { text: string; overdue: boolean } {
  const late = (issue.answeredAt ?? 0) > due
  return { text: late ? '逾期答复，待督核' : '已按期答复，待督核', overdue: late }
}

/** The deadline to show for the issue now, or undefined when none applies (closed, withdrawn, declined). */
export function dueView(issue: Issue, now: number, cal: WorkCalendar): DueView | undefined {
  const d = deadlineOf(issue)
  if (!d) return undefined
  const clockHours = isClockHours(issue, d.kind)
  const paused = issue.state === 'awaiting_materials'
  const r = paused
    ? { text: '等待企业补充材料，计时已暂停', overdue: false }
    : issue.state === 'under_review'
      ? answered(issue, d.at)
      : clockHours
        ? remainingClock(now, d.at)
        : remainingWorking(cal, now, d.at)
  return { kind: d.kind, label: LABELS[d.kind], at: d.at, remaining: r.text, overdue: r.overdue, paused, clockHours }
}
