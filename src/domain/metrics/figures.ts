/**
 * The managers' metrics: the facts they are computed from and the dashboard they produce.
 * One definition (counters.ts) is evaluated two ways — in memory by computeMetrics and in the
 * database by metricsPipeline — and both feed the same dashboardFromSums, so they agree exactly.
 */
import type { IssueState, Ladder, Rating, Resolution, VisitStatus } from '../types'

/**
 * What the metrics need to know about one issue, derived purely from it (issueFacts) and stored on
 * the issue document as `facts` on every change. Every field is present; unknown values are null
 * (never missing), so database comparisons behave like the in-memory ones.
 * Times are epoch ms; week keys are ISO weeks in Asia/Shanghai ('2026-W48').
 */
export interface IssueFacts {
  issueId: string
  projectId: string
  teamId: string
  /** 主办 department, null until dispatched. */
  departmentId: string | null
  state: IssueState
  raisedAt: number
  raisedDay: string
  /** Not closed, withdrawn or declined. */
  open: boolean
  /** Waiting for the enterprise's materials: the answer clock is stopped. */
  paused: boolean
  /** The later issue of a 重复反映 pair: left out of every figure so the pair counts once. */
  isRepeat: boolean
  /** First dispatch (the timeline's first 'dispatch', else dispatchedAt). */
  dispatchedAt: number | null
  dispatched: boolean
  /** Returns to the dispatcher (退回). */
  returns: number
  signForDue: number | null
  signedForAt: number | null
  /** true/false once decided (signed, or ended unsigned after the deadline); null while pending. */
  signedOnTime: boolean | null
  /** Effective answer deadline: approved extensions and paused working time already added. */
  answerDue: number | null
  /** Answer on the current answer clock (an answer from before a reopening does not count). */
  answeredAt: number | null
  answeredOnTime: boolean | null
  /** Working days from first dispatch to the answer, paused time excluded (2 decimals). */
  workingDaysToAnswer: number | null
  /** First time the government side reached the enterprise (materials asked, answer, solved on the spot). */
  firstContactAt: number | null
  /** Working days from raising to first contact (2 decimals). */
  workingDaysToFirstContact: number | null
  /** The deadline running now: sign-for while 待签收, answer while 办理中; null otherwise. */
  runningDue: number | null
  /** Latest confirmation, or the auto-close instant; an issue counts in the period of its latest one. */
  confirmedAt: number | null
  /** From the enterprise's own confirmation only (never from an auto-close). */
  resolution: Resolution | null
  rating: Rating | null
  autoClosed: boolean
  /** The enterprise's latest explicit confirmation, also one that reopened it (never an auto-close). */
  lastConfirmAt: number | null
  /** Reopened (重办) at least once after a confirmation. */
  reopened: boolean
  closedAt: number | null
  ladder: Ladder
  supervised: boolean
  /** ISO week of each dated fact (null when the date is null): the row of a by-week breakdown. */
  signForDueWeek: string | null
  confirmedWeek: string | null
  answerDueWeek: string | null
  answeredWeek: string | null
  dispatchedWeek: string | null
  firstContactWeek: string | null
  lastConfirmWeek: string | null
}

/** A visit as coverage needs it (the visits collection's own fields). */
export interface VisitFact {
  projectId: string
  weekKey: string
  status: VisitStatus
}

/** One week in which a project was active (expected to be visited). */
export interface ProjectWeek {
  projectId: string
  teamId: string
  weekKey: string
}

/** [from, to) in epoch ms. */
export interface Period {
  from: number
  to: number
}

export type GroupBy = 'department' | 'team' | 'project' | 'week'

/** 综合分 weights (any non-negative numbers; shown as shares of their sum). */
export interface Weights {
  response: number
  resolution: number
  satisfaction: number
}

export const DEFAULT_WEIGHTS: Weights = { response: 30, resolution: 35, satisfaction: 35 }

export type MetricKey =
  | 'response' // 响应率
  | 'resolution' // 解决率
  | 'satisfaction' // 满意率
  | 'onTime' // 按期办结率
  | 'reopen' // 重办率
  | 'returns' // 平均转派
  | 'coverage' // 走访覆盖率
  | 'score' // 综合分
  | 'overdue' // 当前逾期

export type DaysKey = 'answerDays' | 'firstContactDays'

/** Dashboard fields a figure can be drilled from. */
export type DrillKey = Exclude<MetricKey, 'coverage' | 'score'> | DaysKey

export interface Beside {
  label: string
  value: number | null
  /** rate: 0..1 (null when its denominator is 0); count: a number of issues. */
  kind: 'rate' | 'count'
}

export interface Metric {
  key: MetricKey
  label: string
  /** rate: value in 0..1; average: returns per issue; score: weighted rate in 0..1. */
  kind: 'rate' | 'average' | 'score'
  numerator: number
  denominator: number
  /** numerator / denominator, null when the denominator is 0 (综合分: null unless all three parts have data). */
  value: number | null
  besides?: Beside[]
  /** 综合分: the parts with no data this period, by name (why the score reads —). */
  missing?: string[]
}

/** A median from the working-day histogram (see HISTOGRAM_CAP in counters.ts). */
export interface DaysFigure {
  key: DaysKey
  label: string
  count: number
  /** Lower median in whole working days (an issue taking 0.3 wd counts as 1); null when count is 0. */
  median: number | null
  /** True when the median is the overflow bucket (more than HISTOGRAM_CAP - 1 working days). */
  capped: boolean
  /** histogram[d] = issues taking d working days (rounded up); the last bucket holds everything above. */
  histogram: number[]
}

export interface Dashboard {
  period: Period
  now: number
  metrics: Record<MetricKey, Metric>
  answerDays: DaysFigure
  firstContactDays: DaysFigure
  weights: Weights
}

export interface GroupRow {
  /** departmentId / teamId / projectId / weekKey; null for issues without one (e.g. not yet dispatched). */
  key: string | null
  dashboard: Dashboard
}
