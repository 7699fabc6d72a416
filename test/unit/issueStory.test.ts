/** Stories of one issue through the desk, and the refusals along the way. */
import { describeEvent, replay, transition } from '../../src/domain/issue'
import { DAY_MS } from '../../src/domain/time'
import {
  CHECK_ALL,
  DISPATCH,
  assistHandler,
  at,
  ctxAt,
  issueIn,
  leadHandler,
  liaison,
  liaison2,
  manager,
  must,
  newLeadHandler,
  otherHandler,
  otherLiaison,
  otherStaff,
  raised,
  staff,
  staff2,
} from './issueFixtures'

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code)

test('an issue travels raise → dispatch → … → reopened → … → closed with every step on the timeline', () => {
  let i = raised(at('2026-03-02 09:00')) // Mon
  const step = (cmd: object, who: Parameters<typeof must>[2], when: string) => {
    const s = must(i, cmd as never, who, ctxAt(at(when)))
    i = s.issue
    return s.event
  }
  step(DISPATCH, staff, '2026-03-02 09:30')
  expect(i).toMatchObject({ state: 'dispatched', signForDue: at('2026-03-04 00:00'), answerDue: at('2026-03-10 00:00') })
  step({ action: 'sign_for' }, leadHandler, '2026-03-02 14:00')
  step({ action: 'request_materials', reason: '请提供消防设计图纸' }, leadHandler, '2026-03-03 10:00')
  expect(i).toMatchObject({ state: 'awaiting_materials', pausedSince: at('2026-03-03 10:00') })
  step({ action: 'add_materials', text: '图纸见附件', files: ['cloud://env/plan.pdf'] }, liaison, '2026-03-05 10:00')
  // Two working days paused: the answer deadline moves from end of Mon 03-09 to end of Wed 03-11.
  expect(i).toMatchObject({ state: 'in_progress', pausedWorkingMs: 2 * DAY_MS, answerDue: at('2026-03-12 00:00') })
  expect(i.pausedSince).toBeUndefined()
  step({ action: 'answer', text: '我们会尽快安排。' }, leadHandler, '2026-03-06 09:00')
  expect(i.timeline[i.timeline.length - 1].data?.lint).toEqual([expect.objectContaining({ word: '尽快' })])
  step({ action: 'review', passed: false, checklist: { ...CHECK_ALL, solved: false }, note: '未给出验收日期' }, staff, '2026-03-06 10:00')
  expect(i.state).toBe('in_progress')
  step({ action: 'answer', text: '已定于3月12日上午验收，联系人王工。' }, leadHandler, '2026-03-06 15:00')
  step({ action: 'review', passed: true, checklist: CHECK_ALL }, staff, '2026-03-06 16:00')
  expect(i.state).toBe('resolved')
  step({ action: 'confirm', resolution: 'partly', rating: 'unsatisfied', comment: '只验收了一半' }, liaison, '2026-03-09 09:00')
  expect(i).toMatchObject({ state: 'in_progress', reopenCount: 1, answerClockFrom: at('2026-03-09 09:00'), pausedWorkingMs: 0 })
  expect(i.answerDue).toBe(at('2026-03-17 00:00')) // 5 wd from Mon 03-09: end of Mon 03-16
  expect(i.answer).toBeUndefined()
  step({ action: 'answer', text: '剩余部分已于3月13日验收完毕。' }, leadHandler, '2026-03-13 16:00')
  step({ action: 'review', passed: true, checklist: CHECK_ALL }, manager, '2026-03-13 17:00')
  step({ action: 'confirm', resolution: 'solved', rating: 'satisfied' }, liaison2, '2026-03-16 09:00')
  expect(i).toMatchObject({
    state: 'closed',
    closedAt: at('2026-03-16 09:00'),
    confirmation: { resolution: 'solved', rating: 'satisfied', by: 'liaison-2' },
    reopenCount: 1,
    returnCount: 0,
  })
  expect(i.timeline.map((e) => e.action)).toEqual([
    'raise', 'dispatch', 'sign_for', 'request_materials', 'add_materials', 'answer', 'review', 'answer', 'review',
    'confirm', 'answer', 'review', 'confirm',
  ])
  expect(i.version).toBe(i.timeline.length)
  expect(replay(i.timeline)).toEqual(i)
})

