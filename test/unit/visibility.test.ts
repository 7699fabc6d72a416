/**
 * Who sees what, cell by cell: an issue taken through every step, each text carrying a marker and a
 * phone number of its own; for every viewer and every part of the visibility table, the serialized view
 * (detail and list card) holds the marker with the number, the marker with the number masked, or no
 * trace of it — as src/domain/visibility.ts says. The search is over the JSON the function would send.
 */
import { buildIssueView, issueCardFor } from '../../src/domain/issue'
import type { Issue } from '../../src/domain/types'
import { ISSUE_VISIBILITY, type IssuePart, VIEWERS, type Viewer } from '../../src/domain/visibility'
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import { CHECK_ALL, DISPATCH, assistHandler, at, ctxAt, leadHandler, liaison, liaison2, manager, must, staff, staff2 } from './issueFixtures'
import { createIssue } from '../../src/domain/issue'

const phone = (n: number) => `139000000${String(n).padStart(2, '0')}`
const masked = (n: number) => `139****00${String(n).padStart(2, '0')}`
const mark = (name: string, n: number) => `${name}-MARK 请联系 ${phone(n)}`

/** Each part of the table and the markers (with their phone numbers) that stand for it. */
const MARKERS: Record<IssuePart, { text: string; n?: number }[]> = {
  texts: [{ text: 'TITLE', n: 11 }, { text: 'DESC', n: 12 }],
  raiserName: [{ text: 'RAISER-NAME' }],
  raiserPhone: [{ text: phone(13), n: 13 }],
  materials: [{ text: 'ASK', n: 14 }, { text: 'MATERIAL', n: 15 }],
  internalNotes: [{ text: 'INTERNAL-NOTE', n: 16 }],
  enterpriseNotes: [{ text: 'PUBLIC-NOTE', n: 17 }],
  opinions: [{ text: 'OPINION', n: 18 }],
  extensions: [{ text: 'EXTENSION', n: 19 }],
  internalSteps: [{ text: 'RETURN', n: 20 }, { text: 'SUPERVISE', n: 21 }, { text: 'DECISION-NOTE', n: 22 }],
  answerDrafts: [{ text: 'DRAFT', n: 23 }, { text: 'REVIEW-NOTE', n: 24 }],
  passedAnswer: [{ text: 'PASSED-ANSWER', n: 25 }],
  confirmation: [{ text: 'CONFIRM', n: 26 }],
  rater: [{ text: 'RATER-NAME' }],
  actorNames: [{ text: 'STAFF-NAME' }],
  supervision: [{ text: '"supervision"' }],
  publicReasons: [{ text: 'FORCE-CLOSE', n: 27 }],
  followUpNotes: [{ text: 'FOLLOW-UP', n: 28 }],
}
const markerText = (m: { text: string; n?: number }) => (m.n !== undefined && !m.text.startsWith('139') ? `${m.text}-MARK` : m.text)

const c = (when: string, extra = {}) => ctxAt(at(when), extra)
const named = (name: string) => ({ actorName: name })

