/**
 * The desk on the dates that have broken things, or would (test/support/clock.ts EDGE_DATES): on each,
 * a zone is built, an issue goes through its whole life, another waits in 待交办, a visit is logged,
 * the hourly job runs, and the board and the dashboard (本周/本月/本季度/本年) answer — never INTERNAL —
 * with the figures the domain's one pure function gives over the same facts.
 * Then the dashboard answers for every month, quarter and year of 2026 and 2027.
 */
import type { IssueDetail } from '../../src/domain/contract/issues'
import { computeMetrics, type IssueFacts } from '../../src/domain/metrics'
import { PERIOD_KINDS, periodFor } from '../../src/domain/period'
import { weekKey } from '../../src/domain/time'
import { EDGE_DATES, at } from '../support/clock'
import { type App, startApp } from './support/app'
import { buildWorld, requestId, type World } from './support/world'

jest.setTimeout(300_000)

const HOUR = 3_600_000
const DAY = 24 * HOUR
const CHECKS = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }
const RATES = ['response', 'resolution', 'satisfaction', 'onTime', 'reopen', 'returns', 'overdue'] as const

let app: App
beforeAll(async () => { app = await startApp() })
afterAll(() => app?.stop())

const post = (pathname: string, body: unknown) =>
  app.cloud.fetchJson(pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const fireJobs = async (time: number) => {
  const { body } = await post('/dev/timers/jobs', { time: new Date(time).toISOString() })
  expect(body.result).toMatchObject({ ok: true })
}
const facts = async (): Promise<IssueFacts[]> => ((await app.cloud.fetchJson('/dev/db/issues')).body.documents as { facts: IssueFacts }[]).map((d) => d.facts)

/** The dashboard for a period answers, and its rates are computeMetrics over the stored facts. */
async function expectDashboardAgrees(w: World, period: { from: number; to: number } | { kind: string }, what: string) {
  const res = await app.cloud.call('dashboard', { action: 'summary', input: { period, groupBy: 'department' } }, w.manager.openid)
  expect({ what, ok: res.result?.ok, error: res.result?.error }).toEqual({ what, ok: true, error: undefined })
  const view = res.result.data
  const expected = computeMetrics(await facts(), [], 0, view.dashboard.period, view.dashboard.now)
  for (const key of RATES) {
    expect({ what, key, ...pick(view.dashboard.metrics[key]) }).toEqual({ what, key, ...pick(expected.metrics[key]) })
  }
  // Every week the period touches has its bar, in order.
  const weeks = view.weekly.map((x: { weekKey: string }) => x.weekKey)
  expect(weeks).toEqual([...weeks].sort())
  expect(weeks[0]).toBe(weekKey(view.dashboard.period.from))
  return view
}
const pick = (m: { numerator: number; denominator: number }) => ({ numerator: m.numerator, denominator: m.denominator })

describe.each(Object.entries(EDGE_DATES))('on %s (%s)', (_name, iso) => {
  let w: World
  beforeAll(async () => {
    await app.cloud.reset()
    await app.cloud.setClock(iso)
    w = await buildWorld(app)
  })

  it('an issue goes through its life, another waits in 待交办; the board and the dashboard agree with the pure function', async () => {
    const raise = (title: string, urgency: 'normal' | 'urgent') => w.liaison.call('issues', 'raise', {
      projectId: w.project._id, source: 'group', category: 'approval', title, description: '请协调办理', photos: [], urgency, clientRequestId: requestId(),
    })
    let d: IssueDetail = await raise('施工许可办理', 'normal')
    const waiting = await raise('临时用电接入', 'urgent')
    expect(waiting.issue.due).toMatchObject({ kind: 'triage' })
    const act = async (who: World['liaison'], command: Record<string, unknown>) =>
      (d = await who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as never }))
    await act(w.staffA, { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [], category: 'approval', complexity: 'normal' })
    expect(d.issue.due).toMatchObject({ kind: 'sign_for' })
    await act(w.handlerZj, { action: 'sign_for' })
    expect(d.issue.due?.at).toBeGreaterThan(w.now)
    await act(w.handlerZj, { action: 'answer', text: '已办结，许可证已寄出。', files: [] })
    await act(w.staffA, { action: 'review', passed: true, checklist: CHECKS })
    await act(w.liaison, { action: 'confirm', resolution: 'solved', rating: 'satisfied' })
    expect(d.issue.state).toBe('closed')

    // A visit logged this week.
    const week = weekKey(w.now)
    await w.staffA.call('visits', 'planWeek', { weekKey: week })
    await w.staffA.call('visits', 'complete', { visitId: `${w.project._id}_${week}`, clientRequestId: requestId(), attendees: [{ name: '李明', side: 'government' }], minutes: '现场了解用电需求', photos: [] })

    // Three days on, the hourly job runs; the urgent issue left in 待交办 is overdue on its board.
    const later = w.now + 3 * DAY
    await app.cloud.setClock(later)
    await fireJobs(later)
    const board = await w.liaison.call('projects', 'board', { projectId: w.project._id })
    expect(board).toBeDefined()
    const stillWaiting = await w.staffA.call('issues', 'get', { issueId: waiting.issue._id })
    expect(stillWaiting.issue.state).toBe('submitted')
    expect(stillWaiting.issue.due).toMatchObject({ kind: 'triage', overdue: true })

    for (const kind of PERIOD_KINDS) await expectDashboardAgrees(w, { kind }, `${iso} ${kind}`)
    const coverage = await w.manager.call('visits', 'coverage', { fromWeek: week, toWeek: weekKey(later) })
    expect(coverage.find((r) => r.weekKey === week)).toMatchObject({ done: 1 })
  })
})

