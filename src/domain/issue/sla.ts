/**
 * SLA presets and the desk's configuration. Deadlines are pure functions of a recorded basis
 * (clock start + preset + paused and extension working time) and the calendar, so a calendar change
 * can recompute them (see the `recompute_deadlines` system action).
 */
import type { WorkCalendar } from '../calendar/workCalendar'
import { addClockHours, addWorkingDays, addWorkingMs, spansEstimatedYear } from '../calendar/workingTime'
import type { Complexity, Issue, SlaPreset, Urgency } from '../types'

export interface Category {
  id: string
  name: string
  complexity: Complexity
}

/** The zone's issue categories with their default complexity. */
export const CATEGORIES: readonly Category[] = [
  { id: 'policy', name: '政策咨询', complexity: 'simple' },
  { id: 'approval', name: '审批手续', complexity: 'normal' },
  { id: 'hiring', name: '用工招聘', complexity: 'normal' },
  { id: 'finance', name: '融资金融', complexity: 'complex' },
  { id: 'land', name: '用地规划', complexity: 'major' },
  { id: 'utilities', name: '水电气路', complexity: 'complex' },
  { id: 'environment', name: '环境保护', complexity: 'complex' },
  { id: 'safety', name: '安全生产', complexity: 'normal' },
  { id: 'ip', name: '知识产权', complexity: 'normal' },
  { id: 'market', name: '市场拓展', complexity: 'normal' },
  { id: 'other', name: '其他', complexity: 'normal' },
]

export const COMPLEXITY_NAMES: Record<Complexity, string> = {
  simple: '简单',
  normal: '一般',
  complex: '复杂',
  major: '重大',
}

export interface DeskConfig {
  /** Triage limit (待交办 → dispatched, declined or solved on the spot) for normal issues (working days). */
  triageWorkingDays: number
  /** Triage limit for urgent issues (clock hours). */
  urgentTriageHours: number
  /** Sign-for limit for normal issues (working days). */
  signForWorkingDays: number
  /** Sign-for limit for urgent issues (clock hours). */
  urgentSignForHours: number
  /** Answer limit by complexity (working days). */
  answerWorkingDays: Record<Complexity, number>
  /** A resolved issue nobody confirms closes itself after this many working days. */
  autoCloseWorkingDays: number
  /** 红 when overdue this many working days. */
  redAfterWorkingDays: number
  /** 蓝 when due within this many working days. */
  blueWithinWorkingDays: number
  /** An issue in the same project and category as an open one raised within this many days is a repeat. */
  repeatWindowDays: number
  categories: readonly Category[]
}

export const DEFAULT_DESK_CONFIG: DeskConfig = {
  triageWorkingDays: 1,
  urgentTriageHours: 2,
  signForWorkingDays: 1,
  urgentSignForHours: 2,
  answerWorkingDays: { simple: 2, normal: 5, complex: 10, major: 25 },
  autoCloseWorkingDays: 7,
  redAfterWorkingDays: 5,
  blueWithinWorkingDays: 1,
  repeatWindowDays: 30,
  categories: CATEGORIES,
}

export const categoryOf = (config: DeskConfig, id: string): Category | undefined =>
  config.categories.find((c) => c.id === id)

/** The preset for an issue of this urgency and complexity. */
export function slaPresetFor(config: DeskConfig, urgency: Urgency, complexity: Complexity): SlaPreset {
  const answerWorkingDays = config.answerWorkingDays[complexity]
  return urgency === 'urgent'
    ? { signForClockHours: config.urgentSignForHours, answerWorkingDays }
    : { signForWorkingDays: config.signForWorkingDays, answerWorkingDays }
}

/**
 * Triage deadline of an issue received by the service team at `from`: the same 17:00 day-0 rule as
 * every working-day limit; urgent issues get clock hours, nights and holidays included.
 * @example triageDueFor(cal, DEFAULT_DESK_CONFIG, Date.parse('2026-09-30T16:30+08:00'), 'normal') // end of 2026-10-08 (after 国庆)
 */
export function triageDueFor(cal: WorkCalendar, config: DeskConfig, from: number, urgency: Urgency): number {
  return urgency === 'urgent' ? addClockHours(from, config.urgentTriageHours) : addWorkingDays(cal, from, config.triageWorkingDays)
}

/**
 * Sign-for deadline of a dispatch at `from`.
 * @example signForDueFor(cal, Date.parse('2026-03-02T16:59+08:00'), { signForWorkingDays: 1, answerWorkingDays: 5 }) // end of Tue 03-03
 */
export function signForDueFor(cal: WorkCalendar, from: number, sla: SlaPreset): number {
  return sla.signForClockHours !== undefined
    ? addClockHours(from, sla.signForClockHours)
    : addWorkingDays(cal, from, sla.signForWorkingDays ?? 1)
}

/** Answer deadline: the preset from the clock start, pushed by paused and approved-extension working time. */
export function answerDueFor(
  cal: WorkCalendar,
  clockFrom: number,
  answerWorkingDays: number,
  pausedWorkingMs = 0,
  extensionWorkingMs = 0,
): number {
  return addWorkingMs(cal, addWorkingDays(cal, clockFrom, answerWorkingDays), pausedWorkingMs + extensionWorkingMs)
}

export interface Deadlines {
  sla: SlaPreset
  signForDue: number
  answerDue: number
  dueEstimated: boolean
}

/** Both deadlines of a dispatch at `from`. */
export function deadlinesFor(
  cal: WorkCalendar,
  config: DeskConfig,
  from: number,
  urgency: Urgency,
  complexity: Complexity,
): Deadlines {
  const sla = slaPresetFor(config, urgency, complexity)
  const signForDue = signForDueFor(cal, from, sla)
  const answerDue = answerDueFor(cal, from, sla.answerWorkingDays)
  return { sla, signForDue, answerDue, dueEstimated: spansEstimatedYear(cal, from, answerDue) }
}

/** The deadlines an open issue should have under `cal`, from its recorded bases (undefined where not live). */
export function liveDeadlines(
  cal: WorkCalendar,
  config: DeskConfig,
  issue: Issue,
): { triageDue?: number; signForDue?: number; answerDue?: number; confirmDue?: number; dueEstimated?: boolean } {
  const out: { triageDue?: number; signForDue?: number; answerDue?: number; confirmDue?: number; dueEstimated?: boolean } = {}
  const { sla } = issue
  if (issue.state === 'submitted' && issue.triageFrom !== undefined)
    out.triageDue = triageDueFor(cal, config, issue.triageFrom, issue.urgency)
  if (issue.state === 'dispatched' && sla && issue.dispatchedAt !== undefined)
    out.signForDue = signForDueFor(cal, issue.dispatchedAt, sla)
  const answerLive = ['dispatched', 'in_progress', 'awaiting_materials', 'under_review'].includes(issue.state)
  if (answerLive && sla && issue.answerClockFrom !== undefined) {
    out.answerDue = answerDueFor(
      cal,
      issue.answerClockFrom,
      sla.answerWorkingDays,
      issue.pausedWorkingMs,
      issue.extensionWorkingMs,
    )
    out.dueEstimated = spansEstimatedYear(cal, issue.answerClockFrom, out.answerDue)
  }
  if (issue.state === 'resolved' && issue.resolvedAt !== undefined)
    out.confirmDue = addWorkingDays(cal, issue.resolvedAt, config.autoCloseWorkingDays)
  return out
}
