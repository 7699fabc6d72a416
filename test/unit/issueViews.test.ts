/** What people read: labels per role, reply lint, repeats, privacy, and raising an issue. */
import { weekendCalendar } from '../../src/domain/calendar/weekendCalendar'
import {
  DEFAULT_DESK_CONFIG,
  HIDDEN,
  RATING_NAMES,
  RESOLUTION_NAMES,
  STATE_NAMES,
  availableActions,
  createIssue,
  replay,
  suggestRepeatOf,
  transition,
  lintReply,
  maskPhone,
  maskPhonesIn,
  stateLabel,
  viewIssueFor,
} from '../../src/domain/issue'
import { DAY_MS } from '../../src/domain/time'
import type { Issue } from '../../src/domain/types'
import {
  RAISE_INPUT,
  at,
  assistHandler,
  ctxAt,
  issueIn,
  leadHandler,
  liaison,
  manager,
  must,
  otherHandler,
  otherLiaison,
  otherStaff,
  raised,
  staff,
} from './issueFixtures'

describe('state labels per role, from one table', () => {
  const cal = weekendCalendar
  const early = at('2026-03-02 10:00')
  const late = at('2026-03-04 09:00') // sign-for was due end of Tue 03-03
  test('a dispatched issue reads 部门办理中 to the liaison and 待签收 to the handler', () => {
    const i = issueIn('dispatched')
    expect(stateLabel(i, 'liaison', early, cal)).toBe('部门办理中')
    expect(stateLabel(i, 'handler', early, cal)).toBe('待签收')
    expect(stateLabel(i, 'staff', early, cal)).toBe('待签收')
    expect(stateLabel(i, 'manager', early, cal)).toBe('待签收')
  })
  test('overdue, the handler reads 已超期, the manager the ladder colour, the liaison no alarm', () => {
    const i = issueIn('dispatched')
    expect(stateLabel(i, 'handler', late, cal)).toBe('已超期')
    expect(stateLabel(i, 'manager', late, cal)).toBe('待签收 · 黄牌')
    expect(stateLabel(i, 'liaison', late, cal)).toBe('部门办理中')
  })
  test('the enterprise is told what it must do', () => {
    expect(stateLabel(issueIn('awaiting_materials'), 'liaison', early, cal)).toBe('待您补充材料')
    expect(stateLabel(issueIn('resolved'), 'liaison', early, cal)).toBe('待您确认')
    expect(stateLabel(issueIn('under_review'), 'liaison', early, cal)).toBe('部门办理中')
  })
  test('a supervised issue shows 督办 to the manager; an auto-closed one says why it closed', () => {
    const sup = must(issueIn('in_progress'), { action: 'supervise', reason: '重点' }, manager, ctxAt(early)).issue
    expect(stateLabel(sup, 'manager', early, cal)).toBe('办理中 · 督办')
    const auto = must(issueIn('resolved'), { action: 'auto_close' }, { system: true }, ctxAt(at('2026-04-01 00:00'))).issue
    expect(stateLabel(auto, 'liaison', early, cal)).toBe('已办结（超时未确认）')
  })
  test('state, resolution and rating names', () => {
    expect(Object.values(STATE_NAMES)).toEqual(['待交办', '待签收', '办理中', '待补充材料', '待审核', '待确认', '已办结', '已撤回', '不予受理'])
    expect(RESOLUTION_NAMES).toEqual({ solved: '解决', partly: '部分解决', unsolved: '未解决' })
    expect(RATING_NAMES).toEqual({ satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' })
  })
})

describe('reply lint', () => {
  test('vague time words are flagged with a hint, in order', () => {
    expect(lintReply('近期研究研究，尽快即将答复').map((f) => f.word)).toEqual(['近期', '研究研究', '尽快', '即将'])
    expect(lintReply('近期')[0].hint).toMatch(/具体日期/)
  })
  test('a bare 已转相关部门 is flagged, a forwarding note that names who and when is not', () => {
    expect(lintReply('已转相关部门。').map((f) => f.word)).toEqual(['已转相关部门'])
    expect(lintReply('已转相关部门：区住建局王科长（0571-1234），3月12日前答复企业。')).toEqual([])
  })
  test('a concrete reply is clean', () => {
    expect(lintReply('已于3月10日完成消防验收，验收意见书见附件。')).toEqual([])
  })
})

describe('repeats (重复反映)', () => {
  const now = at('2026-03-20 10:00')
  const open = { _id: 'a', projectId: 'p1', category: 'land', state: 'in_progress' as const, raisedAt: now - 10 * DAY_MS }
  test('an issue in the same project and category as an open one within 30 days repeats it', () => {
    expect(suggestRepeatOf({ projectId: 'p1', category: 'land' }, [open], now)).toBe('a')
  })
  test('another category, another project, a closed one or one older than 30 days is not a repeat', () => {
    expect(suggestRepeatOf({ projectId: 'p1', category: 'finance' }, [open], now)).toBeUndefined()
    expect(suggestRepeatOf({ projectId: 'p2', category: 'land' }, [open], now)).toBeUndefined()
    expect(suggestRepeatOf({ projectId: 'p1', category: 'land' }, [{ ...open, state: 'closed' }], now)).toBeUndefined()
    expect(suggestRepeatOf({ projectId: 'p1', category: 'land' }, [{ ...open, raisedAt: now - 31 * DAY_MS }], now)).toBeUndefined()
  })
  test('a repeat of a repeat links to the original, and the earliest open one wins', () => {
    const b = { ...open, _id: 'b', raisedAt: now - 2 * DAY_MS, repeatOf: 'a' }
    expect(suggestRepeatOf({ projectId: 'p1', category: 'land' }, [b], now)).toBe('a')
    const c = { ...open, _id: 'c', raisedAt: now - 20 * DAY_MS }
    expect(suggestRepeatOf({ projectId: 'p1', category: 'land' }, [open, c], now)).toBe('c')
  })
  test('createIssue suggests the likely original but links nothing: linking is the dispatcher\'s decision', () => {
    const first = raised(at('2026-03-02 09:00'), {}, 'first')
    const r = createIssue({ ...RAISE_INPUT, clientRequestId: 'request-2' }, liaison, {
      ...ctxAt(at('2026-03-10 09:00')),
      id: 'second',
      repeatCandidates: [first],
    })
    expect(r.ok && r.value.suggestedRepeatOf).toBe('first')
    expect(r.ok && r.value.repeatOf).toBeUndefined()
  })

  test('the dispatcher links it to the original (the root of a chain) and may unlink it with a reason', () => {
    const first = raised(at('2026-03-02 09:00'), {}, 'first')
    const second = createIssue({ ...RAISE_INPUT, clientRequestId: 'request-2' }, liaison, { ...ctxAt(at('2026-03-10 09:00')), id: 'second', repeatCandidates: [first] })
    if (!second.ok) throw second.error
    const c = ctxAt(at('2026-03-10 10:00'), { repeatTarget: first })
    expect(availableActions(second.value, staff, c)).toContain('link_repeat')
    const linked = must(second.value, { action: 'link_repeat', repeatOf: 'first' }, staff, c).issue
    expect(linked.repeatOf).toBe('first')
    expect(availableActions(linked, staff, c)).not.toContain('link_repeat')
    expect(availableActions(linked, staff, c)).toContain('unlink_repeat')
    expect(transition(linked, { action: 'link_repeat', repeatOf: 'first' }, staff, c)).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } })
    const unlinked = must(linked, { action: 'unlink_repeat', reason: '诉求不同' }, staff, c).issue
    expect(unlinked.repeatOf).toBeUndefined()
    expect(replay(unlinked.timeline)).toEqual(unlinked)
    // Another project's issue, or no loaded target, is refused.
    expect(transition(second.value, { action: 'link_repeat', repeatOf: 'x' }, staff, ctxAt(at('2026-03-10 10:00'), { repeatTarget: { _id: 'x', projectId: 'p2' } }))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(transition(second.value, { action: 'link_repeat', repeatOf: 'first' }, liaison, c)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('privacy', () => {
  test('maskPhone keeps the first three and last four digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('0571-88886666')).toBe('0571-88886666')
    expect(maskPhonesIn('联系人13812345678或15900001111，座机88886666')).toBe('联系人138****5678或159****1111，座机88886666')
  })
  const closedIssue = (): Issue => issueIn('closed')
  test('a handler sees phones masked and not who rated the issue', () => {
    const r = viewIssueFor(closedIssue(), leadHandler)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const seen = r.value
    expect(seen.description).toContain('138****5678')
    expect(seen.description).not.toContain('13812345678')
    expect(seen.confirmation?.by).toBe(HIDDEN)
    expect(seen.timeline.find((e) => e.action === 'confirm')?.by).toBe(HIDDEN)
    expect(JSON.stringify(seen)).not.toContain('13812345678')
    expect(JSON.stringify(seen.timeline.filter((e) => e.action === 'confirm'))).not.toContain('liaison-1')
  })
  test('an assisting department reads the redacted view too', () => {
    const r = viewIssueFor(closedIssue(), assistHandler)
    expect(r.ok && r.value.confirmation?.by).toBe(HIDDEN)
  })
  test('the liaison, the service team and managers see the issue as it is', () => {
    for (const who of [liaison, staff, manager]) {
      const r = viewIssueFor(closedIssue(), who)
      expect(r.ok && r.value).toEqual(closedIssue())
    }
  })
  test('a handler of another department, a liaison of another project and another team see nothing', () => {
    for (const who of [otherHandler, otherLiaison, otherStaff]) expect(viewIssueFor(closedIssue(), who)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('raising an issue', () => {
  const ctx = { ...ctxAt(at('2026-03-02 09:00')), id: 'new-1' }
  const code = (input: object, who = liaison) => {
    const r = createIssue(input, who, ctx)
    return r.ok ? 'ok' : r.error.code
  }
  test('the first timeline event is the raise, by the liaison, at version 1', () => {
    const r = createIssue(RAISE_INPUT, liaison, ctx)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value).toMatchObject({ _id: 'new-1', state: 'submitted', version: 1, raisedBy: 'liaison-1', ladder: 'none' })
    expect(r.value.timeline).toEqual([expect.objectContaining({ action: 'raise', role: 'liaison', from: 'submitted', to: 'submitted' })])
  })
  test('bounded inputs: a title is 1–50 characters, at most 9 photos, a known category, a visit for visit issues', () => {
    expect(code({ ...RAISE_INPUT, title: 'x'.repeat(51) })).toBe('INVALID_INPUT')
    expect(code({ ...RAISE_INPUT, title: '   ' })).toBe('INVALID_INPUT')
    expect(code({ ...RAISE_INPUT, description: 'x'.repeat(2001) })).toBe('INVALID_INPUT')
    expect(code({ ...RAISE_INPUT, photos: Array.from({ length: 10 }, (_, n) => `cloud://e/${n}`) })).toBe('INVALID_INPUT')
    expect(code({ ...RAISE_INPUT, category: 'astrology' })).toBe('INVALID_INPUT')
    expect(code({ ...RAISE_INPUT, source: 'visit' })).toBe('INVALID_INPUT')
    expect(code({ ...RAISE_INPUT, projectId: 'p1; drop' })).toBe('INVALID_INPUT')
    expect(code({ ...RAISE_INPUT, source: 'visit', visitId: 'p1_2026-W10' }, staff)).toBe('ok')
  })
  test('only the project’s liaisons, its service team and managers may raise', () => {
    expect(code(RAISE_INPUT, otherLiaison)).toBe('FORBIDDEN')
    expect(code(RAISE_INPUT, otherStaff)).toBe('FORBIDDEN')
    expect(code(RAISE_INPUT, leadHandler)).toBe('FORBIDDEN')
    expect(code(RAISE_INPUT, manager)).toBe('ok')
  })
  test('the default config is the documented one', () => {
    expect(DEFAULT_DESK_CONFIG).toMatchObject({ autoCloseWorkingDays: 7, redAfterWorkingDays: 5, blueWithinWorkingDays: 1, repeatWindowDays: 30 })
    expect(DEFAULT_DESK_CONFIG.categories.map((c) => c.name)).toContain('水电气路')
  })
})
