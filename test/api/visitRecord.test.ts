/**
 * The record of a visit, through the local cloud with the real wx-server-sdk. Story: 李明 checks in
 * 3 km from the project, logs attendees, minutes, a photo and a 回头看 note on an open issue, and
 * submits; the note reaches the issue's timeline for the team, a manager and the department; the
 * enterprise's liaison reads the attendees and the minutes and nothing else; a retried submission
 * adds nothing; the check-in is flagged far. Then, for each kind of reader, the record holds exactly
 * what VISIT_VISIBILITY says (searched in the serialized reply).
 */
import type { IssueDetail } from '../../src/domain/contract/issues'
import { weekKey } from '../../src/domain/time'
import type { VisitRecord } from '../../src/domain/visitRecord'
import { VISIT_PARTS, VISIT_VISIBILITY, type VisitPart, type VisitViewer } from '../../src/domain/visibility'
import { type Caller, dumpCollections, unindexedQueries } from './support/app'
import { requestId, uploadAs, useApiWorld } from './support/world'

jest.setTimeout(180_000)

const { app, w } = useApiWorld()

const SITE = { latitude: 30.27, longitude: 120.15 }
/** 0.027° due north of the site: 3 002 m. */
const THREE_KM_NORTH = { latitude: 30.297, longitude: 120.15, accuracy: 20 }
const NOTE = '回头看标记：企业说排水工程已开工'
const MINUTES = '纪要标记：四季度订单饱满，希望协调夜间物流通行'
const ATTENDEES = [{ name: '周厂长', side: 'enterprise' as const, title: '生产副总' }, { name: '钱科长', side: 'government' as const }]
const RAISED_TITLE = '提出问题标记：物流车辆夜间通行'

let visitId: string
let openIssue: IssueDetail
let closedIssue: IssueDetail
let photo: string
let log: Record<string, unknown>

const raise = (who: Caller, title: string, extra: Record<string, unknown> = {}) =>
  who.call('issues', 'raise', { projectId: w.project._id, source: 'group', category: 'approval', title, description: '走访回头看用的问题', photos: [], urgency: 'normal', clientRequestId: requestId(), ...extra } as any)
const act = (who: Caller, d: IssueDetail, command: Record<string, unknown>) =>
  who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as any })
const followUpsOn = async (issueId: string) => (await w.staffA.call('issues', 'get', { issueId })).issue.timeline.filter((e) => e.action === 'follow_up')
const record = (who: Caller) => who.call('visits', 'record', { visitId })

describe('where the project is', () => {
  it('stores the location as GeoJSON for the 2dsphere index and reads it back as latitude and longitude', async () => {
    const updated = await w.manager.call('projects', 'update', { projectId: w.project._id, patch: { location: { ...SITE, accuracy: 5 } } })
    expect(updated.location).toEqual(SITE)
    const { projects } = await dumpCollections(app, ['projects'])
    expect((projects as any[]).find((p) => p._id === w.project._id).location).toEqual({ type: 'Point', coordinates: [120.15, 30.27] })
    expect((await w.staffA.call('projects', 'get', { projectId: w.project._id })).location).toEqual(SITE)
    expect((await w.liaison.call('projects', 'board', { projectId: w.project._id })).project.location).toEqual(SITE)
    const created = await w.manager.call('projects', 'create', { enterpriseName: '定位测试企业', name: '定位测试项目', address: '高新区 99 号', teamId: w.teamB._id, visitWeekday: 2, contacts: [], location: { latitude: 31.2, longitude: 121.4 } })
    expect((await w.manager.call('projects', 'get', { projectId: created._id })).location).toEqual({ latitude: 31.2, longitude: 121.4 })
    const stored = (await dumpCollections(app, ['projects'])).projects as any[]
    expect(stored.find((p) => p._id === created._id).location).toEqual({ type: 'Point', coordinates: [121.4, 31.2] })
  })
})

