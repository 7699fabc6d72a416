/**
 * The visit record and the visit list, built through VISIT_VISIBILITY: for each reader, each part is
 * in the serialized reply exactly where the table shows it. And 回头看 on the issue's timeline, as each
 * of the issue's readers sees it.
 */
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import { FollowUpSchema, transition } from '../../src/domain/issue'
import { buildIssueView } from '../../src/domain/issue/view'
import type { Visit } from '../../src/domain/types'
import { buildVisitRecord, recordFileIds, recordIssueIds, visitSummary } from '../../src/domain/visitRecord'
import { ISSUE_VISIBILITY, VIEWERS, VISIT_PARTS, VISIT_VIEWERS, VISIT_VISIBILITY, type VisitPart } from '../../src/domain/visibility'
import { VISIT_TEXT_LIMITS, completeVisit, plannedVisit, visitTextProblem } from '../../src/domain/visits'
import * as v from 'valibot'
import { at, ctxAt, issueIn, staff } from './issueFixtures'

const NOW = at('2026-11-18 10:00')
const PHOTO = 'cloud://env.bucket/uploads/oStaffA01/visits/202611/MarkerPhotoAbcdefgh.jpg'
const visit: Visit = {
  ...plannedVisit({ _id: 'p1', teamId: 't1', visitWeekday: 3 }, '2026-W47', NOW),
  status: 'done',
  checkIn: { latitude: 30.297, longitude: 120.15, accuracy: 20, at: NOW - 3_600_000 },
  attendees: [{ name: '周厂长', side: 'enterprise', title: '生产副总' }, { name: '钱科长', side: 'government' }],
  minutes: '纪要标记：四季度订单饱满，联系人 13900000001',
  photos: [PHOTO],
  issueIds: ['raised-1'],
  followUps: [{ issueId: 'open-1', note: '回头看标记：排水工程已开工' }],
  completedAt: NOW,
  completedBy: 'oStaffA01',
  clientRequestId: 'req-visit-1',
}
const SOURCES = {
  project: { name: '智能装备产业园', enterpriseName: '智造科技', location: { latitude: 30.27, longitude: 120.15 } },
  teamName: '作者标记专班',
  completedByName: '李明',
  issues: {
    'raised-1': { _id: 'raised-1', caseNo: '2026-000042', title: '提出问题标记：物流夜间通行', state: 'submitted' as const },
    'open-1': { _id: 'open-1', caseNo: '2026-000007', title: '厂区道路积水', state: 'in_progress' as const },
  },
  links: { [PHOTO]: 'https://files.example/MarkerPhotoAbcdefgh.jpg?sign=1' },
}

/** Text that appears in the serialized record only when the part is there. */
const MARKERS: Record<VisitPart, string[]> = {
  attendees: ['周厂长', '钱科长'],
  minutes: ['纪要标记', '13900000001'],
  photos: ['MarkerPhotoAbcdefgh', 'files.example'],
  checkIn: ['30.297', '"distanceMeters"', '"far"'],
  followUps: ['回头看标记', '2026-000007', '厂区道路积水'],
  issuesRaised: ['提出问题标记', '2026-000042'],
  author: ['作者标记专班', '李明'],
}

test('every visit part has markers here (a new part needs its own)', () => {
  expect(Object.keys(MARKERS).sort()).toEqual([...VISIT_PARTS].sort())
  expect(Object.keys(VISIT_VISIBILITY).sort()).toEqual([...VISIT_PARTS].sort())
})

describe.each(VISIT_VIEWERS)('the record as the %s reads it', (viewer) => {
  const json = JSON.stringify(buildVisitRecord(visit, viewer, SOURCES))
  test.each(VISIT_PARTS)('%s: present exactly where the table shows it', (part) => {
    const shown = VISIT_VISIBILITY[part][viewer] !== 'absent'
    for (const marker of MARKERS[part]) expect({ part, marker, inReply: json.includes(marker) }).toEqual({ part, marker, inReply: shown })
  })
  test('it asks links and issues only for the parts it shows', () => {
    expect(recordFileIds(visit, viewer)).toEqual(VISIT_VISIBILITY.photos[viewer] === 'absent' ? [] : [PHOTO])
    const issues = recordIssueIds(visit, viewer)
    expect(issues.includes('raised-1')).toBe(VISIT_VISIBILITY.issuesRaised[viewer] !== 'absent')
    expect(issues.includes('open-1')).toBe(VISIT_VISIBILITY.followUps[viewer] !== 'absent')
  })
})

test('the liaison reads attendees and minutes as written, and nothing else of the visit', () => {
  const r = buildVisitRecord(visit, 'liaison', SOURCES)
  expect(r.attendees).toEqual(visit.attendees)
  expect(r.minutes).toBe(visit.minutes)
  expect(Object.keys(r).sort()).toEqual(['_id', 'attendees', 'completedAt', 'enterpriseName', 'minutes', 'plannedDate', 'projectId', 'projectName', 'status', 'viewer', 'weekKey'])
})

test('the team reads where it checked in: 3 002 m from the project, flagged far; a project without a location shows no distance', () => {
  expect(buildVisitRecord(visit, 'staff', SOURCES).checkIn).toEqual({ latitude: 30.297, longitude: 120.15, accuracy: 20, at: NOW - 3_600_000, distanceMeters: 3002, far: true, farMeters: 1000 })
  const unplaced = buildVisitRecord(visit, 'manager', { ...SOURCES, project: { name: 'x', enterpriseName: 'y' } }).checkIn
  expect(unplaced).toEqual({ latitude: 30.297, longitude: 120.15, accuracy: 20, at: NOW - 3_600_000 })
})

