/** Deadlines: presets, the 17:00 cut-off, 调休, paused time, and recomputation on a calendar change. */
import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import { DEFAULT_DESK_CONFIG, deadlinesFor, transition } from '../../src/domain/issue'
import { DAY_MS, isWeekend } from '../../src/domain/time'
import { DISPATCH, at, ctxAt, holidayCalendar, issueIn, leadHandler, liaison, must, raised, staff } from './issueFixtures'

const dispatchedAt = (when: string, extra: object = {}, calendar: WorkCalendar = weekendCalendar) =>
  must(raised(at('2026-03-02 08:00')), { ...DISPATCH, ...extra } as never, staff, ctxAt(at(when), { calendar })).issue

describe('sign-for deadline around the 17:00 cut-off', () => {
  test.each([
    ['Mon 08:59 counts Monday as day 0: due end of Tue', '2026-03-02 08:59', '2026-03-04 00:00'],
    ['Mon 16:59 counts Monday as day 0: due end of Tue', '2026-03-02 16:59', '2026-03-04 00:00'],
    ['Mon 17:00 counts Tuesday as day 0: due end of Wed', '2026-03-02 17:00', '2026-03-05 00:00'],
    ['Fri 17:00 counts Monday as day 0: due end of Tue', '2026-03-06 17:00', '2026-03-11 00:00'],
    ['Sat 08:59 counts Monday as day 0: due end of Tue', '2026-03-07 08:59', '2026-03-11 00:00'],
  ])('%s', (_name, when, due) => {
    expect(dispatchedAt(when).signForDue).toBe(at(due))
  })

  test('an urgent issue is due for sign-for two clock hours after dispatch, even at 17:00 on a Friday', () => {
    expect(dispatchedAt('2026-03-06 17:00', { urgency: 'urgent' }).signForDue).toBe(at('2026-03-06 19:00'))
  })

  test('调休: a holiday on Wed is skipped and a make-up Saturday counts', () => {
    expect(dispatchedAt('2026-03-03 17:00', {}, holidayCalendar).signForDue).toBe(at('2026-03-07 00:00')) // Thu is day 0, due end of Fri
    expect(dispatchedAt('2026-03-06 17:00', {}, holidayCalendar).signForDue).toBe(at('2026-03-10 00:00')) // Sat 03-07 is day 0
  })
})

describe('answer deadline by complexity', () => {
  test.each([
    ['simple', 2, '2026-03-05 00:00'],
    ['normal', 5, '2026-03-10 00:00'],
    ['complex', 10, '2026-03-17 00:00'],
    ['major', 25, '2026-04-07 00:00'],
  ])('a %s issue dispatched Mon 09:00 is due in %i working days', (complexity, _days, due) => {
    expect(dispatchedAt('2026-03-02 09:00', { complexity }).answerDue).toBe(at(due))
  })
  test("without a complexity the category's default applies (用地规划 is major)", () => {
    const i = dispatchedAt('2026-03-02 09:00', { category: 'land', complexity: undefined })
    expect(i).toMatchObject({ complexity: 'major', sla: { answerWorkingDays: 25, signForWorkingDays: 1 } })
  })
  test('deadlinesFor reports the preset and both deadlines', () => {
    const d = deadlinesFor(weekendCalendar, DEFAULT_DESK_CONFIG, at('2026-03-02 09:00'), 'urgent', 'simple')
    expect(d).toEqual({
      sla: { signForClockHours: 2, answerWorkingDays: 2 },
      signForDue: at('2026-03-02 11:00'),
      answerDue: at('2026-03-05 00:00'),
      dueEstimated: false,
    })
  })
})

