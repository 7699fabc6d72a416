/**
 * The triage limit (DESIGN.md, Decisions): an issue in 待交办 must be dispatched, declined or solved on
 * the spot within 1 working day of receipt (urgent: 2 clock hours), with the same 17:00 day-0 rule. It
 * climbs the 督办 ladder and counts as overdue like any other limit. Weekdays noted beside each date.
 */
import { isOverdue, ladderFor, replay, runningDeadline, transition } from '../../src/domain/issue'
import { issueFacts } from '../../src/domain/metrics'
import { computeMetrics } from '../../src/domain/metrics'
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import type { Issue } from '../../src/domain/types'
import { DISPATCH, at, ctxAt, leadHandler, liaison, must, raised, staff } from './issueFixtures'

const escalate = (i: Issue, when: string) => transition(i, { action: 'escalate' }, { system: true }, ctxAt(at(when)))
const climbed = (i: Issue, when: string): Issue => {
  const r = escalate(i, when)
  if (!r.ok || !r.value) throw new Error(`no escalation at ${when}`)
  return r.value.issue
}

describe('the triage deadline', () => {
  test('received Mon 03-02 at 16:59: due at 24:00 of Tue 03-03; at 17:00: day 0 is Tue, due at 24:00 of Wed 03-04', () => {
    expect(raised(at('2026-03-02 16:59')).triageDue).toBe(at('2026-03-04 00:00'))
    expect(raised(at('2026-03-02 17:00')).triageDue).toBe(at('2026-03-05 00:00'))
  })

  test('received Fri 03-06 at 18:00: the weekend does not count, due at 24:00 of Tue 03-10', () => {
    expect(raised(at('2026-03-06 18:00')).triageDue).toBe(at('2026-03-11 00:00'))
  })

  test('urgent: 2 clock hours, nights and weekends included (Sat 03-07 23:30 → Sun 01:30)', () => {
    expect(raised(at('2026-03-07 23:30'), { urgency: 'urgent' as 'normal' }).triageDue).toBe(at('2026-03-08 01:30'))
  })

  test('is the running deadline while 待交办, and stops when the issue is dispatched', () => {
    const i = raised(at('2026-03-02 09:00')) // day 0 Mon, due at 24:00 of Tue
    expect(runningDeadline(i)).toBe(at('2026-03-04 00:00'))
    expect(isOverdue(i, at('2026-03-04 00:00'))).toBe(false) // exactly at 24:00 of Tue: still in time
    expect(isOverdue(i, at('2026-03-04 00:01'))).toBe(true)
    const d = must(i, DISPATCH, staff, ctxAt(at('2026-03-03 10:00'))).issue
    expect(d.triagedAt).toBe(at('2026-03-03 10:00'))
    expect(runningDeadline(d)).toBe(d.signForDue)
  })

  test('a return to the dispatcher starts a new triage clock at the return', () => {
    let i = must(raised(at('2026-03-02 09:00')), DISPATCH, staff, ctxAt(at('2026-03-02 10:00'))).issue
    i = must(i, { action: 'return', reason: '不属于本部门职责' }, leadHandler, ctxAt(at('2026-03-05 18:00'))).issue // Thu after 17:00
    expect(i).toMatchObject({ state: 'submitted', triageFrom: at('2026-03-05 18:00'), triageDue: at('2026-03-10 00:00') }) // day 0 Fri, due 24:00 Mon
    expect(i.triagedAt).toBeUndefined()
    expect(replay(i.timeline)).toEqual(i)
  })

  test('an issue solved on the spot and rejected by the enterprise is back in 待交办 with a new triage clock', () => {
    let i = must(raised(at('2026-03-02 09:00')), { action: 'solve_on_spot', text: '已现场协调' }, staff, ctxAt(at('2026-03-02 10:00'))).issue
    i = must(i, { action: 'confirm', resolution: 'unsolved', rating: 'unsatisfied', comment: '并未解决' }, liaison, ctxAt(at('2026-03-03 11:00'))).issue
    expect(i).toMatchObject({ state: 'submitted', triageFrom: at('2026-03-03 11:00'), triageDue: at('2026-03-05 00:00') })
    expect(replay(i.timeline)).toEqual(i)
  })
})

describe('the triage deadline on the 督办 ladder', () => {
  test('蓝 within 1 working day, 黄 once overdue, 红 after 5 working days overdue — while 待交办', () => {
    let i = raised(at('2026-03-02 09:00')) // due at 24:00 of Tue 03-03
    expect(ladderFor(i, at('2026-03-02 23:59'), weekendCalendar)).toBe('none')
    expect(ladderFor(i, at('2026-03-03 00:00'), weekendCalendar)).toBe('blue')
    i = climbed(i, '2026-03-03 00:00')
    i = climbed(i, '2026-03-04 08:00')
    expect(i.ladder).toBe('yellow')
    expect(i.overdueStages).toEqual([`triage@${at('2026-03-02 09:00')}`])
    expect(escalate(i, '2026-03-10 23:59')).toEqual({ ok: true, value: null })
    i = climbed(i, '2026-03-11 00:00') // Wed 03-04 … Tue 03-10: 5 working days overdue
    expect(i).toMatchObject({ ladder: 'red', supervised: true })
  })

  test('a late triage is a deadline gone overdue: a late sign-for after it is the second 黄, so 红', () => {
    let i = must(raised(at('2026-03-02 09:00')), DISPATCH, staff, ctxAt(at('2026-03-04 10:00'))).issue // triage late by 10 h
    expect(i.signForDue).toBe(at('2026-03-06 00:00'))
    i = climbed(i, '2026-03-06 00:30') // sign-for overdue too
    expect(i.ladder).toBe('red')
    expect(i.overdueStages).toHaveLength(2)
  })
})

describe('the triage deadline in the figures', () => {
  test('当前逾期 counts a 待交办 issue past its triage deadline', () => {
    const i = raised(at('2026-03-02 09:00'))
    const f = issueFacts(i, weekendCalendar)
    expect(f.runningDue).toBe(at('2026-03-04 00:00'))
    const period = { from: at('2026-03-01 00:00'), to: at('2026-04-01 00:00') }
    expect(computeMetrics([f], [], 0, period, at('2026-03-04 09:00')).metrics.overdue).toMatchObject({ numerator: 1, denominator: 1 })
    expect(computeMetrics([f], [], 0, period, at('2026-03-02 18:00')).metrics.overdue).toMatchObject({ numerator: 0, denominator: 1 })
  })
})