describe('who may act', () => {
  const now = ctxAt(at('2026-03-02 10:00'))
  test('a handler of another department cannot sign for, answer or even note the issue', () => {
    expect(code(transition(issueIn('dispatched'), { action: 'sign_for' }, otherHandler, now))).toBe('FORBIDDEN')
    expect(code(transition(issueIn('in_progress'), { action: 'answer', text: '好' }, otherHandler, now))).toBe('FORBIDDEN')
    expect(code(transition(issueIn('in_progress'), { action: 'note', text: '看看' }, otherHandler, now))).toBe('FORBIDDEN')
  })
  test('an assisting department notes and gives its opinion but cannot answer', () => {
    expect(code(transition(issueIn('in_progress'), { action: 'note', text: '已配合' }, assistHandler, now))).toBe('ok')
    expect(code(transition(issueIn('in_progress'), { action: 'add_opinion', text: '同意' }, assistHandler, now))).toBe('ok')
    expect(code(transition(issueIn('in_progress'), { action: 'answer', text: '好' }, assistHandler, now))).toBe('FORBIDDEN')
    expect(code(transition(issueIn('in_progress'), { action: 'add_opinion', text: '同意' }, leadHandler, now))).toBe('FORBIDDEN')
  })
  test('a liaison of another project cannot withdraw, confirm or add materials', () => {
    expect(code(transition(issueIn('submitted'), { action: 'withdraw' }, otherLiaison, now))).toBe('FORBIDDEN')
    const confirm = { action: 'confirm', resolution: 'solved', rating: 'satisfied' } as const
    expect(code(transition(issueIn('resolved'), confirm, otherLiaison, now))).toBe('FORBIDDEN')
    expect(code(transition(issueIn('awaiting_materials'), { action: 'add_materials', text: '见附件' }, otherLiaison, now))).toBe('FORBIDDEN')
  })
  test('the service team of another project cannot dispatch it', () => {
    expect(code(transition(issueIn('submitted'), DISPATCH, otherStaff, now))).toBe('FORBIDDEN')
  })
  test('the liaison withdraws before dispatch, not after', () => {
    expect(must(issueIn('submitted'), { action: 'withdraw', reason: '已自行解决' }, liaison, now).issue.state).toBe('withdrawn')
    expect(code(transition(issueIn('dispatched'), { action: 'withdraw' }, liaison, now))).toBe('INVALID_TRANSITION')
  })
})

test('the service team acts for a department without a handler, and the timeline says so', () => {
  const ctx = ctxAt(at('2026-03-02 10:00'), { departmentHasHandler: (d) => d !== 'd1' })
  const signed = must(issueIn('dispatched'), { action: 'sign_for' }, staff, ctx)
  expect(signed.event).toMatchObject({ role: 'staff', by: 'staff-1', onBehalfOf: 'd1' })
  expect(describeEvent(signed.event, (id) => ({ d1: '住建局' })[id] ?? id)).toBe('服务专员代住建局签收（该部门暂无经办人）')
  const answered = must(signed.issue, { action: 'answer', text: '住建局答复：3月10日验收。' }, staff, ctx)
  expect(answered.issue.answer).toMatchObject({ by: 'staff-1', onBehalfOf: 'd1' })
  // d2 has a handler: the team may not speak for it.
  expect(code(transition(answered.issue, { action: 'add_opinion', text: '同意', departmentId: 'd2' }, staff, ctx))).toBe('FORBIDDEN')
  // With a handler for d1 the team may not sign for it.
  expect(code(transition(issueIn('dispatched'), { action: 'sign_for' }, staff, ctxAt(ctx.now)))).toBe('FORBIDDEN')
})

test('no one reviews their own answer', () => {
  const ctx = ctxAt(at('2026-03-02 10:00'), { departmentHasHandler: () => false })
  let i = must(issueIn('dispatched'), { action: 'sign_for' }, staff, ctx).issue
  i = must(i, { action: 'answer', text: '已于3月10日安排验收。' }, staff, ctx).issue
  const review = { action: 'review', passed: true, checklist: CHECK_ALL } as const
  expect(code(transition(i, review, staff, ctx))).toBe('SELF_REVIEW')
  expect(code(transition(i, review, staff2, ctx))).toBe('ok')
})

test('a review passes only when the four questions allow it, and a send-back needs a reason', () => {
  const ctx = ctxAt(at('2026-03-02 10:00'))
  const i = issueIn('under_review')
  const pass = (checklist: object) => transition(i, { action: 'review', passed: true, checklist } as never, staff, ctx)
  expect(code(pass({ ...CHECK_ALL, enterpriseContacted: false }))).toBe('INVALID_INPUT')
  expect(code(pass({ ...CHECK_ALL, solved: false }))).toBe('ok') // a date for what is left
  expect(code(pass({ ...CHECK_ALL, solved: false, dateForRemaining: false }))).toBe('INVALID_INPUT')
  expect(code(transition(i, { action: 'review', passed: false, checklist: CHECK_ALL }, staff, ctx))).toBe('INVALID_INPUT')
})

