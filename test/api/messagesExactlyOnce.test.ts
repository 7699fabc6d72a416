/**
 * Every notice of a step reaches each of its people exactly once, whatever dies when: the function
 * instance killed between saving a step and sending its notices, or between claiming a message and
 * sending it (planned faults, POST /dev/faults); two hourly runs at once; a step's own send racing
 * the hourly drain — at clock points inside and past a claim's lease.
 */
import type { IssueDetail } from '../../src/domain/contract/issues'
import { CLAIM_LEASE_MS } from '../../server/notify/send'
import type { App } from './support/app'
import { ALL_KEYS, TEMPLATE_IDS, clearOutbox, notificationRecords, outbox, subscribe } from './support/outbox'
import { buildWorld, requestId, useApiWorld, type World } from './support/world'

jest.setTimeout(240_000)

const MINUTE = 60_000
const CHECKS = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }

const { app, w } = useApiWorld({
  build: async (cloud: App) => {
    const world = await buildWorld(cloud)
    for (const who of [world.liaison, world.staffA, world.staffB, world.handlerZj, world.manager]) await subscribe(cloud, who, ALL_KEYS, 40)
    return world
  },
})
beforeEach(async () => {
  await app.cloud.fetchJson('/dev/faults', { method: 'DELETE' })
  await clearOutbox(app)
})

