/**
 * The 通报 through the functions on a pinned clock: a November worked through the issue desk, the
 * hourly job on Tue 12-01 (December's first working day) preparing November's bulletin once and telling
 * the manager once, then the manager's dashboard.bulletin — equal to the pure computeBulletin over the
 * same documents, each department figure the size of its drill list, its .docx readable and free of
 * phone numbers and contacts — for managers only.
 */
import { buildCalendar } from '../../src/domain/calendar'
import { type Bulletin, bulletinPeriod, computeBulletin } from '../../src/domain/bulletin'
import type { IssueDetail } from '../../src/domain/contract/issues'
import { links } from '../../src/domain/links'
import type { IssueFacts } from '../../src/domain/metrics'
import type { Issue } from '../../src/domain/types'
import { readDocx } from '../support/docx'
import { type App, dumpCollections, startApp, unindexedQueries } from './support/app'
import { TEMPLATE_IDS, outbox, subscribe } from './support/outbox'
import { buildWorld, requestId, type World } from './support/world'

jest.setTimeout(300_000)

/** An instant given as Asia/Shanghai wall time. */
const sh = (wall: string): number => Date.parse(`${wall.replace(' ', 'T')}:00+08:00`)
const CHECKS = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }

let app: App
let w: World

async function fire(at: number): Promise<any> {
  const { body } = await app.cloud.fetchJson('/dev/timers/jobs', { method: 'POST', body: JSON.stringify({ time: new Date(at).toISOString() }), headers: { 'content-type': 'application/json' } })
  if (!body.result?.ok) throw new Error(`the timer failed: ${JSON.stringify(body).slice(0, 300)}`)
  return body.result.data
}

async function raise(title: string, at: number): Promise<IssueDetail> {
  await app.cloud.setClock(at)
  return w.liaison.call('issues', 'raise', { projectId: w.project._id, source: 'group', category: 'approval', title, description: '请协调', photos: [], urgency: 'normal', clientRequestId: requestId() })
}

async function act(who: World['liaison'], d: IssueDetail, at: number, command: Record<string, unknown>): Promise<IssueDetail> {
  await app.cloud.setClock(at)
  return who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as any })
}