describe('the enterprise confirms', () => {
  const ctx = ctxAt(at('2026-03-03 10:00'))
  test('部分解决 rated 满意 is refused as a contradiction, then accepted when acknowledged', () => {
    const cmd = { action: 'confirm', resolution: 'partly', rating: 'satisfied' } as const
    expect(code(transition(issueIn('resolved'), cmd, liaison, ctx))).toBe('CONFIRMATION_MISMATCH')
    const s = must(issueIn('resolved'), { ...cmd, acknowledgeMismatch: true }, liaison, ctx)
    expect(s.issue).toMatchObject({ state: 'closed', confirmation: { resolution: 'partly', acknowledgedMismatch: true } })
  })
  test('未解决 or 不满意 needs a reason and reopens the issue', () => {
    const cmd = { action: 'confirm', resolution: 'unsolved', rating: 'basically' } as const
    expect(code(transition(issueIn('resolved'), cmd, liaison, ctx))).toBe('INVALID_INPUT')
    const s = must(issueIn('resolved'), { ...cmd, comment: '还没验收' }, liaison, ctx)
    expect(s.issue).toMatchObject({ state: 'in_progress', reopenCount: 1 })
    expect(s.event).toMatchObject({ reason: '还没验收', data: { reopen: true } })
  })
  test('an issue solved on the spot and then found unsolved goes back to triage', () => {
    let i = must(raised(), { action: 'solve_on_spot', text: '现场讲解了政策' }, staff, ctx).issue
    expect(i.state).toBe('resolved')
    i = must(i, { action: 'confirm', resolution: 'unsolved', rating: 'unsatisfied', comment: '没讲清' }, liaison, ctx).issue
    expect(i).toMatchObject({ state: 'submitted', reopenCount: 1 })
    expect(must(i, DISPATCH, staff, ctx).issue.state).toBe('dispatched')
  })
  test('no confirmation within 7 working days closes the issue automatically, once', () => {
    const i = issueIn('resolved', at('2026-03-02 09:00')) // confirm due: end of the 7th wd after Mon → end of Wed 03-11
    expect(i.confirmDue).toBe(at('2026-03-12 00:00'))
    expect(must(i, { action: 'note', text: '提醒企业确认' }, staff, ctx).issue.state).toBe('resolved')
    const early = transition(i, { action: 'auto_close' }, { system: true }, ctxAt(at('2026-03-11 23:59')))
    expect(early).toEqual({ ok: true, value: null })
    const closed = must(i, { action: 'auto_close' }, { system: true }, ctxAt(at('2026-03-12 00:00'))).issue
    expect(closed).toMatchObject({ state: 'closed', autoClosed: true })
    expect(closed.confirmation).toBeUndefined()
    expect(transition(closed, { action: 'auto_close' }, { system: true }, ctxAt(at('2026-03-13 00:00')))).toEqual({ ok: true, value: null })
  })
})

describe('extensions', () => {
  const ask = { action: 'request_extension', reason: '需等待省厅批复', workingDays: 3 } as const
  test('asked before the due date and approved, the answer deadline moves by the working days asked', () => {
    const i = issueIn('in_progress', at('2026-03-02 09:00')) // answer due end of Mon 03-09
    const asked = must(i, ask, leadHandler, ctxAt(at('2026-03-06 10:00')))
    expect(asked.issue.extensions[0]).toMatchObject({ reason: '需等待省厅批复', workingDays: 3, until: at('2026-03-13 00:00') })
    expect(code(transition(asked.issue, ask, leadHandler, ctxAt(at('2026-03-06 11:00'))))).toBe('INVALID_TRANSITION')
    const approved = must(asked.issue, { action: 'decide_extension', approved: true, note: '同意' }, manager, ctxAt(at('2026-03-06 12:00')))
    expect(approved.issue).toMatchObject({ answerDue: at('2026-03-13 00:00'), extensionWorkingMs: 3 * DAY_MS })
    expect(approved.issue.extensions[0]).toMatchObject({ decision: 'approved', decidedBy: 'manager-1', until: at('2026-03-13 00:00') })
  })
  test('a rejected extension leaves the deadline alone', () => {
    const i = must(issueIn('in_progress'), ask, leadHandler, ctxAt(at('2026-03-03 10:00'))).issue
    const rejected = must(i, { action: 'decide_extension', approved: false, note: '期限内可办结' }, manager, ctxAt(at('2026-03-03 11:00')))
    expect(rejected.issue.answerDue).toBe(i.answerDue)
    expect(rejected.issue.extensions[0]).toMatchObject({ decision: 'rejected', decisionNote: '期限内可办结' })
  })
  test('asked while paused (待补充材料) after the stored due date but before the real one, it is accepted', () => {
    // Answer due at 24:00 of Mon 03-09; paused from Thu 03-05 09:00, so on Tue 03-10 09:00 the pause so far
    // (3 working days) has pushed the real deadline to 24:00 of Thu 03-12; 3 more working days: 24:00 Tue 03-17.
    let i = issueIn('in_progress', at('2026-03-02 09:00'))
    i = must(i, { action: 'request_materials', reason: '请提供规划许可证' }, leadHandler, ctxAt(at('2026-03-05 09:00'))).issue
    expect(i.answerDue).toBe(at('2026-03-10 00:00'))
    const asked = must(i, ask, leadHandler, ctxAt(at('2026-03-10 09:00')))
    expect(asked.issue.extensions[0]).toMatchObject({ workingDays: 3, until: at('2026-03-18 00:00') })
  })
  test('asked while paused, but the pause began after the deadline had passed: refused (逾期不得延期)', () => {
    let i = issueIn('in_progress', at('2026-03-02 09:00'))
    i = must(i, { action: 'request_materials', reason: '请提供规划许可证' }, leadHandler, ctxAt(at('2026-03-11 09:00'))).issue
    expect(code(transition(i, ask, leadHandler, ctxAt(at('2026-03-12 09:00'))))).toBe('EXTENSION_TOO_LATE')
  })
  test('asked after expiry, an extension is refused (逾期不得延期)', () => {
    const i = issueIn('in_progress', at('2026-03-02 09:00'))
    expect(code(transition(i, ask, leadHandler, ctxAt(at('2026-03-10 00:00'))))).toBe('EXTENSION_TOO_LATE')
    expect(code(transition(i, { action: 'decide_extension', approved: true }, manager, ctxAt(at('2026-03-03 00:00'))))).toBe('INVALID_TRANSITION')
  })
})

