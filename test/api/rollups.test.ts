/**
 * Rollups through the functions: the dashboard reads the rollups, and its figures are the domain's pure
 * function over the stored issues — after steps, reopens, a calendar entry that moves deadlines, deadlines
 * passing as the clock runs, and the hourly job; a step retried, the job fired twice and steps racing on
 * one department's documents count once; the rebuild check (scripts/rollups.ts) agrees.
 */
import { computeMetrics, computeMetricsBy, type IssueFacts, weeklyOpenedClosed } from '../../src/domain/metrics'
import { periodFor } from '../../src/domain/period'
import { DAY_MS, HOUR_MS } from '../../src/domain/time'
import { MANAGER, stepRequestId, unindexedQueries } from './support/app'
import { fireJobs } from './support/hostileFaults'
import { type RollupReport, dumpOf, rollupCommand, rollupMarks, tamperWithRollup } from './support/rollups'
import { requestId, useApiWorld, type World } from './support/world'
import { ARRANGEMENT_2027 } from './support/arrangements'

jest.setTimeout(240_000)

// One world for the whole file: the stories run on, each from where the one before left the zone.
const { app, w } = useApiWorld()
const CHECKS = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }

type Detail = { issue: { _id: string; version: number } }
const raise = (who: World['liaison'], projectId: string, title: string, urgency = 'normal') =>
  who.call('issues', 'raise', { projectId, source: 'group', category: 'approval', title, description: '请协调办理', photos: [], urgency: urgency as 'normal', clientRequestId: requestId() }) as Promise<Detail>
const act = (who: World['liaison'], d: Detail, command: Record<string, unknown>) =>
  who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as any }) as Promise<Detail>

const setClock = (iso: string) => app.cloud.setClock(iso)
const summary = (input: Record<string, unknown>) => w.manager.call('dashboard', 'summary', input as any)

/** The stored issues' facts, and the figures the pure function gives over them at the dashboard's own `now`. */
async function expectPureFigures(period: { from: number; to: number } | { kind: 'quarter' | 'month' | 'week' }, groupBy?: 'department' | 'week') {
  const view = await summary({ period, ...(groupBy ? { groupBy } : {}) })
  const facts = (await dumpOf(app, 'issues')).map((d) => d.facts as IssueFacts)
  const { period: p, now } = view.dashboard
  const expected = computeMetrics(facts, [], 0, p, now)
  for (const key of ['response', 'resolution', 'satisfaction', 'onTime', 'reopen', 'returns', 'overdue', 'score'] as const)
    expect([key, view.dashboard.metrics[key]]).toEqual([key, expected.metrics[key]])
  expect(view.dashboard.answerDays).toEqual(expected.answerDays)
  expect(view.dashboard.firstContactDays).toEqual(expected.firstContactDays)
  expect(view.weekly).toEqual(weeklyOpenedClosed(facts, p))
  if (groupBy) {
    // Rows by week also carry 走访覆盖率 (visits): compare the issues' figures, on the rows that have any.
    const ofIssues = (r: { key: string | null; dashboard: any }) => ({ key: r.key, metrics: { ...r.dashboard.metrics, coverage: undefined, score: undefined }, days: [r.dashboard.answerDays, r.dashboard.firstContactDays] })
    const hasIssues = (r: ReturnType<typeof ofIssues>) => r.days.some((d) => d.count > 0) || Object.values(r.metrics).some((m: any) => m && (m.numerator || m.denominator))
    expect(view.rows!.map(ofIssues).filter(hasIssues)).toEqual(computeMetricsBy(groupBy, facts, [], 0, p, now).map(ofIssues).filter(hasIssues))
  }
  return view
}

async function expectClean(expectNothingPending = true): Promise<RollupReport> {
  if (expectNothingPending) expect(await rollupMarks(app)).toEqual([])
  const report = await rollupCommand(app, 'check')
  expect(report).toMatchObject({ stale: 0, drift: 0, ...(expectNothingPending ? { pending: 0, behind: 0, exitCode: 0 } : {}) })
  expect(report.issues).toBe(report.issuesInCollection)
  return report
}