/** Raised, dispatched to 住建局, signed, answered, reviewed and confirmed, one working day at a time from `day`. */
async function closed(title: string, day: string, resolution: 'solved' | 'partly', rating: 'satisfied' | 'basically') {
  let d = await raise(title, sh(`${day} 09:00`))
  d = await act(w.staffA, d, sh(`${day} 09:30`), { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval' })
  d = await act(w.handlerZj, d, sh(`${day} 10:00`), { action: 'sign_for' })
  d = await act(w.handlerZj, d, sh(`${day} 11:00`), { action: 'answer', text: '已办结，已电话告知企业', files: [] })
  d = await act(w.staffA, d, sh(`${day} 14:00`), { action: 'review', passed: true, checklist: CHECKS })
  return act(w.liaison, d, sh(`${day} 16:00`), { action: 'confirm', resolution, rating, acknowledgeMismatch: true })
}

let stuck: IssueDetail

beforeAll(async () => {
  app = await startApp({ clock: '2026-11-02T08:30:00+08:00' })
  w = await buildWorld(app)
  await subscribe(app, w.manager, ['digest'], 3)
  await closed('施工许可', '2026-11-03', 'solved', 'satisfied')
  await closed('消防验收', '2026-11-04', 'solved', 'basically')
  await closed('规划许可', '2026-11-05', 'partly', 'satisfied')
  // 商务局 has no handler and nobody signs for it: overdue, supervised by the manager. A phone in its title.
  stuck = await raise('出口退税咨询 联系人13912345678', sh('2026-11-10 09:00'))
  stuck = await act(w.staffA, stuck, sh('2026-11-10 09:30'), { action: 'dispatch', leadDepartmentId: w.departments.sw, category: 'approval' })
  stuck = await act(w.manager, stuck, sh('2026-11-20 10:00'), { action: 'supervise', reason: '影响企业出口，列入督办' })
})
afterAll(() => app?.stop())

describe('the hourly job on the first working day of December', () => {
  it('before 08:00 does nothing; at 08:00 prepares November once and tells the manager; fired again, nothing new', async () => {
    expect((await fire(sh('2026-11-30 09:00'))).bulletin).toEqual({ skipped: 'not_yet' }) // November's first working day was 11-02
    expect((await fire(sh('2026-12-01 07:59'))).bulletin).toEqual({ skipped: 'not_yet' })
    expect((await fire(sh('2026-12-01 08:00'))).bulletin).toEqual({ key: '2026-11', prepared: true, notified: 1 })
    const record = (await dumpCollections(app, ['bulletins'])).bulletins
    expect(record).toEqual([expect.objectContaining({ _id: '2026-11', createdAt: sh('2026-12-01 08:00'), notifiedAt: sh('2026-12-01 08:00') })])
    expect((record[0] as any).cloudPath).toMatch(/^bulletins\/2026-11-[0-9a-f]{32}\.docx$/)
    expect((await fire(sh('2026-12-01 08:00'))).bulletin).toEqual({ key: '2026-11', skipped: 'done' })
    expect((await fire(sh('2026-12-01 15:00'))).bulletin).toEqual({ key: '2026-11', skipped: 'done' })
    expect((await fire(sh('2026-12-02 08:00'))).bulletin).toEqual({ skipped: 'not_yet' })
    expect((await dumpCollections(app, ['bulletins'])).bulletins).toEqual(record)
    const told = (await outbox(app)).filter((m) => m.template_id === TEMPLATE_IDS.digest)
    expect(told).toEqual([
      expect.objectContaining({ touser: w.manager.openid, page: links.bulletin({ period: '2026-11', from: 'bulletin_ready' }), errcode: 0 }),
    ])
    expect(told[0].data.thing1.value).toBe('2026年11月企业诉求办理情况通报')
  })
})

describe('dashboard.bulletin', () => {
  let view: Bulletin & { prepared?: { tempFileURL: string } }

  beforeAll(async () => {
    await app.cloud.setClock(sh('2026-12-01 10:00'))
    view = await w.manager.call('dashboard', 'bulletin', { period: '2026-11' })
  })

  it('is the pure computeBulletin over the same documents', async () => {
    const db = await dumpCollections(app, ['issues', 'visits', 'projects', 'departments', 'teams'])
    const issues = db.issues as (Issue & { facts: IssueFacts })[]
    const period = bulletinPeriod('2026-11')!
    const expected = computeBulletin({
      period,
      now: view.now,
      facts: issues.map((i) => i.facts),
      visits: db.visits as any,
      projects: db.projects as any,
      departments: db.departments as any,
      teams: db.teams as any,
      raised: issues.filter((i) => i.raisedAt > period.from && i.raisedAt <= period.to),
      supervised: issues.filter((i) => i.supervised && !['closed', 'withdrawn', 'declined'].includes(i.state)),
      calendar: buildCalendar([]),
      threshold: 3,
    })
    const { prepared, ...figures } = view
    expect(figures).toEqual(JSON.parse(JSON.stringify(expected)))
    expect(prepared).toBeDefined()
  })

  it('ranks 住建局 on three closed issues and lists 商务局 unranked; 督办 shows the stuck issue by case number, phone masked', () => {
    expect(view.departments.map((d) => [d.rank, d.name, d.figures.received.value, d.missing ?? null])).toEqual([
      [1, '住建局', 3, null],
      [null, '商务局', 1, ['解决率', '满意率']],
    ])
    // 住建局: signed 3/3, solved 2/3, satisfied 2/3 → (30 + 35 × 2/3 + 35 × 2/3) / 100 = 76.7.
    expect(Math.round((view.departments[0].figures.score.value as number) * 1000) / 10).toBe(76.7)
    expect(view.supervision).toEqual([
      expect.objectContaining({ caseNo: stuck.issue.caseNo, title: '出口退税咨询 联系人139****5678', department: '商务局', state: '待签收', overdue: true }),
    ])
    expect(view.red).toEqual([]) // one department with 3 or more issues: no boards
  })

  it('each department figure opens a drill list of its size (the period, the department as group)', async () => {
    for (const d of view.departments) {
      for (const [metric, key] of [['returns', 'received'], ['response', 'response'], ['resolution', 'resolution'], ['satisfaction', 'satisfaction']] as const) {
        const list = await w.manager.call('dashboard', 'drill', { period: { from: view.from, to: view.to }, metric, part: 'denominator', groupBy: 'department', groupKey: d.departmentId })
        expect([d.name, key, list.total]).toEqual([d.name, key, d.figures[key].denominator])
      }
    }
  })

  it('writes the .docx on request and opens the prepared one: title, ranking, 督办 by case number, no phone, no contact', async () => {
    const fresh = await w.manager.call('dashboard', 'bulletin', { period: '2026-11', document: true })
    expect(fresh.document?.tempFileURL).toMatch(/\.docx(\?|$)/)
    for (const url of [fresh.document!.tempFileURL, view.prepared!.tempFileURL]) {
      const doc = readDocx(Buffer.from(await (await fetch(url)).arrayBuffer()))
      expect(doc.paragraphs[0]).toBe('2026年11月企业诉求办理情况通报')
      expect(doc.tables[0].slice(1).map((r) => r.slice(0, 3))).toEqual([['1', '住建局', '3\n↑3'], ['—', '商务局', '1\n↑1']])
      expect(doc.tables.find((t) => t[0][0] === '编号')?.slice(1).map((r) => r.slice(0, 3))).toEqual([[stuck.issue.caseNo, '出口退税咨询 联系人139****5678', '商务局']])
      expect(doc.all.replace(/\s/g, '')).not.toMatch(/1[3-9]\d{9}/)
      for (const contact of ['张总', '陈工', '13900000001', '13800000001']) expect(doc.all).not.toContain(contact)
    }
  })

  it('a quarter, and this month by kind', async () => {
    const q = await w.manager.call('dashboard', 'bulletin', { period: '2026-Q4' })
    expect([q.title, q.previous.label, q.nextKey]).toEqual(['2026年第4季度企业诉求办理情况通报', '2026年第3季度', null])
    expect(q.departments.find((d) => d.name === '住建局')?.figures.received.value).toBe(3)
    const thisMonth = await w.manager.call('dashboard', 'bulletin', { period: { kind: 'month' } })
    expect([thisMonth.key, thisMonth.previous.key]).toEqual(['2026-12', '2026-11'])
  })

  it('is for managers only, for periods that have begun', async () => {
    expect((await w.staffA.fail('dashboard', 'bulletin', { period: '2026-11' })).code).toBe('FORBIDDEN')
    expect((await w.handlerZj.fail('dashboard', 'bulletin', { period: '2026-11' })).code).toBe('FORBIDDEN')
    expect((await w.manager.fail('dashboard', 'bulletin', { period: '2026-13' })).code).toBe('INVALID_INPUT')
    expect((await w.manager.fail('dashboard', 'bulletin', { period: '2027-01' })).code).toBe('INVALID_INPUT')
  })
})

test('every query the functions issued is served by an index declared in database/', async () => {
  expect(await unindexedQueries(app)).toEqual([])
})
