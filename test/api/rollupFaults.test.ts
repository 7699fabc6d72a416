/**
 * The rollups when things break: the local cloud killed with SIGKILL while steps and their moves are in
 * flight (some transactions half-way), then restarted; the clients retry what got no answer; the hourly
 * job drains what is owed. Nothing is counted twice and nothing is lost: the rebuild check finds no
 * difference and the dashboard is the pure function over the stored issues.
 */
import type { IssueDetail } from '../../src/domain/contract/issues'
import { computeMetrics, type IssueFacts } from '../../src/domain/metrics'
import { type Caller, stepRequestId } from './support/app'
import { type Ack, attempt, fireJobs, sleep } from './support/hostileFaults'
import { dumpOf, rollupCommand, rollupMarks } from './support/rollups'
import { requestId, useApiWorld } from './support/world'

jest.setTimeout(180_000)

const { app, w } = useApiWorld()

const raiseEvent = (projectId: string) => ({
  action: 'raise', input: { projectId, source: 'group', category: 'approval', title: `故障诉求 ${requestId().slice(-6)}`, description: '请协调', photos: [], urgency: 'normal', clientRequestId: requestId() },
})
const actEvent = (issueId: string, expectedVersion: number, command: Record<string, unknown>) =>
  ({ action: 'act', input: { issueId, expectedVersion, clientRequestId: stepRequestId(), command } })

test('killed mid-move and restarted: after the retries and the hourly job, every count is there once', async () => {
  await Promise.all([w.liaison.call('issues', 'list', {}), w.staffA.call('issues', 'list', {})]) // warm instances
  type Sent = { by: Caller; event: any; ack: Ack<IssueDetail> }
  const sent: Sent[] = []
  let dead = false
  const send = async (by: Caller, event: any) => {
    const ack = await attempt<IssueDetail>(app, by.openid, 'issues', event)
    sent.push({ by, event, ack })
    if (ack.status === 'lost') dead = true
    return ack
  }
  const worker = async (raiser: Caller, staff: Caller, projectId: string, department: string, handler: Caller) => {
    while (!dead) {
      const raised = await send(raiser, raiseEvent(projectId))
      if (raised.status !== 'ok') continue
      const d = await send(staff, actEvent(raised.data.issue._id, raised.data.issue.version, { action: 'dispatch', leadDepartmentId: department, category: 'approval' }))
      if (d.status === 'ok') await send(handler, actEvent(d.data.issue._id, d.data.issue.version, { action: 'sign_for' }))
    }
  }
  const clients = Promise.all([
    worker(w.liaison, w.staffA, w.project._id, w.departments.zj, w.handlerZj),
    worker(w.staffA, w.staffA, w.project._id, w.departments.zj, w.handlerZj),
    worker(w.otherLiaison, w.staffB, w.otherProject._id, w.departments.sw, w.staffB),
  ])
  // Killed as soon as there is traffic enough to judge (2.5 s at most): moves are in flight either way.
  const answered = () => sent.filter((s) => s.ack.status === 'ok').length
  for (const t0 = performance.now(); performance.now() - t0 < 2500 && answered() < 15;) await sleep(20)
  await app.cloud.kill9()
  dead = true
  await clients
  expect(app.cloud.lastExit()?.signal).toBe('SIGKILL')
  await app.cloud.restart()
  expect(sent.filter((s) => s.ack.status === 'ok').length).toBeGreaterThan(5)

  // What the crash left: perhaps marks still owed, never a document that is not the sum of what the issues record.
  const afterCrash = await rollupCommand(app, 'check')
  expect(afterCrash).toMatchObject({ stale: 0, drift: 0 })
  console.log(`steps answered ${sent.filter((s) => s.ack.status === 'ok').length}, lost ${sent.filter((s) => s.ack.status === 'lost').length}; moves owed after the restart: ${afterCrash.pending}`)
  for (const s of sent.filter((x) => x.ack.status === 'lost')) await attempt(app, s.by.openid, 'issues', s.event)
  const now = await app.now()
  await fireJobs(app, new Date(now).toISOString())
  expect(await rollupMarks(app)).toEqual([])
  expect(await rollupCommand(app, 'check')).toMatchObject({ stale: 0, drift: 0, behind: 0, pending: 0, exitCode: 0 })
  const view = await w.manager.call('dashboard', 'summary', { period: { kind: 'month' } })
  const facts = (await dumpOf(app, 'issues')).map((d) => d.facts as IssueFacts)
  const expected = computeMetrics(facts, [], 0, view.dashboard.period, view.dashboard.now)
  for (const key of ['response', 'returns', 'overdue'] as const) expect(view.dashboard.metrics[key]).toEqual(expected.metrics[key])
  expect(view.weekly.reduce((n, r) => n + r.opened, 0)).toBe(facts.filter((f) => !f.isRepeat && f.raisedAt > view.dashboard.period.from).length)
})
