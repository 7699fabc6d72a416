/** The monthly (or quarterly) 通报: what computeBulletin produces, the page shows and the .docx prints. */
import type { DrillKey, Weights } from '../metrics/figures'
import type { IssueSource, Ladder } from '../types'
import type { BulletinKind } from './period'

/** The figures of a row of the ranking table, in column order. */
export const BULLETIN_FIGURES = ['received', 'response', 'onTime', 'resolution', 'satisfaction', 'reopen', 'score'] as const
export type BulletinFigureKey = (typeof BULLETIN_FIGURES)[number]

export const FIGURE_LABELS: Record<BulletinFigureKey, string> = {
  received: '收件',
  response: '响应率',
  onTime: '按期办结率',
  resolution: '解决率',
  satisfaction: '满意率',
  reopen: '重办率',
  score: '综合分',
}

/**
 * The dashboard list each figure opens (the drill page, filtered to the row's department).
 * 收件 is the issues first dispatched in the period: 平均转派's denominator. 综合分 is a blend: no list.
 */
export const FIGURE_DRILL: Record<Exclude<BulletinFigureKey, 'score'>, { metric: DrillKey; part: 'numerator' | 'denominator' }> = {
  received: { metric: 'returns', part: 'denominator' },
  response: { metric: 'response', part: 'denominator' },
  onTime: { metric: 'onTime', part: 'denominator' },
  resolution: { metric: 'resolution', part: 'denominator' },
  satisfaction: { metric: 'satisfaction', part: 'denominator' },
  reopen: { metric: 'reopen', part: 'denominator' },
}

export interface BulletinFigure {
  /** Rates and 综合分: 0..1, null when there is no data. 收件: the number of issues. */
  value: number | null
  numerator: number
  denominator: number
  /**
   * Against the previous period, as the figures are shown: percentage points (rates, one decimal),
   * points (综合分), issues (收件). null when either side has no value.
   */
  change: number | null
}

export type Figures = Record<BulletinFigureKey, BulletinFigure>

export interface DepartmentRow {
  departmentId: string
  name: string
  /** 1-based position by the ranking rule (rank.ts); null when 综合分 has no value. */
  rank: number | null
  /** Unranked: the parts of 综合分 without data this period (e.g. ['满意率']). */
  missing?: string[]
  figures: Figures
  /** 当前逾期 at the time of writing: the ranking's third tie-break. */
  overdue: number
  /** 收件 at least the threshold: may stand on 红榜 / 黑榜. */
  eligible: boolean
}

export interface IssueRef {
  id: string
  /** 2026-000123 ('' for an issue from before case numbers). */
  caseNo: string
}

export interface SupervisionRow extends IssueRef {
  /** Phones masked. */
  title: string
  department: string
  state: string
  ladder: Ladder
  /** Whole working days past the running deadline (the domain's overdueWorkingDays, rounded down). */
  overdueDays: number
  overdue: boolean
}

export interface TeamRow {
  teamId: string
  name: string
  /** 走访覆盖率: project-weeks with a completed visit / active project-weeks (weeks begun). */
  coverage: BulletinFigure
  /** Visits of the period's weeks marked missed. */
  missed: number
  /** Issues raised during the team's visits in the period (source 'visit'; repeats counted once). */
  visitIssues: number
  /** The first MAX_REFS of them, to open. */
  visitIssueRefs: IssueRef[]
}

export interface Hotspot {
  category: string
  name: string
  /** Issues raised in the period and linked as 重复反映 of an earlier one. */
  repeats: number
  refs: IssueRef[]
}

export interface Bulletin {
  key: string
  kind: BulletinKind
  /** 「2026年11月企业诉求办理情况通报」 */
  title: string
  label: string
  from: number
  to: number
  /** When the figures were computed (the server's clock): "now" figures (逾期, 督办) are as of then. */
  now: number
  previous: { key: string; label: string }
  /** The period after, once it has begun (else null). */
  nextKey: string | null
  /** Minimum 收件 for 红榜 / 黑榜. */
  threshold: number
  weights: Weights
  zone: {
    figures: Figures
    coverage: BulletinFigure
    /** Issues raised in the period, repeats counted once. */
    raised: number
    repeats: number
    overdue: number
    supervised: number
  }
  /** Ranked first (by rank), then the unranked (by department order). */
  departments: DepartmentRow[]
  /** Departments with nothing to show this period. */
  idle: string[]
  /** departmentIds, in rank order; never the same department on both. */
  red: string[]
  black: string[]
  supervision: SupervisionRow[]
  teams: TeamRow[]
  hotspots: Hotspot[]
  /** The summary paragraph, written from the figures above. */
  summary: string
}

/** An issue raised in the period, as the team and hotspot tables need it. */
export interface RaisedIssue {
  _id: string
  caseNo?: string
  teamId: string
  source: IssueSource
  category: string
  repeatOf?: string
}

/** A visit as the team table needs it. */
export interface VisitRecord {
  projectId: string
  teamId: string
  weekKey: string
  status: 'planned' | 'done' | 'missed'
}

export const MAX_REFS = 30
export const MAX_SUPERVISION_ROWS = 100
export const MAX_HOTSPOTS = 5
/** 红榜 / 黑榜: the departments with at least this many issues received, by default. */
export const DEFAULT_BULLETIN_THRESHOLD = 3