/** Raised by liaison-1 (RAISER-NAME), through every step to closed; another issue force-closed. */
function everyStep(): { closed: Issue; forced: Issue } {
  const raised = createIssue(
    {
      projectId: 'p1', teamId: 't1', source: 'group', category: 'approval', urgency: 'normal', clientRequestId: 'req-vis-1',
      title: mark('TITLE', 11), description: mark('DESC', 12), photos: ['cloud://env.b/uploads/liaison-1/issues/202603/PhotoMarkerAAAAAAAA.jpg'],
    },
    liaison,
    { ...c('2026-03-02 09:00'), id: 'vis-1', caseNo: '2026-000001', raiser: { name: 'RAISER-NAME', phone: phone(13) } },
  )
  if (!raised.ok) throw raised.error
  let i = raised.value
  const step = (cmd: object, who: typeof staff, when: string, name: string, extra = {}) => (i = must(i, cmd as never, who, c(when, { ...named(name), ...extra })).issue)
  step(DISPATCH, staff, '2026-03-02 10:00', 'STAFF-NAME')
  step({ action: 'return', reason: mark('RETURN', 20) }, leadHandler, '2026-03-02 11:00', 'LEAD-NAME')
  step(DISPATCH, staff, '2026-03-02 12:00', 'STAFF-NAME')
  step({ action: 'sign_for' }, leadHandler, '2026-03-02 13:00', 'LEAD-NAME')
  step({ action: 'request_materials', reason: mark('ASK', 14) }, leadHandler, '2026-03-02 14:00', 'LEAD-NAME')
  step({ action: 'add_materials', text: mark('MATERIAL', 15), files: ['cloud://env.b/uploads/liaison-1/materials/202603/MaterialMarkerAAAA.pdf'] }, liaison, '2026-03-02 15:00', 'RAISER-NAME')
  step({ action: 'note', text: mark('INTERNAL-NOTE', 16) }, leadHandler, '2026-03-02 16:00', 'LEAD-NAME')
  step({ action: 'note', text: mark('PUBLIC-NOTE', 17), forEnterprise: true }, staff, '2026-03-02 16:10', 'STAFF-NAME')
  step({ action: 'add_opinion', text: mark('OPINION', 18) }, assistHandler, '2026-03-02 16:20', 'ASSIST-NAME')
  step({ action: 'request_extension', reason: mark('EXTENSION', 19), workingDays: 2 }, leadHandler, '2026-03-03 09:00', 'LEAD-NAME')
  step({ action: 'decide_extension', approved: true, note: mark('DECISION-NOTE', 22) }, manager, '2026-03-03 10:00', 'MANAGER-NAME')
  step({ action: 'supervise', reason: mark('SUPERVISE', 21) }, manager, '2026-03-03 10:30', 'MANAGER-NAME')
  step({ action: 'follow_up', visitId: 'p1_2026-W10', text: mark('FOLLOW-UP', 28) }, staff, '2026-03-03 10:40', 'STAFF-NAME')
  step({ action: 'answer', text: mark('DRAFT', 23) }, leadHandler, '2026-03-03 11:00', 'LEAD-NAME')
  step({ action: 'review', passed: false, checklist: { ...CHECK_ALL, solved: false }, note: mark('REVIEW-NOTE', 24) }, staff2, '2026-03-03 12:00', 'REVIEWER-NAME')
  step({ action: 'answer', text: mark('PASSED-ANSWER', 25) }, leadHandler, '2026-03-03 13:00', 'LEAD-NAME')
  step({ action: 'review', passed: true, checklist: CHECK_ALL }, staff2, '2026-03-03 14:00', 'REVIEWER-NAME')
  step({ action: 'confirm', resolution: 'partly', rating: 'basically', comment: mark('CONFIRM', 26) }, liaison2, '2026-03-04 09:00', 'RATER-NAME')
  const closed = i
  i = raised.value
  step(DISPATCH, staff, '2026-03-02 10:00', 'STAFF-NAME')
  step({ action: 'force_close', reason: mark('FORCE-CLOSE', 27) }, manager, '2026-03-02 11:00', 'MANAGER-NAME')
  return { closed, forced: i }
}

const { closed, forced } = everyStep()
const ctx = (openid: string) => ({ now: at('2026-03-05 09:00'), calendar: weekendCalendar, openid, departmentName: (id: string) => `DEPT-${id}` })
/** The viewer as a person: the raising liaison reads as liaison-1. */
const OPENIDS: Record<Viewer, string> = { liaison: liaison.openid, staff: staff.openid, lead: leadHandler.openid, assist: assistHandler.openid, manager: manager.openid }
const serialized = (viewer: Viewer, openid = OPENIDS[viewer]) =>
  JSON.stringify([buildIssueView(closed, viewer, ctx(openid)), buildIssueView(forced, viewer, ctx(openid)), issueCardFor(closed, viewer, ctx(openid).now, weakCal)])
const weakCal = weekendCalendar

const cells = VIEWERS.flatMap((viewer) => (Object.keys(MARKERS) as IssuePart[]).map((part) => [viewer, part] as const))

describe('every cell of the visibility table, in the serialized views', () => {
  test.each(cells)('%s reading %s', (viewer, part) => {
    const json = serialized(viewer)
    const exposure = ISSUE_VISIBILITY[part][viewer] === 'own' ? 'shown' : ISSUE_VISIBILITY[part][viewer] // the raising liaison reads their own
    for (const m of MARKERS[part]) {
      const text = markerText(m)
      if (exposure === 'absent') {
        expect(json).not.toContain(text)
        continue
      }
      expect(json).toContain(m.n !== undefined && exposure === 'masked' && text === phone(m.n) ? masked(m.n) : text)
      if (m.n === undefined) continue
      if (exposure === 'masked') {
        expect(json).not.toContain(phone(m.n))
        expect(json).toContain(masked(m.n))
      } else expect(json).toContain(phone(m.n))
    }
  })

  test('another liaison of the project does not read the raiser\'s contact (own)', () => {
    const json = serialized('liaison', liaison2.openid)
    expect(json).not.toContain('RAISER-NAME')
    expect(json).not.toContain(phone(13))
  })

  test('no view carries an OPENID (beyond the uploader\'s own storage folder in a file id) or the stored document\'s internal fields', () => {
    for (const viewer of VIEWERS) {
      // A file id names its uploader's folder (uploads/<openid>/…, what the storage rule checks); nothing else may.
      const json = serialized(viewer).replace(/cloud:\/\/[^"]+/g, 'FILE')
      for (const id of [liaison.openid, liaison2.openid, staff.openid, staff2.openid, leadHandler.openid, assistHandler.openid, manager.openid]) expect(json).not.toContain(id)
      for (const field of ['"raisedBy"', '"clientRequestId"', '"overdueStages"', '"pausedWorkingMs"', '"facts"']) expect(json).not.toContain(field)
    }
  })
})