describe('every month, quarter and year of 2026 and 2027', () => {
  let w: World
  beforeAll(async () => {
    await app.cloud.reset()
    await app.cloud.setClock('2026-01-05T10:00:00+08:00')
    w = await buildWorld(app)
    // An issue raised in each month of 2026, closed about five weeks later (so some close in the next month or year).
    for (let month = 1; month <= 12; month++) {
      await app.cloud.setClock(`2026-${String(month).padStart(2, '0')}-20T10:00:00+08:00`)
      let d: IssueDetail = await w.liaison.call('issues', 'raise', {
        projectId: w.project._id, source: 'group', category: 'market', title: `${month} 月的诉求`, description: '请协调', photos: [], urgency: 'normal', clientRequestId: requestId(),
      })
      const act = async (who: World['liaison'], command: Record<string, unknown>) =>
        (d = await who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as never }))
      await act(w.staffA, { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [], category: 'market', complexity: 'normal' })
      await act(w.handlerZj, { action: 'sign_for' })
      await app.cloud.setClock((await app.now()) + 35 * DAY)
      await act(w.handlerZj, { action: 'answer', text: '已办结。', files: [] })
      await act(w.staffA, { action: 'review', passed: true, checklist: CHECKS })
      if (month % 3 !== 0) await act(w.liaison, { action: 'confirm', resolution: month % 2 ? 'solved' : 'partly', rating: month % 2 ? 'satisfied' : 'basically', acknowledgeMismatch: true })
    }
    await app.cloud.setClock(at('2027-03-10T10:00:00+08:00'))
  })

  const starts: number[] = []
  for (const year of [2026, 2027]) for (let m = 1; m <= 12; m++) starts.push(at(`${year}-${String(m).padStart(2, '0')}-15T12:00:00+08:00`))

  it.each(['month', 'quarter', 'year'] as const)('each %s answers with the pure function\'s figures', async (kind) => {
    const seen = new Set<string>()
    for (const inside of starts) {
      const period = periodFor(kind, inside)
      const key = `${period.from}-${period.to}`
      if (seen.has(key)) continue
      seen.add(key)
      await expectDashboardAgrees(w, period, `${kind} from ${new Date(period.from).toISOString()}`)
    }
    expect(seen.size).toBe({ month: 24, quarter: 8, year: 2 }[kind])
  })
})
