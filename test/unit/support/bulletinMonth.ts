/**
 * A hand-built November 2026 for the bulletin tests: six departments, two teams, three projects,
 * October for the changes. Every figure the tests expect is worked out by hand in
 * test/unit/bulletin.compute.test.ts from what is written here.
 *
 * Written on Tue 2026-12-01 09:00 (the first working day of December).
 */
import { buildCalendar } from '../../../src/domain/calendar'
import { type BulletinInput, type RaisedIssue, type VisitRecord, bulletinPeriod } from '../../../src/domain/bulletin'
import type { IssueFacts } from '../../../src/domain/metrics'
import type { Issue, Rating, Resolution } from '../../../src/domain/types'
import { endOf, fact, issue, sh } from './metricsFactory'

export const NOW = sh('2026-12-01T09:00:00')
export const NOVEMBER = bulletinPeriod('2026-11')!

export const DEPTS = {
  A: { _id: 'dA', name: '住建局', order: 1 },
  C: { _id: 'dC', name: '商务局', order: 2 },
  B: { _id: 'dB', name: '发改局', order: 3 },
  D: { _id: 'dD', name: '税务局', order: 4 },
  E: { _id: 'dE', name: '供电公司', order: 5 },
  F: { _id: 'dF', name: '市监局', order: 6 },
  G: { _id: 'dG', name: '教育局', order: 7 },
}

interface Done {
  /** Day of first dispatch, e.g. '2026-11-02'. */
  day: string
  signed: boolean
  answered: boolean
  res: Resolution
  rating: Rating
  /** Latest confirmation (default the 20th of the dispatch month, 15:00). */
  confirmedAt?: number
  reopened?: boolean
  isRepeat?: boolean
}

/**
 * A closed issue: dispatched at 10:00 of `day`, sign-for due at its end, answer due five days later,
 * confirmed on the 20th — all in the month of `day`.
 */
function done(id: string, dept: { _id: string }, d: Done): IssueFacts {
  const dispatchedAt = sh(`${d.day}T10:00:00`)
  const signForDue = endOf(d.day)
  const answerDue = endOf(`${d.day.slice(0, 8)}${String(Number(d.day.slice(8)) + 5).padStart(2, '0')}`)
  const confirmedAt = d.confirmedAt ?? sh(`${d.day.slice(0, 8)}20T15:00:00`)
  return fact(id, {
    departmentId: dept._id,
    state: 'closed',
    dispatchedAt,
    signForDue,
    signedForAt: d.signed ? dispatchedAt + 3_600_000 : signForDue + 3_600_000,
    signedOnTime: d.signed,
    answerDue,
    answeredAt: d.answered ? dispatchedAt + 2 * 86_400_000 : answerDue + 3_600_000,
    answeredOnTime: d.answered,
    confirmedAt,
    lastConfirmAt: confirmedAt,
    closedAt: confirmedAt,
    resolution: d.res,
    rating: d.rating,
    reopened: !!d.reopened,
    isRepeat: !!d.isRepeat,
  })
}

const ok = { signed: true, answered: true }

