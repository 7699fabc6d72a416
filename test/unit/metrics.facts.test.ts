import { addWorkingDays, addWorkingMs } from '../../src/domain/calendar/workingTime'
import { weekendCalendar as cal } from '../../src/domain/calendar/weekendCalendar'
import { computeMetrics, issueFacts } from '../../src/domain/metrics'
import { DAY_MS } from '../../src/domain/time'
import { CHECK_ALL, DISPATCH, at, ctxAt, leadHandler, liaison, manager, must, raised, staff } from './issueFixtures'
import { APRIL_10, MARCH, endOf, ev, issue, sh } from './support/metricsFactory'

const dispatchedAt = sh('2026-03-02T10:00:00') // Mon
const dispatch = ev('dispatch', dispatchedAt, 'submitted', 'dispatched')

describe('issueFacts from an issue document (local factory)', () => {
  test('signed for by the deadline → signedOnTime true; after it → false; still 待签收 → null (pending)', () => {
    const due = endOf('2026-03-03')
    const base = { state: 'in_progress' as const, leadDepartmentId: 'd1', dispatchedAt, signForDue: due }
    const signed = (t: number) =>
      issue({ ...base, signedForAt: t, timeline: [issue().timeline[0], dispatch, ev('sign_for', t, 'dispatched', 'in_progress', 'handler')] })
    expect(issueFacts(signed(sh('2026-03-03T23:59:00')), cal)).toMatchObject({ signedOnTime: true, departmentId: 'd1', dispatched: true })
    expect(issueFacts(signed(sh('2026-03-04T08:00:00')), cal).signedOnTime).toBe(false)
    const waiting = issue({ ...base, state: 'dispatched', timeline: [issue().timeline[0], dispatch] })
    expect(issueFacts(waiting, cal)).toMatchObject({ signedOnTime: null, runningDue: due, open: true })
  })

  test('force-closed unsigned after the sign-for deadline counts as not signed on time', () => {
    const due = endOf('2026-03-03')
    const closed = issue({
      state: 'closed',
      signForDue: due,
      closedAt: sh('2026-03-05T10:00:00'),
      forceClosed: true,
      timeline: [issue().timeline[0], dispatch, ev('force_close', sh('2026-03-05T10:00:00'), 'dispatched', 'closed', 'manager')],
    })
    expect(issueFacts(closed, cal)).toMatchObject({ signedOnTime: false, open: false })
  })

  test('paused time is not held against 按期: the deadline it carries already includes the pause', () => {
    const preset = addWorkingDays(cal, dispatchedAt, 2) // end of Wed 03-04
    const answerDue = addWorkingMs(cal, preset, 2 * DAY_MS) // paused 2 wd → end of Fri 03-06
    const answeredAt = sh('2026-03-05T15:00:00') // Thu, after the preset, before the pushed deadline
    const f = issueFacts(
      issue({ state: 'under_review', answerClockFrom: dispatchedAt, answerDue, pausedWorkingMs: 2 * DAY_MS, answeredAt, timeline: [issue().timeline[0], dispatch] }),
      cal,
    )
    expect(f).toMatchObject({ answerDue: endOf('2026-03-06'), answeredOnTime: true })
    // Mon 14 h + Tue + Wed + Thu 15 h = 3 d 5 h, minus 2 d paused = 29 h = 1.21 wd
    expect(f.workingDaysToAnswer).toBe(1.21)
  })

  test('an approved extension applies: the answer after the original but before the extended deadline is on time', () => {
    const answerDue = addWorkingMs(cal, endOf('2026-03-04'), 3 * DAY_MS) // +3 wd → end of Mon 03-09
    const i = issue({
      state: 'resolved',
      answerClockFrom: dispatchedAt,
      answerDue,
      extensionWorkingMs: 3 * DAY_MS,
      extensions: [{ requestedAt: dispatchedAt, requestedBy: 'h', reason: '现场复核', workingDays: 3, until: answerDue, decision: 'approved' }],
      answeredAt: sh('2026-03-09T10:00:00'),
    })
    expect(issueFacts(i, cal)).toMatchObject({ answerDue: endOf('2026-03-09'), answeredOnTime: true })
  })

  test('an answer from before a reopening is not the current clock’s; a repeat is marked', () => {
    const reopened = issue({
      state: 'in_progress',
      answerClockFrom: sh('2026-03-10T09:00:00'),
      answerDue: endOf('2026-03-17'),
      answeredAt: sh('2026-03-05T09:00:00'),
      reopenCount: 1,
      repeatOf: 'i0',
    })
    expect(issueFacts(reopened, cal)).toMatchObject({ answeredAt: null, answeredOnTime: null, reopened: true, isRepeat: true, runningDue: endOf('2026-03-17') })
  })

  test('an auto-closed issue is settled at its closing, with no resolution or rating of its own', () => {
    const closedAt = sh('2026-03-20T00:00:00')
    const f = issueFacts(issue({ state: 'closed', autoClosed: true, closedAt, resolvedAt: sh('2026-03-10T10:00:00') }), cal)
    expect(f).toMatchObject({ confirmedAt: closedAt, autoClosed: true, resolution: null, rating: null, confirmedWeek: '2026-W12' })
  })
})

