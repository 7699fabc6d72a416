import { computeMetrics, type IssueFacts } from '../../src/domain/metrics'
import { unindexedQueries } from './support/app'
import { requestId, useApiWorld, type World } from './support/world'

jest.setTimeout(180_000)

const { app, w } = useApiWorld()
const CHECKS = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }
const DAY = 86_400_000

async function closedIssue(title: string, resolution: 'solved' | 'partly', rating: 'satisfied' | 'basically' | 'unsatisfied') {
  let d = await w.liaison.call('issues', 'raise', { projectId: w.project._id, source: 'group', category: 'market', title, description: '请协调', photos: [], urgency: 'normal', clientRequestId: requestId() })
  const act = async (who: World['liaison'], command: Record<string, unknown>) => (d = await who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as any }))
  await act(w.staffA, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'market' })
  await act(w.handlerZj, { action: 'sign_for' })
  await act(w.handlerZj, { action: 'answer', text: '已办结，12 月 1 日前完成剩余事项，已电话告知企业', files: [] })
  await act(w.staffA, { action: 'review', passed: true, checklist: CHECKS })
  await act(w.liaison, { action: 'confirm', resolution, rating, acknowledgeMismatch: true })
  return d
}

async function summaryWithStats(period: { from: number; to: number }, groupBy?: 'department') {
  const res = await app.cloud.call('dashboard', { action: 'summary', input: { period, groupBy } }, w.manager.openid)
  return { view: res.result.data, stats: res.stats }
}

describe('the managers\' dashboard', () => {
  const period = () => ({ from: w.now - 30 * DAY, to: w.now + DAY })

  it('gives the figures the domain\'s one pure function gives over the same issues', async () => {
    await closedIssue('展会对接', 'solved', 'satisfied')
    await closedIssue('出口许可', 'partly', 'basically')
    await closedIssue('物流通道', 'solved', 'basically')
    const { view } = await summaryWithStats(period())
    const { body } = await app.cloud.fetchJson('/dev/db/issues')
    const facts = (body.documents as { facts: IssueFacts }[]).map((d) => d.facts)
    const expected = computeMetrics(facts, [], 0, view.dashboard.period, view.dashboard.now)
    for (const key of ['response', 'resolution', 'satisfaction', 'onTime', 'reopen', 'returns', 'overdue'] as const) {
      expect(view.dashboard.metrics[key]).toMatchObject({ numerator: expected.metrics[key].numerator, denominator: expected.metrics[key].denominator })
    }
    expect(view.dashboard.metrics.satisfaction).toMatchObject({ numerator: 1, denominator: 3 })
    expect(view.dashboard.metrics.resolution).toMatchObject({ numerator: 2, denominator: 3 })
    expect(view.weekly.reduce((n: number, x: { closed: number }) => n + x.closed, 0)).toBe(3)
  })

  it('makes the same number of database calls whatever the number of issues', async () => {
    const before = (await summaryWithStats(period(), 'department')).stats.dbRoundTrips
    for (let i = 0; i < 3; i++) await closedIssue(`更多诉求 ${i}`, 'solved', 'satisfied')
    const after = await summaryWithStats(period(), 'department')
    expect(after.stats.dbRoundTrips).toBe(before)
    expect(after.view.rows.find((r: { name: string }) => r.name === '住建局').dashboard.metrics.resolution.denominator).toBe(6)
  })

  it('drills from a figure to the issues behind it', async () => {
    const { view } = await summaryWithStats(period())
    const drill = await w.manager.call('dashboard', 'drill', { period: view.dashboard.period, metric: 'satisfaction', part: 'numerator' })
    expect(drill.total).toBe(view.dashboard.metrics.satisfaction.numerator)
    expect(drill.items.every((i) => i.state === 'closed')).toBe(true)
  })

  it('exports the period\'s issues and visits as a spreadsheet without phone numbers', async () => {
    const out = await w.manager.call('dashboard', 'export', { period: period() })
    expect(out.issues).toBeGreaterThanOrEqual(6)
    const file = await fetch(out.tempFileURL)
    const bytes = Buffer.from(await file.arrayBuffer())
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
    expect(bytes.toString('latin1')).not.toMatch(/1390000000\d/)
  })

  it('is for managers only', async () => {
    expect((await w.staffA.fail('dashboard', 'summary', { period: period() })).code).toBe('FORBIDDEN')
    expect((await w.liaison.fail('dashboard', 'export', { period: period() })).code).toBe('FORBIDDEN')
  })
})

test('every query the functions issued is served by an index declared in database/', async () => {
  expect(await unindexedQueries(app)).toEqual([])
})