describe('paused time is excluded', () => {
  test('a pause over a weekend adds only its working time (Fri 10:00 → Mon 10:00 is one working day)', () => {
    let i = issueIn('in_progress', at('2026-03-02 09:00')) // answer due end of Mon 03-09
    i = must(i, { action: 'request_materials', reason: '请补充营业执照' }, leadHandler, ctxAt(at('2026-03-06 10:00'))).issue
    i = must(i, { action: 'add_materials', files: ['cloud://env/license.jpg'] }, liaison, ctxAt(at('2026-03-09 10:00'))).issue
    expect(i.pausedWorkingMs).toBe(DAY_MS)
    expect(i.answerDue).toBe(at('2026-03-11 00:00'))
  })
  test('a pause over a holiday adds nothing for the holiday', () => {
    const cal = holidayCalendar // Wed 03-04 rests
    let i = must(raised(), DISPATCH, staff, ctxAt(at('2026-03-02 09:00'), { calendar: cal })).issue
    i = must(i, { action: 'sign_for' }, leadHandler, ctxAt(at('2026-03-02 10:00'), { calendar: cal })).issue
    const before = i.answerDue as number
    i = must(i, { action: 'request_materials', reason: '请补充' }, leadHandler, ctxAt(at('2026-03-03 12:00'), { calendar: cal })).issue
    i = must(i, { action: 'add_materials', text: '已补充' }, liaison, ctxAt(at('2026-03-05 12:00'), { calendar: cal })).issue
    expect(i.pausedWorkingMs).toBe(DAY_MS) // Tue 12:00 → Thu 12:00, Wed not counted
    expect(i.answerDue).toBe(before + DAY_MS)
  })
})

describe('recomputing deadlines when the zone changes its calendar', () => {
  const withHoliday = (ymd: string): WorkCalendar => ({
    isWorkingDay: (d) => d !== ymd && !isWeekend(d),
    basis: () => 'zone',
  })
  const recompute = (issue: Parameters<typeof transition>[0], calendar: WorkCalendar) =>
    transition(issue, { action: 'recompute_deadlines' }, { system: true }, ctxAt(at('2026-03-02 12:00'), { calendar }))

  test('a new holiday moves an open issue’s deadlines and records what moved', () => {
    const i = issueIn('dispatched', at('2026-03-02 09:00'))
    const r = recompute(i, withHoliday('2026-03-03'))
    expect(r.ok && r.value).toBeTruthy()
    if (!r.ok || !r.value) return
    expect(r.value.issue).toMatchObject({ signForDue: at('2026-03-05 00:00'), answerDue: at('2026-03-11 00:00') })
    expect(r.value.event.data).toEqual({
      before: { signForDue: at('2026-03-04 00:00'), answerDue: at('2026-03-10 00:00') },
      after: { signForDue: at('2026-03-05 00:00'), answerDue: at('2026-03-11 00:00') },
    })
    expect(recompute(r.value.issue, withHoliday('2026-03-03'))).toEqual({ ok: true, value: null })
  })
  test('paused time and approved extensions survive the recomputation', () => {
    let i = issueIn('in_progress', at('2026-03-02 09:00'))
    i = must(i, { action: 'request_materials', reason: '请补充' }, leadHandler, ctxAt(at('2026-03-03 09:00'))).issue
    i = must(i, { action: 'add_materials', text: '已补充' }, liaison, ctxAt(at('2026-03-04 09:00'))).issue
    expect(i.answerDue).toBe(at('2026-03-11 00:00'))
    const r = recompute(i, withHoliday('2026-03-06'))
    expect(r.ok && r.value && r.value.issue.answerDue).toBe(at('2026-03-12 00:00'))
  })
  test('a calendar change that touches no deadline records nothing', () => {
    expect(recompute(issueIn('in_progress'), withHoliday('2026-05-01'))).toEqual({ ok: true, value: null })
  })
  test('the auto-close date of a resolved issue moves too', () => {
    const r = recompute(issueIn('resolved', at('2026-03-02 09:00')), withHoliday('2026-03-05'))
    expect(r.ok && r.value && r.value.issue.confirmDue).toBe(at('2026-03-13 00:00'))
  })
  test('a 待交办 issue\'s triage deadline moves (1 working day from receipt)', () => {
    const r = recompute(issueIn('submitted', at('2026-03-02 09:00')), withHoliday('2026-03-02'))
    expect(r.ok && r.value && r.value.event.data).toEqual({ before: { triageDue: at('2026-03-04 00:00') }, after: { triageDue: at('2026-03-05 00:00') } })
  })
  test.each(['closed', 'withdrawn', 'declined'] as const)('a %s issue never changes', (state) => {
    expect(recompute(issueIn(state), withHoliday('2026-03-03'))).toEqual({ ok: true, value: null })
  })
})