export const FACTS: IssueFacts[] = [
  // 住建局 (A): four closed in November, one waiting for materials (its sign-for deadline is 24:00 of 11-30: November's).
  done('a1', DEPTS.A, { day: '2026-11-02', ...ok, res: 'solved', rating: 'satisfied' }),
  done('a2', DEPTS.A, { day: '2026-11-03', ...ok, res: 'solved', rating: 'satisfied' }),
  done('a3', DEPTS.A, { day: '2026-11-04', ...ok, res: 'solved', rating: 'satisfied' }),
  done('a4', DEPTS.A, { day: '2026-11-05', signed: true, answered: false, res: 'partly', rating: 'basically' }),
  fact('a5', {
    departmentId: DEPTS.A._id, state: 'awaiting_materials', dispatchedAt: sh('2026-11-23T10:00:00'), signForDue: endOf('2026-11-30'),
    signedForAt: sh('2026-11-23T11:00:00'), signedOnTime: true, answerDue: endOf('2026-12-04'), paused: true, ladder: 'blue', supervised: true,
  }),
  // A repeat of a1, closed too: left out of every figure.
  done('aRepeat', DEPTS.A, { day: '2026-11-06', ...ok, res: 'solved', rating: 'satisfied', isRepeat: true }),
  // 住建局 in October: the second one's confirmation is at 24:00 of 10-31 — October's.
  done('ao1', DEPTS.A, { day: '2026-10-12', ...ok, res: 'solved', rating: 'satisfied' }),
  done('ao2', DEPTS.A, { day: '2026-10-13', signed: false, answered: true, res: 'partly', rating: 'basically', confirmedAt: sh('2026-11-01T00:00:00') }),
  // 发改局 (B) and 商务局 (C): the same 综合分, B with the higher 解决率.
  done('b1', DEPTS.B, { day: '2026-11-02', ...ok, res: 'solved', rating: 'satisfied' }),
  done('b2', DEPTS.B, { day: '2026-11-03', ...ok, res: 'solved', rating: 'satisfied' }),
  done('b3', DEPTS.B, { day: '2026-11-04', signed: false, answered: true, res: 'solved', rating: 'basically' }),
  done('b4', DEPTS.B, { day: '2026-11-05', signed: false, answered: true, res: 'solved', rating: 'basically' }),
  done('c1', DEPTS.C, { day: '2026-11-02', ...ok, res: 'solved', rating: 'satisfied' }),
  done('c2', DEPTS.C, { day: '2026-11-03', ...ok, res: 'solved', rating: 'satisfied' }),
  done('c3', DEPTS.C, { day: '2026-11-04', signed: false, answered: true, res: 'partly', rating: 'satisfied' }),
  done('c4', DEPTS.C, { day: '2026-11-05', signed: false, answered: true, res: 'partly', rating: 'satisfied' }),
  // 税务局 (D): perfect, but only two issues.
  done('d1', DEPTS.D, { day: '2026-11-06', ...ok, res: 'solved', rating: 'satisfied' }),
  done('d2', DEPTS.D, { day: '2026-11-07', ...ok, res: 'solved', rating: 'satisfied' }),
  // 供电公司 (E): e3 was reopened (未解决) and confirmed again.
  done('e1', DEPTS.E, { day: '2026-11-02', ...ok, res: 'solved', rating: 'basically' }),
  done('e2', DEPTS.E, { day: '2026-11-03', signed: false, answered: false, res: 'partly', rating: 'basically' }),
  done('e3', DEPTS.E, { day: '2026-11-04', signed: false, answered: false, res: 'partly', rating: 'basically', reopened: true }),
  // 市监局 (F): nothing confirmed yet. f1 answer overdue (督办 by hand), f2 on course, f3 never signed for (红, 督办).
  fact('f1', {
    departmentId: DEPTS.F._id, state: 'in_progress', dispatchedAt: sh('2026-11-16T10:00:00'), signForDue: endOf('2026-11-16'),
    signedForAt: sh('2026-11-16T11:00:00'), signedOnTime: true, answerDue: endOf('2026-11-26'), runningDue: endOf('2026-11-26'), ladder: 'yellow', supervised: true,
  }),
  fact('f2', {
    departmentId: DEPTS.F._id, state: 'in_progress', dispatchedAt: sh('2026-11-17T10:00:00'), signForDue: endOf('2026-11-17'),
    signedForAt: sh('2026-11-17T11:00:00'), signedOnTime: true, answerDue: endOf('2026-12-08'), runningDue: endOf('2026-12-08'),
  }),
  fact('f3', {
    departmentId: DEPTS.F._id, state: 'dispatched', dispatchedAt: sh('2026-11-18T10:00:00'), signForDue: endOf('2026-11-19'),
    runningDue: endOf('2026-11-19'), ladder: 'red', supervised: true,
  }),
]