test('facts from an issue driven through the lifecycle’s own transitions', () => {
  let i = raised(at('2026-03-02 09:00')) // Mon
  const step = (cmd: object, who: Parameters<typeof must>[2], when: string) => {
    i = must(i, cmd as never, who, ctxAt(at(when))).issue
  }
  step(DISPATCH, staff, '2026-03-02 09:30') // sign-for by end of Tue 03-03; answer (5 wd) by end of Mon 03-09
  step({ action: 'sign_for' }, leadHandler, '2026-03-02 14:00')
  step({ action: 'request_materials', reason: '请提供消防设计图纸' }, leadHandler, '2026-03-03 10:00')
  step({ action: 'add_materials', text: '图纸见附件', files: ['cloud://env/plan.pdf'] }, liaison, '2026-03-05 10:00') // +2 wd
  step({ action: 'request_extension', reason: '需现场复核', workingDays: 2 }, leadHandler, '2026-03-06 10:00')
  step({ action: 'decide_extension', approved: true }, manager, '2026-03-06 11:00') // +2 wd → end of Fri 03-13
  step({ action: 'answer', text: '已定于3月16日上午验收，联系人王工。' }, leadHandler, '2026-03-13 10:00')
  step({ action: 'review', passed: true, checklist: CHECK_ALL }, staff, '2026-03-13 11:00')
  step({ action: 'confirm', resolution: 'solved', rating: 'satisfied' }, liaison, '2026-03-16 09:00')

  const f = issueFacts(i, cal)
  expect(f).toMatchObject({
    state: 'closed',
    departmentId: 'd1',
    dispatchedAt: at('2026-03-02 09:30'),
    signedOnTime: true,
    answerDue: at('2026-03-14 00:00'),
    answeredAt: at('2026-03-13 10:00'),
    answeredOnTime: true, // late against the preset (03-09) — on time with the pause and the extension
    firstContactAt: at('2026-03-03 10:00'), // asking for materials reached the enterprise
    workingDaysToFirstContact: 1.04, // 25 h
    confirmedAt: at('2026-03-16 09:00'),
    resolution: 'solved',
    rating: 'satisfied',
    open: false,
    runningDue: null,
  })
  // 03-02 09:30 → 03-13 10:00 is 9 wd 0.5 h; 2 wd paused → 7.02
  expect(f.workingDaysToAnswer).toBe(7.02)

  const d = computeMetrics([f], [], 0, MARCH, APRIL_10)
  expect([d.metrics.response.value, d.metrics.onTime.value, d.metrics.resolution.value, d.metrics.satisfaction.value]).toEqual([1, 1, 1, 1])
  expect(d.metrics.score.value).toBe(1)
  expect(d.answerDays.median).toBe(8)
})
