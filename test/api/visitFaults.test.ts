/**
 * A visit completion cut off by the function's time limit — before the visit is saved, between the
 * visit and its 回头看 steps, or half-way through the steps — and retried with the same
 * clientRequestId: every 回头看 ends up on its issue exactly once, and every issue still equals a
 * replay of its timeline.
 */
import fs from 'node:fs'
import path from 'node:path'
import { weekKey } from '../../src/domain/time'
import type { Issue, Visit } from '../../src/domain/types'
import { type Ack, attempt, issueInvariantProblems, issuesOf, productFunctionsCopy } from './support/hostileFaults'
import { requestId, useApiWorld } from './support/world'

jest.setTimeout(120_000)

const PROJECTS = 6
const NOTES_PER_VISIT = 10

// A copy of the product's bundles, so the test can tighten the visits function's time limit (config.json).
const { app, w } = useApiWorld({ functions: productFunctionsCopy })
const setVisitsTimeout = (seconds: number) =>
  fs.writeFileSync(path.join(app.cloud.functionsDir, 'visits/config.json'), JSON.stringify({ timeout: seconds, memorySize: 256, permissions: { openapi: [] } }))

it('a completion retried after a time-out writes each 回头看 once, wherever the first attempt died', async () => {
  const week = weekKey(w.now)
  const projects = [w.project._id]
  for (let p = 1; p < PROJECTS; p++) {
    const created = await w.manager.call('projects', 'create', { enterpriseName: `故障企业 ${p}`, name: `故障项目 ${p}`, address: `高新区 ${p} 号`, teamId: w.teamA._id, visitWeekday: 3, contacts: [] })
    projects.push(created._id)
  }
  await w.staffA.call('visits', 'planWeek', { weekKey: week })
  const bodies = []
  for (const projectId of projects) {
    const followUps = []
    for (let k = 0; k < NOTES_PER_VISIT; k++) {
      const d = await w.staffA.call('issues', 'raise', { projectId, source: 'group', category: 'approval', title: `待回头看 ${k}`, description: '故障测试', photos: [], urgency: 'normal', clientRequestId: requestId() })
      followUps.push({ issueId: d.issue._id, note: `第 ${k} 条回头看` })
    }
    bodies.push({ visitId: `${projectId}_${week}`, clientRequestId: requestId(), attendees: [{ name: '周厂长', side: 'enterprise' as const }], minutes: '故障测试纪要', photos: [], followUps })
  }

  // A timed-out instance is terminated and a fresh one spends its first second loading the bundle:
  // warm both instances under the normal limit, then send one completion under a limit cut from
  // the duration of a warm one, so attempts die at different points.
  const warm = async () => {
    setVisitsTimeout(10)
    await Promise.all([w.staffA.call('visits', 'myWeek', {}), w.staffA.call('visits', 'myWeek', {})])
  }
  await warm()
  const started = performance.now()
  expect((await attempt(app, w.staffA.openid, 'visits', { action: 'complete', input: bodies[0] })).status).toBe('ok')
  const warmMs = Math.max(20, performance.now() - started)
  const firsts: Ack[] = []
  for (const [n, body] of bodies.slice(1).entries()) {
    await warm()
    setVisitsTimeout(Math.round((0.2 + 0.25 * n) * warmMs) / 1000)
    firsts.push(await attempt(app, w.staffA.openid, 'visits', { action: 'complete', input: body }))
  }
  setVisitsTimeout(10)
  expect(firsts.filter((a) => a.status === 'lost').length).toBeGreaterThan(0)

  const visitsBefore = (await app.cloud.fetchJson('/dev/db/visits')).body.documents as Visit[]
  const stepsOf = (issues: Issue[], visitId: string) =>
    issues.flatMap((i) => i.timeline.filter((e) => e.action === 'follow_up' && (e.data as { visitId?: string }).visitId === visitId))
  const before = await issuesOf(app)
  const halfWritten = bodies.filter((b) => visitsBefore.find((x) => x._id === b.visitId)?.status === 'done' && stepsOf(before, b.visitId).length < NOTES_PER_VISIT)

  for (const body of bodies) expect((await attempt(app, w.staffA.openid, 'visits', { action: 'complete', input: body })).status).toBe('ok')
  const issues = await issuesOf(app)
  expect(issueInvariantProblems(issues)).toEqual([])
  for (const body of bodies) {
    const steps = stepsOf(issues, body.visitId)
    expect(steps.map((e) => (e.data as { text: string }).text).sort()).toEqual(body.followUps.map((f) => f.note).sort())
  }
  const visits = (await app.cloud.fetchJson('/dev/db/visits')).body.documents as Visit[]
  for (const body of bodies) expect(visits.find((x) => x._id === body.visitId)).toMatchObject({ status: 'done', clientRequestId: body.clientRequestId })
  console.log(`warm completion with ${NOTES_PER_VISIT} 回头看: ${Math.round(warmMs)} ms; first attempts timed out: ${firsts.filter((a) => a.status === 'lost').length}/${firsts.length}, of which ${halfWritten.length} after the visit was saved and before all its steps`)
})
