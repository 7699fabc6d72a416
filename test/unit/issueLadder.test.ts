/** The 督办 ladder: 蓝 → 黄 → 红 as the clock advances, computed by the timer, idempotent. */
import { ladderFor, replay, transition } from '../../src/domain/issue'
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import type { Issue } from '../../src/domain/types'
import { DISPATCH, at, ctxAt, leadHandler, manager, must, raised, staff } from './issueFixtures'

const escalate = (i: Issue, when: string) =>
  transition(i, { action: 'escalate' }, { system: true }, ctxAt(at(when)))

/** Dispatched Mon 03-02 09:00 as a complex issue: sign-for due end of Tue 03-03, answer end of Mon 03-16. */
const dispatched = () =>
  must(raised(at('2026-03-02 08:00')), { ...DISPATCH, complexity: 'complex' }, staff, ctxAt(at('2026-03-02 09:00'))).issue

test('the ladder climbs 蓝 → 黄 → 红 as time passes, one event per rise', () => {
  let i = dispatched()
  expect(escalate(i, '2026-03-02 23:59')).toEqual({ ok: true, value: null }) // more than 1 wd left
  const blue = escalate(i, '2026-03-03 00:00') // exactly 1 wd left
  expect(blue.ok && blue.value?.issue.ladder).toBe('blue')
  if (!blue.ok || !blue.value) return
  i = blue.value.issue
  expect(escalate(i, '2026-03-03 12:00')).toEqual({ ok: true, value: null })
  const yellow = escalate(i, '2026-03-04 00:01')
  expect(yellow.ok && yellow.value?.event.data).toEqual({ ladder: 'yellow', previous: 'blue', overdueStages: [`sign_for@${i.dispatchedAt}`] })
  if (!yellow.ok || !yellow.value) return
  i = yellow.value.issue
  expect(escalate(i, '2026-03-10 23:59')).toEqual({ ok: true, value: null }) // 4.99 wd overdue
  const red = escalate(i, '2026-03-11 00:00') // 5 wd overdue
  expect(red.ok && red.value?.issue.ladder).toBe('red')
  if (!red.ok || !red.value) return
  expect(escalate(red.value.issue, '2026-03-30 00:00')).toEqual({ ok: true, value: null })
  expect(red.value.issue.timeline.filter((e) => e.action === 'escalate').map((e) => e.data?.ladder)).toEqual(['blue', 'yellow', 'red'])
})

test('escalating twice at the same instant yields one event', () => {
  const first = escalate(dispatched(), '2026-03-05 00:00')
  expect(first.ok && first.value?.issue.ladder).toBe('yellow')
  if (!first.ok || !first.value) return
  expect(escalate(first.value.issue, '2026-03-05 00:00')).toEqual({ ok: true, value: null })
})

test('a second 黄 (late sign-for, then a late answer) is 红 before five working days', () => {
  let i = dispatched()
  i = must(i, { action: 'escalate' }, { system: true }, ctxAt(at('2026-03-04 09:00'))).issue
  i = must(i, { action: 'sign_for' }, leadHandler, ctxAt(at('2026-03-04 10:00'))).issue
  expect(i.ladder).toBe('yellow') // the ladder never falls
  expect(escalate(i, '2026-03-16 23:00')).toEqual({ ok: true, value: null }) // answer not yet due
  const red = escalate(i, '2026-03-17 00:01')
  expect(red.ok && red.value?.issue).toMatchObject({ ladder: 'red', overdueStages: [`sign_for@${i.dispatchedAt}`, `answer@${i.dispatchedAt}`] })
})

test('a late sign-for the timer never saw still counts as the first 黄', () => {
  let i = dispatched()
  i = must(i, { action: 'sign_for' }, leadHandler, ctxAt(at('2026-03-04 10:00'))).issue
  expect(i.ladder).toBe('none')
  expect(ladderFor(i, at('2026-03-17 00:01'), weekendCalendar)).toBe('red')
})

test('a paused issue does not climb while it waits for materials', () => {
  let i = must(dispatched(), { action: 'sign_for' }, leadHandler, ctxAt(at('2026-03-02 10:00'))).issue
  i = must(i, { action: 'request_materials', reason: '请补充' }, leadHandler, ctxAt(at('2026-03-02 11:00'))).issue
  expect(escalate(i, '2026-04-30 00:00')).toEqual({ ok: true, value: null })
  expect(ladderFor(i, at('2026-04-30 00:00'), weekendCalendar)).toBe('none')
})

test('reaching 红 puts the issue under 督办 in the same event; a replay agrees; 蓝 and 黄 do not', () => {
  let i = dispatched()
  i = must(i, { action: 'escalate' }, { system: true }, ctxAt(at('2026-03-04 00:01'))).issue // 黄
  expect(i.supervised).toBe(false)
  const red = must(i, { action: 'escalate' }, { system: true }, ctxAt(at('2026-03-11 00:00')))
  expect(red.event).toMatchObject({ action: 'escalate', by: 'system', reason: expect.stringContaining('督办'), data: { ladder: 'red', supervise: true } })
  expect(red.issue).toMatchObject({ ladder: 'red', supervised: true, supervisedBy: 'system' })
  expect(replay(red.issue.timeline)).toEqual(red.issue)
})

test('an issue a manager already supervises reaches 红 without a second 督办 mark', () => {
  const i = must(dispatched(), { action: 'supervise', reason: '企业多次反映' }, manager, ctxAt(at('2026-03-02 10:00'))).issue
  const red = must(i, { action: 'escalate' }, { system: true }, ctxAt(at('2026-03-11 00:00')))
  expect(red.event.data).not.toHaveProperty('supervise')
  expect(red.issue).toMatchObject({ ladder: 'red', supervised: true, supervisedBy: manager.openid, supervisedReason: '企业多次反映' })
})

test('the red threshold is configurable (RED_AFTER_WORKING_DAYS): 2 working days overdue is 红', () => {
  const i = must(dispatched(), { action: 'escalate' }, { system: true }, ctxAt(at('2026-03-04 00:01'))).issue
  const config = { ...ctxAt(at('2026-03-06 00:00')).config, redAfterWorkingDays: 2 }
  const red = transition(i, { action: 'escalate' }, { system: true }, { ...ctxAt(at('2026-03-06 00:00')), config })
  expect(red.ok && red.value?.issue).toMatchObject({ ladder: 'red', supervised: true })
})