describe('the story: a visit logged 3 km away, its 回头看 on the issue, read by each', () => {
  it('prepares an open issue, a withdrawn one, this week\'s visit, a check-in 3 km north and a photo', async () => {
    openIssue = await raise(w.liaison, '厂区道路积水')
    openIssue = await act(w.staffA, openIssue, { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [], category: 'approval', complexity: 'normal' })
    openIssue = await act(w.handlerZj, await w.handlerZj.call('issues', 'get', { issueId: openIssue.issue._id }), { action: 'sign_for' })
    closedIssue = await raise(w.liaison, '已自行解决的问题')
    closedIssue = await act(w.liaison, closedIssue, { action: 'withdraw', reason: '已自行解决' })
    await w.staffA.call('visits', 'planWeek', { weekKey: weekKey(w.now) })
    visitId = `${w.project._id}_${weekKey(w.now)}`
    const checked = await w.staffA.call('visits', 'checkIn', { visitId, location: THREE_KM_NORTH })
    expect(checked.checkIn).toMatchObject(THREE_KM_NORTH)
    await raise(w.staffA, RAISED_TITLE, { source: 'visit', visitId })
    photo = await uploadAs(app, w.staffA.openid)
    log = {
      visitId, clientRequestId: requestId(), checkIn: THREE_KM_NORTH, attendees: ATTENDEES, minutes: MINUTES, photos: [photo],
      followUps: [{ issueId: openIssue.issue._id, note: NOTE }, { issueId: closedIssue.issue._id, note: '撤回前企业已自行协调' }],
    }
  })

  it('refuses, before anything is saved, a note on another project\'s issue, another person\'s photo and minutes over the limit', async () => {
    const theirs = await w.otherLiaison.call('issues', 'raise', { projectId: w.otherProject._id, source: 'group', category: 'approval', title: '别的项目的问题', description: '不属于本项目', photos: [], urgency: 'normal', clientRequestId: requestId() })
    const refusals = [
      { ...log, clientRequestId: requestId(), followUps: [{ issueId: theirs.issue._id, note: '越界' }] },
      { ...log, clientRequestId: requestId(), photos: [await uploadAs(app, w.liaison.openid)] },
      { ...log, clientRequestId: requestId(), minutes: '字'.repeat(5001) },
    ]
    const errors = await Promise.all(refusals.map((body) => w.staffA.fail('visits', 'complete', body)))
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['INVALID_INPUT', '回头看只能记录本项目的问题'],
      ['INVALID_INPUT', expect.stringMatching(/^附件不属于您/)],
      ['INVALID_INPUT', '走访纪要最多 5000 字，现在 5001 字，请删减后再提交'],
    ])
    expect((await w.staffA.call('visits', 'get', { visitId })).status).toBe('planned')
    expect(await followUpsOn(openIssue.issue._id)).toEqual([])
  })

  it('submits once, and the 回头看 becomes one step on the open issue; the withdrawn one keeps its note on the record only', async () => {
    const done = await w.staffA.call('visits', 'complete', log as any)
    expect(done).toMatchObject({ status: 'done', photos: [photo] })
    const steps = await followUpsOn(openIssue.issue._id)
    expect(steps).toEqual([expect.objectContaining({ action: 'follow_up', role: 'staff', from: 'in_progress', to: 'in_progress', by: '李明', text: expect.stringContaining(NOTE) })])
    expect(await followUpsOn(closedIssue.issue._id)).toEqual([])
  })

  it('the enterprise reads that the team followed up during the visit, never the note itself', async () => {
    const reply = await w.liaison.call('issues', 'get', { issueId: openIssue.issue._id })
    expect(JSON.stringify(reply)).not.toContain(NOTE)
    expect(reply.issue.timeline.filter((e) => e.action === 'follow_up').map((e) => e.text)).toEqual(['服务专员走访回访'])
  })

  it('the note is on the issue\'s timeline for the team, a manager and the department', async () => {
    for (const who of [w.staffA, w.manager, w.handlerZj]) {
      const reply = JSON.stringify(await who.call('issues', 'get', { issueId: openIssue.issue._id }))
      expect({ who: who.openid, hasNote: reply.includes(NOTE) }).toEqual({ who: who.openid, hasNote: true })
    }
  })

  it('a retried submission — again, and twice at once — answers the same visit and adds no step', async () => {
    const before = await w.staffA.call('issues', 'get', { issueId: openIssue.issue._id })
    const first = await w.staffA.call('visits', 'get', { visitId })
    const retries = await Promise.all([1, 2, 3].map(() => w.staffA.call('visits', 'complete', log as any)))
    for (const r of retries) expect(r).toMatchObject({ version: first.version, completedAt: first.completedAt, clientRequestId: first.clientRequestId })
    const after = await w.staffA.call('issues', 'get', { issueId: openIssue.issue._id })
    expect(after.issue.version).toBe(before.issue.version)
    expect(await followUpsOn(openIssue.issue._id)).toHaveLength(1)
  })

  it('the team reads the whole record: who, when, where (3 002 m away, flagged far), attendees, minutes, a working photo link, the issues', async () => {
    const r = await record(w.staffA)
    expect(r).toMatchObject({
      viewer: 'staff', status: 'done', weekKey: weekKey(w.now), projectName: '智能装备产业园',
      author: { teamName: '第一服务专班', completedBy: '李明' },
      checkIn: { ...THREE_KM_NORTH, distanceMeters: 3002, far: true, farMeters: 1000 },
      attendees: ATTENDEES, minutes: MINUTES,
      issuesRaised: [expect.objectContaining({ title: RAISED_TITLE, caseNo: expect.any(String), state: 'submitted' })],
      followUps: [
        { issue: expect.objectContaining({ _id: openIssue.issue._id, title: '厂区道路积水' }), note: NOTE },
        { issue: expect.objectContaining({ _id: closedIssue.issue._id, state: 'withdrawn' }), note: '撤回前企业已自行协调' },
      ],
    })
    expect(r.photos).toEqual([{ id: photo, url: expect.stringMatching(/^http/) }])
    const file = await fetch(r.photos![0].url!)
    expect(file.status).toBe(200)
  })

  it('the liaison reads the attendees and the minutes as written, and no photo, check-in, note or issue', async () => {
    const r = await record(w.liaison)
    expect(r).toMatchObject({ viewer: 'liaison', attendees: ATTENDEES, minutes: MINUTES })
    const json = JSON.stringify(r)
    for (const absent of [photo, 'uploads/', '30.297', 'distanceMeters', NOTE, '撤回前', RAISED_TITLE, '第一服务专班', '李明']) {
      expect({ absent, inReply: json.includes(absent) }).toEqual({ absent, inReply: false })
    }
    expect((await w.liaison.fail('visits', 'get', { visitId })).code).toBe('FORBIDDEN')
  })

  it('the list and the board give the liaison the visit with its first line and attendee count only, and the team the far flag', async () => {
    const forLiaison = (await w.liaison.call('visits', 'listByProject', { projectId: w.project._id })).items.find((v) => v._id === visitId)!
    expect(forLiaison).toEqual({ _id: visitId, projectId: w.project._id, weekKey: weekKey(w.now), plannedDate: expect.any(String), status: 'done', completedAt: expect.any(Number), firstLine: MINUTES, attendeeCount: 2 })
    const board = await w.liaison.call('projects', 'board', { projectId: w.project._id })
    expect(board.thisWeek).toEqual(forLiaison)
    expect(board.recentVisits).toEqual([forLiaison])
    const forTeam = (await w.staffA.call('visits', 'listByProject', { projectId: w.project._id })).items.find((v) => v._id === visitId)!
    expect(forTeam).toMatchObject({ photoCount: 1, checkedIn: true, far: true, followUpCount: 2, issueCount: 1 })
  })
})

