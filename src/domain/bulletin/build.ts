/**
 * computeBulletin: the 通报 of a month or a quarter, from the same pure metrics functions as the
 * dashboard (computeMetrics / computeMetricsBy over the issues' facts), so every figure equals what
 * the dashboard and its drill lists show for the same period and department.
 */
import type { WorkCalendar } from '../calendar/workCalendar'
import { CATEGORIES } from '../issue/sla'
import { STATE_NAMES } from '../issue/labels'
import { LADDER_RANK, overdueWorkingDays } from '../issue/ladder'
import { maskPhonesIn } from '../masking'
import { computeMetrics, computeMetricsBy } from '../metrics/compute'
import { activeProjectWeeks, periodWeeks } from '../metrics/coverage'
import { type Dashboard, DEFAULT_WEIGHTS, type IssueFacts, type Metric, type Weights } from '../metrics/figures'
import type { Department, Issue, Project, Team } from '../types'
import { type BulletinPeriod, bulletinTitle, shiftBulletinKey, bulletinPeriod } from './period'
import { honourBoards, rankDepartments, rateChange } from './rank'
import { writeSummary } from './text'
import {
  type Bulletin,
  type BulletinFigure,
  type DepartmentRow,
  type Figures,
  type Hotspot,
  type IssueRef,
  type RaisedIssue,
  type SupervisionRow,
  type TeamRow,
  type VisitRecord,
  MAX_HOTSPOTS,
  MAX_REFS,
  MAX_SUPERVISION_ROWS,
} from './bulletinView'

export interface BulletinInput {
  period: BulletinPeriod
  now: number
  /** Facts of every issue that can count in this period or the previous one (the drill's candidates over both). */
  facts: readonly IssueFacts[]
  /** Visits of both periods' weeks (done and missed ones suffice). */
  visits: readonly VisitRecord[]
  projects: readonly Pick<Project, '_id' | 'teamId' | 'status' | 'createdAt'>[]
  departments: readonly Pick<Department, '_id' | 'name' | 'order'>[]
  teams: readonly Pick<Team, '_id' | 'name'>[]
  /** Issues raised in the period. */
  raised: readonly RaisedIssue[]
  /** Open issues under 督办 now. */
  supervised: readonly Pick<Issue, '_id' | 'caseNo' | 'title' | 'leadDepartmentId' | 'state' | 'ladder' | 'triageDue' | 'signForDue' | 'answerDue'>[]
  calendar: WorkCalendar
  threshold: number
  weights?: Weights
}

const rateFigure = (now: Metric, before: Metric | undefined): BulletinFigure => ({
  value: now.value,
  numerator: now.numerator,
  denominator: now.denominator,
  change: rateChange(now.value, before?.value ?? null),
})

/** The ranking table's figures of one row (the zone, or a department) against the same row before. */
function figuresOf(now: Dashboard, before: Dashboard | undefined): Figures {
  const m = now.metrics
  const b = before?.metrics
  const received = m.returns.denominator
  return {
    received: { value: received, numerator: received, denominator: received, change: received - (b?.returns.denominator ?? 0) },
    response: rateFigure(m.response, b?.response),
    onTime: rateFigure(m.onTime, b?.onTime),
    resolution: rateFigure(m.resolution, b?.resolution),
    satisfaction: rateFigure(m.satisfaction, b?.satisfaction),
    reopen: rateFigure(m.reopen, b?.reopen),
    score: rateFigure(m.score, b?.score),
  }
}

const refOf = (i: Pick<RaisedIssue, '_id' | 'caseNo'>): IssueRef => ({ id: i._id, caseNo: i.caseNo ?? '' })
const byCaseNo = (a: IssueRef, b: IssueRef) => (a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : a.id < b.id ? -1 : 1)

function departmentRows(input: BulletinInput, previous: BulletinPeriod, weights: Weights): { rows: DepartmentRow[]; idle: string[] } {
  const { facts, period, now } = input
  const nowRows = new Map(computeMetricsBy('department', facts, [], 0, period, now, weights).map((r) => [r.key, r.dashboard]))
  const beforeRows = new Map(computeMetricsBy('department', facts, [], 0, previous, now, weights).map((r) => [r.key, r.dashboard]))
  const depts = [...input.departments].sort((a, b) => a.order - b.order || (a.name < b.name ? -1 : 1))
  const shown = depts.filter((d) => nowRows.has(d._id))
  const ranks = rankDepartments(
    shown.map((d) => {
      const m = (nowRows.get(d._id) as Dashboard).metrics
      return { id: d._id, name: d.name, order: d.order, score: m.score.value, resolution: m.resolution.value, response: m.response.value, overdue: m.overdue.numerator }
    }),
  )
  const rows = shown.map((d): DepartmentRow => {
    const dash = nowRows.get(d._id) as Dashboard
    const figures = figuresOf(dash, beforeRows.get(d._id))
    const rank = ranks.get(d._id) ?? null
    const row: DepartmentRow = {
      departmentId: d._id,
      name: d.name,
      rank,
      figures,
      overdue: dash.metrics.overdue.numerator,
      eligible: (figures.received.value ?? 0) >= input.threshold,
    }
    return rank === null ? { ...row, missing: dash.metrics.score.missing ?? [] } : row
  })
  // Ranked by rank, then the unranked in the zone's department order.
  rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || shown.findIndex((d) => d._id === a.departmentId) - shown.findIndex((d) => d._id === b.departmentId))
  return { rows, idle: depts.filter((d) => !nowRows.has(d._id)).map((d) => d.name) }
}