describe('triage and managers', () => {
  const ctx = ctxAt(at('2026-03-03 10:00'))
  test('a return to the dispatcher counts a bounce and clears the assignment', () => {
    const s = must(issueIn('dispatched'), { action: 'return', reason: '不属本部门职责' }, leadHandler, ctx)
    expect(s.issue).toMatchObject({ state: 'submitted', returnCount: 1, assistDepartmentIds: [] })
    expect(s.issue.leadDepartmentId).toBeUndefined()
    expect(s.event.reason).toBe('不属本部门职责')
  })
  test('a decline needs a reason', () => {
    expect(code(transition(issueIn('submitted'), { action: 'decline', reason: '' }, staff, ctx))).toBe('INVALID_INPUT')
    expect(must(issueIn('submitted'), { action: 'decline', reason: '属司法程序' }, staff, ctx).issue.state).toBe('declined')
  })
  test('a reassigned issue waits for the new department to sign for it, on fresh clocks', () => {
    const i = issueIn('awaiting_materials', at('2026-03-02 09:00'))
    const s = must(i, { action: 'reassign', leadDepartmentId: 'd3', reason: '职责调整' }, manager, ctx)
    expect(s.issue).toMatchObject({ state: 'dispatched', leadDepartmentId: 'd3', answerClockFrom: ctx.now, pausedWorkingMs: 0 })
    expect(s.issue.pausedSince).toBeUndefined()
    expect(s.event.data).toMatchObject({ previousLeadDepartmentId: 'd1' })
    expect(code(transition(s.issue, { action: 'sign_for' }, leadHandler, ctx))).toBe('FORBIDDEN')
    expect(code(transition(s.issue, { action: 'sign_for' }, newLeadHandler, ctx))).toBe('ok')
  })
  test('a manager force-closes with a reason and supervises by hand, never twice', () => {
    const closed = must(issueIn('awaiting_materials'), { action: 'force_close', reason: '企业已迁出' }, manager, ctx).issue
    expect(closed).toMatchObject({ state: 'closed', forceClosed: true })
    expect(closed.pausedSince).toBeUndefined()
    const sup = must(issueIn('in_progress'), { action: 'supervise', reason: '企业多次反映' }, manager, ctx).issue
    expect(sup).toMatchObject({ supervised: true, supervisedBy: 'manager-1', supervisedReason: '企业多次反映' })
    expect(code(transition(sup, { action: 'supervise', reason: '再督' }, manager, ctx))).toBe('INVALID_TRANSITION')
    expect(must(sup, { action: 'unsupervise' }, manager, ctx).issue.supervised).toBe(false)
  })
  test('commands with bad data are refused as INVALID_INPUT before anything else', () => {
    const i = issueIn('submitted')
    expect(code(transition(i, { action: 'decline', reason: 'x'.repeat(501) }, otherLiaison, ctx))).toBe('INVALID_INPUT')
    expect(code(transition(i, { ...DISPATCH, assistDepartmentIds: ['d1'] }, staff, ctx))).toBe('INVALID_INPUT')
    expect(code(transition(i, { action: 'fly' } as never, staff, ctx))).toBe('INVALID_INPUT')
    const files = Array.from({ length: 10 }, (_, n) => `cloud://env/${n}.jpg`)
    expect(code(transition(issueIn('in_progress'), { action: 'answer', text: '好', files }, leadHandler, ctx))).toBe('INVALID_INPUT')
  })
})
