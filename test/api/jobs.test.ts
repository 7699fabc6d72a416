/**
 * The hourly timer (cloudfunctions/jobs) on a clock set by the test, around 2026's 国庆 (rest
 * 10-01 … 10-07, make-up working days 09-20 and 10-10): planning at Monday 08:00 Asia/Shanghai,
 * missed visits at the week's end, reminders only on working days, escalation after N working days
 * overdue (holidays not counted) marking the issue supervised, auto-close, the digest reminder —
 * and every run fired twice, or killed half-way and fired again, ends as one clean run.
 */
import type { IssueDetail } from '../../src/domain/contract/issues'
import type { Issue, Visit } from '../../src/domain/types'
import { type App, MANAGER, dumpCollections, unindexedQueries } from './support/app'
import { TEMPLATE_IDS, clearOutbox, notificationRecords, outbox, subscribe } from './support/outbox'
import { buildWorld, requestId, useApiWorld, type World } from './support/world'
import { links } from '../../src/domain/links'

jest.setTimeout(300_000)

/** An instant given as Asia/Shanghai wall time, e.g. sh('2026-09-28 08:00'). */
const sh = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`)

const ENV = ['--function-env', 'RED_AFTER_WORKING_DAYS=2', '--function-env', 'AUTO_CLOSE_WORKING_DAYS=3']
const STATE = ['issues', 'visits', 'projects', 'jobs', 'rollups']

async function setClock(app: App, at: number): Promise<void> {
  const { status } = await app.cloud.fetchJson('/dev/clock', { method: 'POST', body: JSON.stringify({ now: at }), headers: { 'content-type': 'application/json' } })
  if (status !== 200) throw new Error(`setting the clock failed: ${status}`)
}

async function fire(app: App, at: number): Promise<any> {
  const { body } = await app.cloud.fetchJson('/dev/timers/jobs', { method: 'POST', body: JSON.stringify({ time: new Date(at).toISOString() }), headers: { 'content-type': 'application/json' } })
  if (body.errCode !== undefined || !body.result?.ok) throw new Error(`the timer failed: ${JSON.stringify(body).slice(0, 300)}`)
  return body.result.data
}

/** What a run leaves behind: the domain collections, and the daily jobs' notification records (deterministic ids). */
async function state(app: App): Promise<Record<string, unknown[]>> {
  const dump = await dumpCollections(app, STATE)
  const keyed = (await notificationRecords(app)).filter((r) => /^(reminder|digest)_/.test(r._id))
  const byId = (a: any, b: any) => String(a._id).localeCompare(String(b._id))
  return { ...Object.fromEntries(Object.entries(dump).map(([k, v]) => [k, [...v].sort(byId)])), dailyNotices: keyed.sort(byId) }
}

/** Fires the timer twice at the same instant: the second run must change nothing. */
async function fireTwice(app: App, at: number): Promise<any> {
  const report = await fire(app, at)
  const once = await state(app)
  await fire(app, at)
  expect(await state(app)).toEqual(once)
  return report
}

const visitsOfWeek = async (app: App, weekKey: string): Promise<Visit[]> =>
  ((await dumpCollections(app, ['visits'])).visits as Visit[]).filter((v) => v.weekKey === weekKey)

const issueById = async (app: App, id: string): Promise<Issue> =>
  ((await dumpCollections(app, ['issues'])).issues as Issue[]).find((i) => i._id === id) as Issue

const raise = (w: World, title: string) =>
  w.liaison.call('issues', 'raise', { projectId: w.project._id, source: 'group', category: 'approval', title, description: '请尽快协调', photos: [], urgency: 'normal', clientRequestId: requestId() })

const act = (who: World['liaison'], d: IssueDetail, command: Record<string, unknown>) =>
  who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as any })

/** Built a week before 国庆: the world, credits for the people the jobs write to. One local cloud for the file. */
const JOBS_WORLD = {
  extraArgs: ENV,
  clock: '2026-09-21T10:00:00+08:00',
  async build(app: App): Promise<World> {
    const w = await buildWorld(app)
    for (const who of [w.handlerZj, w.staffA, w.staffB, w.manager]) await subscribe(app, who, ['reminder', 'digest', 'assigned', 'status'], 12)
    return w
  },
}

describe('the hourly jobs around 2026 国庆', () => {
  const { app, w } = useApiWorld(JOBS_WORLD)
  let overdue: IssueDetail // dispatched Mon 09-28, sign-for due end of Tue 09-29, never signed for
  let resolved: IssueDetail // solved on the spot Mon 09-28, the enterprise never confirms

  it('Monday 07:59 does not plan the week; 08:00 does; firing again plans nothing new', async () => {
    await fireTwice(app, sh('2026-09-28 07:59'))
    expect(await visitsOfWeek(app, '2026-W40')).toEqual([])
    const report = await fireTwice(app, sh('2026-09-28 08:00'))
    expect(report.plan).toMatchObject({ weekKey: '2026-W40', created: 2 })
    const planned = await visitsOfWeek(app, '2026-W40')
    expect(planned.map((v) => [v.projectId, v.plannedDate, v.status]).sort()).toEqual(
      [[w.project._id, '2026-09-30', 'planned'], [w.otherProject._id, '2026-09-29', 'planned']].sort(),
    )
    expect((await fire(app, sh('2026-09-28 09:00'))).plan).toMatchObject({ created: 0, existing: 2 })
  })

  it('the day before the deadline reminds the department once; the run fired again sends nothing more', async () => {
    await setClock(app, sh('2026-09-28 09:00'))
    overdue = await raise(w, '厂房消防验收')
    overdue = await act(w.staffA, overdue, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval' })
    resolved = await raise(w, '水电接入')
    resolved = await act(w.staffA, resolved, { action: 'solve_on_spot', text: '现场协调，已接通' })
    // The other project's liaison shares this week's digest into the group; the first project's is not shared.
    await w.otherLiaison.call('projects', 'digestShared', { projectId: w.otherProject._id })

    await clearOutbox(app)
    const report = await fireTwice(app, sh('2026-09-29 09:00'))
    expect(report.reminders).toEqual({ reminded: 1 })
    expect(report.digest).toMatchObject({ skipped: 'not_today' }) // Tuesday: too early
    const reminders = (await outbox(app)).filter((m) => m.template_id === TEMPLATE_IDS.reminder && m.touser === w.handlerZj.openid)
    // One 蓝牌 notice from the escalation and one daily reminder — not two of each after the second run.
    expect(reminders.map((m) => m.data.thing2.value).sort()).toEqual(['今天到期，请按时办理', '蓝牌预警：即将到期，请按时办理'])
    expect(reminders.every((m) => m.page === links.issue({ id: overdue.issue._id }))).toBe(true)
  })

  it('the last working day before 国庆 reminds of overdue issues and, since Thursday rests, of the unshared digest', async () => {
    await clearOutbox(app)
    const report = await fireTwice(app, sh('2026-09-30 09:00'))
    expect(report.reminders).toEqual({ reminded: 1 })
    expect(report.digest).toEqual({ reminded: 1 })
    const sent = await outbox(app)
    expect(sent.filter((m) => m.template_id === TEMPLATE_IDS.digest)).toEqual([
      expect.objectContaining({ touser: w.staffA.openid, page: `pages/board/index?projectId=${w.project._id}&from=digest_reminder`, errcode: 0 }),
    ])
    expect((await issueById(app, overdue.issue._id)).ladder).toBe('yellow')
  })

  it('inside 国庆 no reminder is sent and the holiday does not count towards escalation', async () => {
    await clearOutbox(app)
    const report = await fireTwice(app, sh('2026-10-03 09:00'))
    expect(report.reminders).toEqual({ reminded: 0, skipped: 'rest_day' })
    expect(report.digest).toEqual({ reminded: 0, skipped: 'not_today' })
    expect(await outbox(app)).toEqual([])
    expect(await issueById(app, overdue.issue._id)).toMatchObject({ ladder: 'yellow', supervised: false })
    expect((await issueById(app, resolved.issue._id)).state).toBe('resolved')
  })

  it('at the week\'s end the visits not done are missed, and Monday 08:00 plans the next week on working days', async () => {
    await fireTwice(app, sh('2026-10-04 23:59'))
    expect((await visitsOfWeek(app, '2026-W40')).map((v) => v.status)).toEqual(['planned', 'planned'])
    const monday = await fireTwice(app, sh('2026-10-05 00:00'))
    expect(monday.missed).toBe(2)
    expect((await visitsOfWeek(app, '2026-W40')).map((v) => v.status)).toEqual(['missed', 'missed'])
    expect(await visitsOfWeek(app, '2026-W41')).toEqual([])
    await fireTwice(app, sh('2026-10-05 08:00'))
    // Wed 10-07 and Tue 10-06 rest for 国庆: both visits move to Thu 10-08, the week's first working day after them.
    expect((await visitsOfWeek(app, '2026-W41')).map((v) => v.plannedDate)).toEqual(['2026-10-08', '2026-10-08'])
  })

  it('N = 2 working days overdue escalates to managers (红) and marks the issue supervised; unconfirmed answers auto-close', async () => {
    await fireTwice(app, sh('2026-10-08 09:00')) // 1.4 working days overdue, confirmation due at the end of today
    expect(await issueById(app, overdue.issue._id)).toMatchObject({ ladder: 'yellow', supervised: false })
    expect((await issueById(app, resolved.issue._id)).state).toBe('resolved')

    await clearOutbox(app)
    const report = await fireTwice(app, sh('2026-10-09 00:30'))
    expect(report.escalate).toMatchObject({ changed: 1 })
    expect(report.autoClose).toMatchObject({ changed: 1 })
    const red = await issueById(app, overdue.issue._id)
    expect(red).toMatchObject({ ladder: 'red', supervised: true, supervisedBy: 'system' })
    expect(red.timeline.at(-1)).toMatchObject({ action: 'escalate', by: 'system', at: sh('2026-10-09 00:30'), data: { ladder: 'red', supervise: true } })
    const toManager = (await outbox(app)).filter((m) => m.touser === MANAGER)
    expect(toManager).toEqual([expect.objectContaining({ template_id: TEMPLATE_IDS.reminder, page: links.issue({ id: overdue.issue._id }), errcode: 0 })])

    const closed = await issueById(app, resolved.issue._id)
    expect(closed).toMatchObject({ state: 'closed', autoClosed: true, closedAt: sh('2026-10-09 00:30') })
    expect(closed.timeline.at(-1)).toMatchObject({ action: 'auto_close', by: 'system', from: 'resolved', to: 'closed' })
  })

  test('every query the jobs issued is served by an index', async () => {
    expect(await unindexedQueries(app)).toEqual([])
  })
})

describe('a run killed half-way and fired again ends as one clean run', () => {
  const { app, w } = useApiWorld(JOBS_WORLD)

  it('kill -9 of the local cloud in the middle of the timer, then the next firing', async () => {
    // The starting state, kept for both runs: a week of work left undone before 国庆.
    await fire(app, sh('2026-09-28 08:00'))
    await setClock(app, sh('2026-09-28 09:00'))
    for (let i = 0; i < 6; i++) {
      const d = await raise(w, `待办问题 ${i}`)
      if (i % 2 === 0) await act(w.staffA, d, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval' })
      else await act(w.staffA, d, { action: 'solve_on_spot', text: '现场已解决' })
    }
    const startingData = await app.cloud.snapshot()

    // One clean run in a fresh process (cold instances, as each run below).
    const at = sh('2026-10-09 09:00') // Friday: plan W41, W40 missed, 红, auto-close, reminders, digest reminder
    await app.cloud.restart()
    const t0 = performance.now()
    const report = await fire(app, at)
    const took = performance.now() - t0
    expect(report).toMatchObject({ escalate: { changed: 3 }, autoClose: { changed: 3 }, missed: 2, reminders: { reminded: 1 } })
    const expected = await state(app)

    // The same starting state, the same run killed half-way, then the next firing.
    await app.cloud.restore(startingData)
    await app.cloud.restart()
    // Killed half-way: as soon as the run reaches its rollups (its first transaction) — past the plan, the
    // sweeps and their notices, before the drains, the reminders and the bulletin. (A kill between a
    // notice's claim and its send would hold that message for its lease, which a firing at the same
    // instant cannot wait out; a kill at a fixed share of the clean run's time can land there.)
    const pending = fire(app, at).catch(() => 'killed')
    const transactions = async (): Promise<number> => (await app.cloud.fetchJson('/dev/metrics')).body.database.actions['database.startTransaction']?.calls ?? 0
    for (const t0 = performance.now(); performance.now() - t0 < took + 30_000 && (await transactions()) === 0;) await new Promise((r) => setTimeout(r, 2))
    await app.cloud.kill9()
    expect(await pending).toBe('killed') // the run did not finish
    await app.cloud.restart()
    await fire(app, at)
    expect(await state(app)).toEqual(expected)
  })
})