const post = (pathname: string, body: unknown) =>
  app.cloud.fetchJson(pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const arm = async (spec: Record<string, unknown>) => expect((await post('/dev/faults', spec)).status).toBe(200)
/** The issues function dies before the first request of its notices: the step is saved, nothing sent. */
const dieBeforeNotices = () => arm({ function: 'issues', action: 'database.getDocument', afterReply: true })
/** The issues function dies at its first subscribeMessage.send: the messages are claimed, none sent. */
const dieBetweenClaimAndSend = () => arm({ function: 'issues', action: 'wx.openApi', api: 'subscribeMessage.send' })

const fireTimer = async (at: number) => {
  const { body } = await post('/dev/timers/jobs', { time: new Date(at).toISOString() })
  if (!body.result?.ok) throw new Error(`the hourly job failed: ${JSON.stringify(body).slice(0, 300)}`)
  return body.result.data
}
/** Two hourly runs at the same instant. */
const fireTwoTimers = (at: number) => Promise.all([fireTimer(at), fireTimer(at)])

const raise = (title: string) => w.liaison.call('issues', 'raise', {
  projectId: w.project._id, source: 'group', category: 'approval', title, description: '请尽快协调', photos: [], urgency: 'normal', clientRequestId: requestId(),
})
/** One step by the mini-program: the raw envelope, so a crash is seen as the client sees it. */
const step = (who: World['liaison'], d: IssueDetail, command: Record<string, unknown>, clientRequestId = requestId()) =>
  app.cloud.call('issues', { action: 'act', input: { issueId: d.issue._id, expectedVersion: d.issue.version, clientRequestId, command } }, who.openid)

/** Each message id that was sent is in WeChat's outbox once: sends = records marked sent, and no two sends alike. */
async function expectEachSentOnce(): Promise<{ sent: number }> {
  const sends = (await outbox(app)).filter((m) => m.errcode === 0)
  const records = await notificationRecords(app)
  const keys = sends.map((m) => JSON.stringify([m.touser, m.template_id, m.page, m.data]))
  expect(new Set(keys).size).toBe(keys.length)
  expect(records.filter((r) => r.outcome === 'sent').length).toBeGreaterThanOrEqual(sends.length)
  return { sent: sends.length }
}
const pendingOutbox = async (issueId: string) =>
  ((await app.cloud.fetchJson('/dev/db/issues')).body.documents as { _id: string; outbox?: unknown[] }[]).find((i) => i._id === issueId)?.outbox ?? []
const sendsTo = async (openid: string, templateKey: keyof typeof TEMPLATE_IDS) =>
  (await outbox(app)).filter((m) => m.errcode === 0 && m.touser === openid && m.template_id === TEMPLATE_IDS[templateKey])

describe('killed between saving a step and sending its notices', () => {
  it('the client\'s retry is answered with the step taken once, and the handler hears of the dispatch once', async () => {
    const raised = await raise('消防验收排期（断电）')
    await dieBeforeNotices()
    const id = requestId()
    const command = { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [], category: 'approval', complexity: 'normal' }
    const crashed = await step(w.staffA, raised, command, id)
    expect(crashed.errCode).toBe(-504002)
    // Both owed by the step: its notice, and its rollups' move (server/repo/rollups.ts).
    expect((await pendingOutbox(raised.issue._id)).map((e) => (e as { action?: string }).action ?? 'rollup')).toEqual(['dispatch', 'rollup'])
    expect(await sendsTo(w.handlerZj.openid, 'assigned')).toHaveLength(0)
    // The mini-program retries the same request: the step is not taken twice; the notice goes now (and the move).
    const retried = await step(w.staffA, raised, command, id)
    expect(retried.result).toMatchObject({ ok: true, data: { issue: { state: 'dispatched', version: raised.issue.version + 1 } } })
    expect(await sendsTo(w.handlerZj.openid, 'assigned')).toHaveLength(1)
    expect(await pendingOutbox(raised.issue._id)).toHaveLength(0)
    // The hourly runs find nothing left to send.
    const now = await app.now()
    await fireTwoTimers(now + MINUTE)
    expect(await sendsTo(w.handlerZj.openid, 'assigned')).toHaveLength(1)
    await expectEachSentOnce()
  })

  it('with no retry, the hourly drain sends it once, however many runs fire at once', async () => {
    const raised = await raise('环评批复（无重试）')
    await dieBeforeNotices()
    const crashed = await step(w.staffA, raised, { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [], category: 'approval', complexity: 'normal' })
    expect(crashed.errCode).toBe(-504002)
    const now = await app.now()
    for (const at of [now + MINUTE, now + 5 * MINUTE, now + 61 * MINUTE]) await fireTwoTimers(at)
    expect(await sendsTo(w.handlerZj.openid, 'assigned')).toHaveLength(1)
    expect(await pendingOutbox(raised.issue._id)).toHaveLength(0)
    await expectEachSentOnce()
  })
})

describe('killed between claiming a message and sending it', () => {
  it('the claim holds the message until its lease runs out; then one drain sends it once', async () => {
    let d = await raise('用电增容（认领后中断）')
    d = (await w.staffA.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [], category: 'approval', complexity: 'normal' } as any }))
    await clearOutbox(app)
    await dieBetweenClaimAndSend()
    const crashed = await step(w.handlerZj, d, { action: 'sign_for' })
    expect(crashed.errCode).toBe(-504002)
    const claimed = (await notificationRecords(app)).filter((r) => (r.outcome as string) === 'sending')
    expect(claimed.length).toBeGreaterThan(0)
    expect(await sendsTo(w.liaison.openid, 'status')).toHaveLength(0)
    const at = await app.now()
    // Inside the lease: two runs at once leave it alone (its sender might still be sending).
    await fireTwoTimers(at + MINUTE)
    expect(await sendsTo(w.liaison.openid, 'status')).toHaveLength(0)
    // Past the lease: two runs at once, then the next hour's — one message.
    await fireTwoTimers(at + CLAIM_LEASE_MS + MINUTE)
    await fireTwoTimers(at + 61 * MINUTE)
    expect(await sendsTo(w.liaison.openid, 'status')).toHaveLength(1)
    expect((await notificationRecords(app)).filter((r) => (r.outcome as string) === 'sending')).toEqual([])
    await expectEachSentOnce()
  })
})

describe('steps racing the hourly drain', () => {
  it('a whole lifecycle, every step fired together with two hourly runs: each person hears of each step once', async () => {
    let d = await raise('道路开口（并发发送）')
    const steps: [World['liaison'], Record<string, unknown>][] = [
      [w.staffA, { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [], category: 'approval', complexity: 'normal' }],
      [w.handlerZj, { action: 'sign_for' }],
      [w.handlerZj, { action: 'answer', text: '已协调交警部门，下周完成开口审批。', files: [] }],
      [w.staffA, { action: 'review', passed: true, checklist: CHECKS }],
      [w.liaison, { action: 'confirm', resolution: 'solved', rating: 'satisfied' }],
    ]
    for (const [who, command] of steps) {
      const at = await app.now()
      const [res] = await Promise.all([step(who, d, command), fireTwoTimers(at)])
      expect(res.result?.ok).toBe(true)
      d = res.result.data
    }
    expect(await pendingOutbox(d.issue._id)).toHaveLength(0)
    const { sent } = await expectEachSentOnce()
    expect(sent).toBeGreaterThanOrEqual(steps.length)
  })
})