describe('the dashboard from the rollups', () => {
  const issues: Record<string, Detail> = {}

  it('after raises and steps (each moved after its reply), gives the pure function\'s figures for a quarter, by department and by week', async () => {
    await setClock('2026-12-21T10:00:00+08:00') // a Monday
    issues.permit = await raise(w.liaison, w.project._id, '施工许可')
    issues.power = await raise(w.liaison, w.project._id, '用电增容')
    issues.land = await raise(w.otherLiaison, w.otherProject._id, '土地证办理')
    issues.urgent = await raise(w.liaison, w.project._id, '停水抢修', 'urgent')
    issues.permit = await act(w.staffA, issues.permit, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval', complexity: 'complex' })
    issues.power = await act(w.staffA, issues.power, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval', complexity: 'simple' })
    issues.land = await act(w.staffB, issues.land, { action: 'dispatch', leadDepartmentId: w.departments.sw, category: 'approval' })
    issues.urgent = await act(w.staffA, issues.urgent, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval', urgency: 'urgent' })
    issues.permit = await act(w.handlerZj, issues.permit, { action: 'sign_for' })
    issues.power = await act(w.handlerZj, issues.power, { action: 'sign_for' })
    issues.power = await act(w.handlerZj, issues.power, { action: 'answer', text: '已于 12 月 22 日完成增容，电话告知企业', files: [] })
    issues.power = await act(w.staffA, issues.power, { action: 'review', passed: true, checklist: CHECKS })
    issues.power = await act(w.liaison, issues.power, { action: 'confirm', resolution: 'unsolved', rating: 'unsatisfied', comment: '仍未通电' }) // 重办
    issues.land = await act(w.staffB, issues.land, { action: 'return', reason: '请重新交办' } as any).catch(() => issues.land)
    issues.permit = await act(w.handlerZj, issues.permit, { action: 'request_materials', reason: '请补充消防设计图' })
    await expectClean()
    await expectPureFigures({ kind: 'quarter' })
    await expectPureFigures({ kind: 'quarter' }, 'department')
    await expectPureFigures({ kind: 'month' }, 'week')
  })

  it('as deadlines pass (the urgent sign-for within hours, the working-day ones at 24:00), without any step', async () => {
    for (const at of ['2026-12-21T12:30:00+08:00', '2026-12-22T00:00:00+08:00', '2026-12-22T00:00:00.001+08:00', '2026-12-24T16:59:00+08:00', '2026-12-29T09:00:00+08:00']) {
      await setClock(at)
      const view = await expectPureFigures({ kind: 'quarter' }, 'department')
      if (at.startsWith('2026-12-29')) expect(view.dashboard.metrics.overdue.numerator).toBeGreaterThan(0)
    }
  })

  it('for periods that cut days (explicit instants off midnight): the cut days are read live', async () => {
    const now = await app.now()
    await expectPureFigures({ from: now - 9 * DAY_MS - 5 * HOUR_MS, to: now + 3 * HOUR_MS })
    await expectPureFigures({ from: now - 30 * DAY_MS + 1, to: now - 1 }, 'department')
    await expectPureFigures({ from: now - 2 * HOUR_MS, to: now + 2 * HOUR_MS }, 'week')
  })

  it('after a calendar entry moves every open issue\'s deadlines (moved after the reply)', async () => {
    await setClock('2026-12-29T10:00:00+08:00')
    const before = (await dumpOf(app, 'issues')).map((d) => d.facts.answerDue)
    const result = await w.manager.call('org', 'setCalendarYear', { arrangement: ARRANGEMENT_2027 })
    expect(result.issuesMoved).toBeGreaterThan(0)
    expect((await dumpOf(app, 'issues')).map((d) => d.facts.answerDue)).not.toEqual(before)
    await expectClean()
    await expectPureFigures({ kind: 'quarter' }, 'department')
    await expectPureFigures({ from: Date.parse('2026-12-15T12:00:00+08:00'), to: Date.parse('2027-01-20T12:00:00+08:00') }, 'week')
  })

  it('the hourly job moves what its sweeps change and audits a project; fired twice, the second run moves nothing', async () => {
    const first = await fireJobs(app, '2027-01-08T09:00:00+08:00')
    expect(first.status).toBe(200)
    const report = first.body.result.data.rollups
    expect(report.drain.moved).toBeGreaterThan(0) // the 督办 ladder rose on overdue issues
    expect(report.check).toMatchObject({ stale: [], drift: [] })
    const docs = await dumpOf(app, 'rollups')
    const second = await fireJobs(app, '2027-01-08T09:00:00+08:00')
    expect(second.body.result.data.rollups.drain).toMatchObject({ pending: 0, moved: 0 })
    expect(await dumpOf(app, 'rollups')).toEqual(docs)
    await expectClean()
    await expectPureFigures({ from: periodFor('quarter', Date.parse('2026-12-01T00:00:00+08:00')).from, to: Date.parse('2027-01-08T00:00:00+08:00') }, 'department')
  })

  it('a step retried with the same request id is answered without a second move', async () => {
    const d = (await dumpOf(app, 'issues')).find((x) => x.state === 'in_progress')!
    const event = { action: 'act', input: { issueId: d._id, expectedVersion: d.version, clientRequestId: stepRequestId(), command: { action: 'answer', text: '已于 1 月 8 日办结，电话告知企业', files: [] } } }
    const handler = app.as(d.leadDepartmentId === w.departments.zj ? w.handlerZj.openid : w.staffB.openid)
    expect((await handler.raw('issues', event)).ok).toBe(true)
    const docs = await dumpOf(app, 'rollups')
    expect((await handler.raw('issues', event)).ok).toBe(true)
    expect(await dumpOf(app, 'rollups')).toEqual(docs)
    await expectClean()
  })
})

describe('steps racing on one department\'s documents', () => {
  it('lose nothing and double nothing: every move that lost its race is retried, or left to the hourly job', async () => {
    await setClock('2027-01-11T10:00:00+08:00')
    const raised = await Promise.all(Array.from({ length: 8 }, (_, i) => raise(w.liaison, w.project._id, `并发诉求 ${i}`)))
    const dispatched = await Promise.all(raised.map((d) => act(w.staffA, d, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval' })))
    const lost = async () => Object.entries((await app.cloud.fetchJson('/dev/metrics')).body.database.actions as Record<string, { errors: number }>)
      .filter(([a]) => /Transaction|modifyDocument|getDocument/.test(a)).reduce((n, [, x]) => n + x.errors, 0)
    const before = await lost()
    await Promise.all(dispatched.map((d, i) => act(w.handlerZj, d, i % 2 ? { action: 'sign_for' } : { action: 'return', reason: '请重新交办' })))
    console.log(`transactional requests refused while racing: ${(await lost()) - before}`)
    expect(await rollupCommand(app, 'check')).toMatchObject({ stale: 0, drift: 0 })
    await fireJobs(app, '2027-01-11T11:00:00+08:00')
    await expectClean()
    await expectPureFigures({ kind: 'month' }, 'department')
  })
})

test('the rebuild command: the check finds a document that is not the sum of what the issues record, the rebuild mends it', async () => {
  const [doc] = (await dumpOf(app, 'rollups')).filter((d) => d.view === 'department' && d.bucket !== 'now')
  await tamperWithRollup(app, doc._id, 1)
  const broken = await rollupCommand(app, 'check')
  expect(broken).toMatchObject({ stale: 0, drift: 1, exitCode: 1, examples: { drift: [doc._id] } })
  expect(await rollupCommand(app, 'rebuild')).toMatchObject({ stale: 0, drift: 0, behind: 0, pending: 0, exitCode: 0 })
  await expectClean()
  await expectPureFigures({ kind: 'quarter' }, 'department')
})

test('a step\'s move runs after its reply (its requests counted after it); and every query is indexed', async () => {
  const stats = async (openid: string, fn: string, event: unknown) => {
    const res = await app.cloud.call(fn, event, openid)
    expect(res.result?.ok).toBe(true)
    return { ...(res.stats as any), data: res.result.data }
  }
  // The move's requests are after the reply; the budgets of the reply's path are test/api/criticalPath.test.ts's.
  const raised = await stats(w.liaison.openid, 'issues', { action: 'raise', input: { projectId: w.project._id, source: 'group', category: 'approval', title: '往返次数', description: '请协调', photos: [], urgency: 'normal', clientRequestId: requestId() } })
  expect(raised.afterTrips).toBeGreaterThanOrEqual(5) // the move: start, read, read, write, commit
  const issue = raised.data.issue
  const acted = await stats(w.staffA.openid, 'issues', { action: 'act', input: { issueId: issue._id, expectedVersion: issue.version, clientRequestId: stepRequestId(), command: { action: 'dispatch', leadDepartmentId: w.departments.fg, category: 'approval' } } })
  expect(acted.afterTrips).toBeGreaterThanOrEqual(5)
  const summed = await stats(MANAGER, 'dashboard', { action: 'summary', input: { period: { kind: 'quarter' }, groupBy: 'department' } })
  expect(summed.afterTrips).toBe(0)
  await expectClean()
  expect(await unindexedQueries(app)).toEqual([])
})