/** The open issues under 督办, as stored (what the 督办 list reads). */
export const SUPERVISED: Issue[] = [
  issue({ _id: 'a5', caseNo: '2026-000047', title: '施工图审查意见', leadDepartmentId: DEPTS.A._id, state: 'awaiting_materials', answerDue: endOf('2026-12-04'), ladder: 'blue', supervised: true }),
  issue({ _id: 'f1', caseNo: '2026-000052', title: '广告牌设置审批', leadDepartmentId: DEPTS.F._id, state: 'in_progress', answerDue: endOf('2026-11-26'), ladder: 'yellow', supervised: true }),
  issue({
    _id: 'f3', caseNo: '2026-000053', title: '食品经营许可证延续 联系电话 139 1234 5678', leadDepartmentId: DEPTS.F._id, state: 'dispatched',
    signForDue: endOf('2026-11-19'), ladder: 'red', supervised: true,
  }),
]

const raisedIssue = (_id: string, caseNo: string, teamId: string, over: Partial<RaisedIssue> = {}): RaisedIssue => ({ _id, caseNo, teamId, source: 'group', category: 'approval', ...over })

/** Raised in November: the 21 issues above, the repeat of a1 and two more repeats. */
export const RAISED: RaisedIssue[] = [
  raisedIssue('a1', '2026-000031', 't1', { source: 'visit' }),
  raisedIssue('b1', '2026-000035', 't1', { source: 'visit' }),
  raisedIssue('e1', '2026-000041', 't2', { source: 'visit', category: 'utilities' }),
  ...['a2', 'a3', 'a4', 'a5', 'b2', 'b3', 'b4', 'c1', 'c2', 'c3', 'c4', 'd1', 'd2', 'e2', 'e3', 'f1', 'f2', 'f3'].map((id, i) =>
    raisedIssue(id, `2026-0001${String(i).padStart(2, '0')}`, id < 'c' ? 't1' : 't2'),
  ),
  raisedIssue('aRepeat', '2026-000060', 't1', { source: 'visit', repeatOf: 'a1' }),
  raisedIssue('r2', '2026-000061', 't2', { category: 'utilities', repeatOf: 'e1' }),
  raisedIssue('r3', '2026-000062', 't2', { category: 'utilities', repeatOf: 'e1' }),
]

export const TEAMS = [{ _id: 't1', name: '第一服务专班' }, { _id: 't2', name: '第二服务专班' }]
const created = sh('2026-01-05T09:00:00')
export const PROJECTS = [
  { _id: 'p1', teamId: 't1', status: 'active' as const, createdAt: created },
  { _id: 'p2', teamId: 't1', status: 'active' as const, createdAt: created },
  { _id: 'p3', teamId: 't2', status: 'active' as const, createdAt: created },
]

const visit = (projectId: string, weekKey: string, status: VisitRecord['status']): VisitRecord => ({
  projectId, teamId: PROJECTS.find((p) => p._id === projectId)!.teamId, weekKey, status,
})
const weeks = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2026-W${from + i}`)

/** November's weeks are W45–W48 (their Thursdays fall in November); October's W40–W44. */
export const VISITS: VisitRecord[] = [
  ...weeks(45, 48).map((w) => visit('p1', w, 'done')),
  ...weeks(45, 46).map((w) => visit('p2', w, 'done')),
  ...weeks(47, 48).map((w) => visit('p2', w, 'missed')),
  ...weeks(45, 47).map((w) => visit('p3', w, 'done')),
  visit('p3', '2026-W48', 'missed'),
  ...weeks(40, 44).map((w) => visit('p1', w, 'done')),
  ...weeks(40, 42).map((w) => visit('p2', w, 'done')),
  ...weeks(43, 44).map((w) => visit('p2', w, 'missed')),
  ...weeks(40, 44).map((w) => visit('p3', w, 'done')),
]

export const novemberInput = (over: Partial<BulletinInput> = {}): BulletinInput => ({
  period: NOVEMBER,
  now: NOW,
  facts: FACTS,
  visits: VISITS,
  projects: PROJECTS,
  departments: Object.values(DEPTS),
  teams: TEAMS,
  raised: RAISED,
  supervised: SUPERVISED,
  calendar: buildCalendar([]),
  threshold: 3,
  ...over,
})