function teamRows(input: BulletinInput, previous: BulletinPeriod, weights: Weights): TeamRow[] {
  const { facts, period, now, projects, visits } = input
  const coverageBy = (p: BulletinPeriod) =>
    new Map(computeMetricsBy('team', facts, visits, activeProjectWeeks(projects, p, now), p, now, weights).map((r) => [r.key, r.dashboard.metrics.coverage]))
  const nowCov = coverageBy(period)
  const beforeCov = coverageBy(previous)
  const weeks = new Set(periodWeeks(period, now))
  const empty: Metric = { key: 'coverage', label: '走访覆盖率', kind: 'rate', numerator: 0, denominator: 0, value: null }
  return input.teams.map((t) => {
    const mine = input.raised.filter((i) => i.teamId === t._id && i.source === 'visit' && !i.repeatOf).map(refOf).sort(byCaseNo)
    return {
      teamId: t._id,
      name: t.name,
      coverage: rateFigure(nowCov.get(t._id) ?? empty, beforeCov.get(t._id) ?? empty),
      missed: visits.filter((v) => v.teamId === t._id && v.status === 'missed' && weeks.has(v.weekKey)).length,
      visitIssues: mine.length,
      visitIssueRefs: mine.slice(0, MAX_REFS),
    }
  })
}

function supervisionRows(input: BulletinInput, deptName: (id: string | undefined) => string): SupervisionRow[] {
  return input.supervised
    .map((i): SupervisionRow => {
      const days = overdueWorkingDays(i, input.now, input.calendar)
      return {
        id: i._id,
        caseNo: i.caseNo ?? '',
        title: maskPhonesIn(i.title),
        department: deptName(i.leadDepartmentId),
        state: STATE_NAMES[i.state],
        ladder: i.ladder,
        overdueDays: Math.floor(days + 1e-9),
        overdue: days > 0,
      }
    })
    // Longest overdue first, then the higher ladder, then by case number.
    .sort((a, b) => b.overdueDays - a.overdueDays || LADDER_RANK[b.ladder] - LADDER_RANK[a.ladder] || byCaseNo(a, b))
    .slice(0, MAX_SUPERVISION_ROWS)
}

function hotspots(raised: readonly RaisedIssue[]): Hotspot[] {
  const order = (id: string) => {
    const i = CATEGORIES.findIndex((c) => c.id === id)
    return i < 0 ? CATEGORIES.length : i
  }
  const byCategory = new Map<string, IssueRef[]>()
  for (const i of raised) if (i.repeatOf) byCategory.set(i.category, [...(byCategory.get(i.category) ?? []), refOf(i)])
  return [...byCategory]
    .map(([category, refs]) => ({ category, name: CATEGORIES.find((c) => c.id === category)?.name ?? category, repeats: refs.length, refs: refs.sort(byCaseNo).slice(0, MAX_REFS) }))
    .sort((a, b) => b.repeats - a.repeats || order(a.category) - order(b.category))
    .slice(0, MAX_HOTSPOTS)
}

/** The bulletin of `input.period` (see bulletinView.ts for what each part holds, rank.ts for the ranking rule). */
export function computeBulletin(input: BulletinInput): Bulletin {
  const { period, now, facts } = input
  const weights = input.weights ?? DEFAULT_WEIGHTS
  const previous = bulletinPeriod(shiftBulletinKey(period.key, -1)) as BulletinPeriod
  const nextKey = shiftBulletinKey(period.key, 1)
  const zoneNow = computeMetrics(facts, input.visits, activeProjectWeeks(input.projects, period, now), period, now, weights)
  const zoneBefore = computeMetrics(facts, input.visits, activeProjectWeeks(input.projects, previous, now), previous, now, weights)
  const { rows, idle } = departmentRows(input, previous, weights)
  const boards = honourBoards(rows.filter((r) => r.rank !== null && r.eligible).map((r) => r.departmentId))
  const names = new Map(input.departments.map((d) => [d._id, d.name]))
  const deptName = (id: string | undefined) => (id ? names.get(id) ?? '—' : '未交办')
  const draft: Omit<Bulletin, 'summary'> = {
    key: period.key,
    kind: period.kind,
    title: bulletinTitle(period),
    label: period.label,
    from: period.from,
    to: period.to,
    now,
    previous: { key: previous.key, label: previous.label },
    nextKey: (bulletinPeriod(nextKey) as BulletinPeriod).from < now ? nextKey : null,
    threshold: input.threshold,
    weights,
    zone: {
      figures: figuresOf(zoneNow, zoneBefore),
      coverage: rateFigure(zoneNow.metrics.coverage, zoneBefore.metrics.coverage),
      raised: input.raised.filter((i) => !i.repeatOf).length,
      repeats: input.raised.filter((i) => !!i.repeatOf).length,
      overdue: zoneNow.metrics.overdue.numerator,
      supervised: input.supervised.length,
    },
    departments: rows,
    idle,
    red: boards.red,
    black: boards.black,
    supervision: supervisionRows(input, deptName),
    teams: teamRows(input, previous, weights),
    hotspots: hotspots(input.raised),
  }
  return { ...draft, summary: writeSummary(draft) }
}
