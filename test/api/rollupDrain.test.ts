/**
 * The drain moves owed rollups in batches (one transaction for many issues): a calendar entry that moves
 * every open issue's deadlines is drained in a few transactions, not one per issue; and a batch that loses
 * its race to handlers acting on the same issues falls back to moving them one by one — nothing is counted
 * twice or lost, the rebuild check agrees and the dashboard is the pure function over the stored issues.
 */
import { computeMetrics, type IssueFacts } from '../../src/domain/metrics'
import { ARRANGEMENT_2027 } from './support/arrangements'
import { fireJobs } from './support/hostileFaults'
import { dumpOf, rollupCommand, rollupMarks } from './support/rollups'
import { requestId, useApiWorld, type World } from './support/world'

jest.setTimeout(240_000)

const { app, w } = useApiWorld()
const OPEN = 40

type Detail = { issue: { _id: string; version: number } }
const raise = (who: World['liaison'], projectId: string, i: number) =>
  who.call('issues', 'raise', { projectId, source: 'group', category: 'approval', title: `跨年诉求 ${i}`, description: '请协调办理', photos: [], urgency: 'normal', clientRequestId: requestId() }) as Promise<Detail>
const act = (who: World['liaison'], d: Detail, command: Record<string, unknown>) =>
  who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as any }) as Promise<Detail>

const commits = async (): Promise<number> => (await app.cloud.fetchJson('/dev/metrics')).body.database.actions['database.commitTransaction']?.calls ?? 0

async function expectPure() {
  expect(await rollupMarks(app)).toEqual([])
  expect(await rollupCommand(app, 'check')).toMatchObject({ stale: 0, drift: 0, pending: 0, behind: 0, exitCode: 0 })
  const view = await w.manager.call('dashboard', 'summary', { period: { kind: 'quarter' } })
  const facts = (await dumpOf(app, 'issues')).map((d) => d.facts as IssueFacts)
  const expected = computeMetrics(facts, [], 0, view.dashboard.period, view.dashboard.now)
  for (const key of ['response', 'resolution', 'onTime', 'returns', 'overdue'] as const) expect([key, view.dashboard.metrics[key]]).toEqual([key, expected.metrics[key]])
}

test('a calendar entry that moves every open issue is drained in a few transactions; racing handlers lose nothing', async () => {
  await app.cloud.setClock('2026-12-29T10:00:00+08:00')
  // Two projects, each issue dispatched by its own team's staff member to 住建局.
  const sides = [{ liaison: w.liaison, project: w.project._id, staff: w.staffA }, { liaison: w.otherLiaison, project: w.otherProject._id, staff: w.staffB }]
  const dispatched: Detail[] = []
  for (let i = 0; i < OPEN; i++) {
    const side = sides[i % 2]
    dispatched.push(await act(side.staff, await raise(side.liaison, side.project, i), { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval' }))
  }

  // Quiet: every open issue's deadlines move; the drain after the reply moves them all, a batch to a transaction.
  const before = await commits()
  const quiet = await w.manager.call('org', 'setCalendarYear', { arrangement: ARRANGEMENT_2027 })
  expect(quiet.issuesMoved).toBeGreaterThanOrEqual(OPEN)
  const transactions = (await commits()) - before
  expect(transactions).toBeGreaterThan(0)
  expect(transactions).toBeLessThanOrEqual(Math.ceil(quiet.issuesMoved / 25) + 1)
  await expectPure()

  // Racing: a corrected entry moves them again while the department signs for a quarter of them.
  await app.cloud.setClock('2026-12-30T10:00:00+08:00')
  const corrected = { ...ARRANGEMENT_2027, holidays: ARRANGEMENT_2027.holidays.map((h) => (h.name === '元旦' ? { ...h, to: '2027-01-05' } : h)) }
  // The entry rewrites the issues too: a sign-for that meets a newer version reads the issue again.
  const signFor = async (issueId: string): Promise<Detail> => {
    for (let attempt = 0; ; attempt++) {
      const seen = (await w.handlerZj.call('issues', 'get', { issueId })) as Detail
      try {
        return await act(w.handlerZj, seen, { action: 'sign_for' })
      } catch (e) {
        if (attempt >= 3) throw e
      }
    }
  }
  const refusals = async () => Object.entries((await app.cloud.fetchJson('/dev/metrics')).body.database.actions as Record<string, { errors: number }>)
    .filter(([a]) => /Transaction|modifyDocument|getDocument/.test(a)).reduce((n, [, x]) => n + x.errors, 0)
  const refusedBefore = await refusals()
  const signers = dispatched.slice(0, OPEN / 4).map((d) => signFor(d.issue._id))
  const [raced] = await Promise.all([w.manager.call('org', 'setCalendarYear', { arrangement: corrected }), ...signers])
  expect(raced.issuesMoved).toBeGreaterThan(0)
  console.log(`quiet entry: ${quiet.issuesMoved} issues moved in ${transactions} transactions; racing entry: ${raced.issuesMoved} moved, transactional requests refused ${(await refusals()) - refusedBefore}`)
  expect(await rollupCommand(app, 'check')).toMatchObject({ stale: 0, drift: 0 }) // perhaps moves owed, never a wrong sum
  await fireJobs(app, '2026-12-30T11:00:00+08:00')
  await expectPure()
})