describe('who reads which part of the record (VISIT_VISIBILITY), searched in the serialized reply', () => {
  const MARKERS: Record<VisitPart, () => string[]> = {
    attendees: () => ['周厂长', '钱科长'],
    minutes: () => [MINUTES],
    photos: () => [photo],
    checkIn: () => ['30.297', 'distanceMeters'],
    followUps: () => [NOTE],
    issuesRaised: () => [RAISED_TITLE],
    author: () => ['第一服务专班', '李明'],
  }
  const READERS: [string, () => Caller, VisitViewer | 'NOT_FOUND'][] = [
    ['the project\'s liaison', () => w.liaison, 'liaison'],
    ['another project\'s liaison', () => w.otherLiaison, 'NOT_FOUND'],
    ['staff of the project\'s team', () => w.staffA, 'staff'],
    ['staff of another team', () => w.staffB, 'NOT_FOUND'],
    ['a department handler', () => w.handlerZj, 'NOT_FOUND'],
    ['a manager', () => w.manager, 'manager'],
  ]

  it.each(READERS)('%s', async (_name, who, expected) => {
    if (expected === 'NOT_FOUND') {
      const error = await who().fail('visits', 'record', { visitId })
      expect([error.code, error.message]).toEqual(['NOT_FOUND', '走访记录不存在或您无权查看'])
      return
    }
    const reply: VisitRecord = await record(who())
    expect(reply.viewer).toBe(expected)
    const json = JSON.stringify(reply)
    for (const part of VISIT_PARTS) {
      const shown = VISIT_VISIBILITY[part][expected] !== 'absent'
      for (const marker of MARKERS[part]()) expect({ part, marker, inReply: json.includes(marker) }).toEqual({ part, marker, inReply: shown })
    }
  })

  it('a visit id that does not exist reads the same NOT_FOUND', async () => {
    const error = await w.manager.fail('visits', 'record', { visitId: `${w.project._id}_2020-W01` })
    expect(error.code).toBe('NOT_FOUND')
  })
})

test('every query the functions issued is served by an index declared in database/', async () => {
  expect(await unindexedQueries(app)).toEqual([])
})