test('a photo whose file is gone comes without a link; an issue no longer found is named by its id\'s end', () => {
  const r = buildVisitRecord(visit, 'manager', { ...SOURCES, links: {}, issues: {} })
  expect(r.photos).toEqual([{ id: PHOTO }])
  expect(r.issuesRaised).toEqual([{ _id: 'raised-1', caseNo: 'ised-1', title: '（问题已不存在）', state: 'closed' }])
})

test.each(VISIT_VIEWERS)('the visit list\'s summary for the %s holds only the counts of parts it may read', (viewer) => {
  const s = visitSummary(visit, viewer, SOURCES.project.location)
  const shown = (p: VisitPart) => VISIT_VISIBILITY[p][viewer] !== 'absent'
  expect(s.firstLine !== undefined).toBe(shown('minutes'))
  expect(s.photoCount !== undefined).toBe(shown('photos'))
  expect(s.far !== undefined).toBe(shown('checkIn'))
  expect(s.followUpCount !== undefined).toBe(shown('followUps'))
  expect(s.issueCount !== undefined).toBe(shown('issuesRaised'))
})

describe('text limits: counted, refused with the count, never cut', () => {
  const log = { clientRequestId: 'req-limits-1', attendees: visit.attendees, minutes: '短', photos: [], followUps: [] as Visit['followUps'] }
  const planned = plannedVisit({ _id: 'p1', teamId: 't1', visitWeekday: 3 }, '2026-W47', NOW)
  test('minutes at the limit pass, one over is refused in a sentence', () => {
    expect(visitTextProblem({ minutes: '字'.repeat(5000), followUps: [] })).toBeUndefined()
    expect(visitTextProblem({ minutes: '字'.repeat(5001), followUps: [] })).toBe('走访纪要最多 5000 字，现在 5001 字，请删减后再提交')
    expect(completeVisit(planned, { ...log, minutes: '字'.repeat(5001) }, 'oStaff', NOW)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '走访纪要最多 5000 字，现在 5001 字，请删减后再提交' } })
  })
  test('a 回头看 note over 500 is refused, naming the note', () => {
    const followUps = [{ issueId: 'a', note: 'ok' }, { issueId: 'b', note: '字'.repeat(501) }]
    expect(visitTextProblem({ minutes: '短', followUps })).toBe('回头看记录每条最多 500 字，第 2 条现在 501 字，请删减后再提交')
    expect(visitTextProblem({ minutes: '短', followUps }, () => '「厂区道路积水」的记录')).toBe('回头看记录每条最多 500 字，「厂区道路积水」的记录现在 501 字，请删减后再提交')
  })
  test('blanks around the text are not counted; the limits agree with the issue step\'s', () => {
    expect(visitTextProblem({ minutes: ` ${'字'.repeat(5000)}\n`, followUps: [] })).toBeUndefined()
    expect(v.safeParse(FollowUpSchema, { action: 'follow_up', visitId: 'p1_2026-W47', text: '字'.repeat(VISIT_TEXT_LIMITS.followUpNote) }).success).toBe(true)
    expect(v.safeParse(FollowUpSchema, { action: 'follow_up', visitId: 'p1_2026-W47', text: '字'.repeat(VISIT_TEXT_LIMITS.followUpNote + 1) }).success).toBe(false)
  })
  test('two notes on one issue are refused', () => {
    const twice = [{ issueId: 'a', note: '一' }, { issueId: 'a', note: '二' }]
    expect(completeVisit(planned, { ...log, followUps: twice }, 'oStaff', NOW)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '同一个问题只能写一条回头看记录' } })
  })
})

describe('回头看 on the issue\'s timeline', () => {
  const NOTE = '企业说排水工程已开工，联系人 13912345678'
  const issue = issueIn('in_progress', at('2026-03-02 09:00'))
  const ctx = { ...ctxAt(at('2026-03-03 10:00')), actorName: '李明' }
  const step = transition(issue, { action: 'follow_up', visitId: 'p1_2026-W10', text: NOTE }, staff, ctx)
  if (!step.ok) throw step.error
  const after = step.value.issue
  const viewCtx = { now: ctx.now, calendar: weekendCalendar, openid: 'x', departmentName: (id: string) => id }

  test('is a step from the state to the same state, by the team, carrying the visit and the note', () => {
    expect(step.value.event).toMatchObject({ action: 'follow_up', role: 'staff', byName: '李明', from: 'in_progress', to: 'in_progress', data: { visitId: 'p1_2026-W10', text: NOTE } })
    expect(after.version).toBe(issue.version + 1)
  })

  test('the enterprise never reads the team\'s note: the table says so for both records', () => {
    expect(ISSUE_VISIBILITY.followUpNotes.liaison).toBe('absent')
    expect(VISIT_VISIBILITY.followUps.liaison).toBe('absent')
  })

  test.each(VIEWERS)('as the %s reads it', (viewer) => {
    const item = buildIssueView(after, viewer, viewCtx).timeline.find((t) => t.action === 'follow_up')
    const expected = {
      liaison: '服务专员走访回访',
      staff: `服务专员 李明回头看：${NOTE}`,
      manager: `服务专员 李明回头看：${NOTE}`,
      lead: '服务专员 李明回头看：企业说排水工程已开工，联系人 139****5678',
      assist: '服务专员 李明回头看：企业说排水工程已开工，联系人 139****5678',
    }[viewer]
    expect(item?.text).toBe(expected)
  })
})
