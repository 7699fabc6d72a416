import { ymdOf } from '../../src/domain/time'
import { requestId, useApiWorld } from './support/world'
import { ARRANGEMENT_2027 } from './support/arrangements'

jest.setTimeout(120_000)

const { app, w } = useApiWorld()

const setClock = (iso: string) =>
  app.cloud.fetchJson('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: Date.parse(iso) }) })


async function raiseAndDispatch(title: string, complexity: 'complex' | 'simple') {
  const raised = await w.liaison.call('issues', 'raise', {
    projectId: w.project._id, source: 'group', category: 'approval', title, description: '年底前需要办结', photos: [], urgency: 'normal', clientRequestId: requestId(),
  })
  return w.staffA.call('issues', 'act', { issueId: raised.issue._id, expectedVersion: raised.issue.version, command: { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval', complexity } })
}

/** The answer deadline the view shows (the issue is signed for: 办理中). */
function answerDueOf(d: { issue: { due?: { kind: string; at: number } } }): number {
  if (d.issue.due?.kind !== 'answer') throw new Error(`the view shows no answer deadline: ${JSON.stringify(d.issue.due)}`)
  return d.issue.due.at
}

describe('a working-day limit that crosses into a year whose arrangement is not published yet', () => {
  let open: Awaited<ReturnType<typeof raiseAndDispatch>>
  let closed: Awaited<ReturnType<typeof raiseAndDispatch>>

  beforeAll(async () => {
    await setClock('2026-12-28T02:00:00Z') // Monday 10:00 in Shanghai
    open = await raiseAndDispatch('年底施工许可', 'complex')
    open = await w.handlerZj.call('issues', 'act', { issueId: open.issue._id, expectedVersion: open.issue.version, command: { action: 'sign_for' } })
    closed = await raiseAndDispatch('年底咨询', 'simple')
    closed = await w.handlerZj.call('issues', 'act', { issueId: closed.issue._id, expectedVersion: closed.issue.version, command: { action: 'sign_for' } })
    closed = await w.handlerZj.call('issues', 'act', { issueId: closed.issue._id, expectedVersion: closed.issue.version, command: { action: 'answer', text: '已于 12 月 29 日办结并电话告知企业', files: [] } })
    closed = await w.staffA.call('issues', 'act', { issueId: closed.issue._id, expectedVersion: closed.issue.version, command: { action: 'review', passed: true, checklist: { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true } } })
    closed = await w.liaison.call('issues', 'act', { issueId: closed.issue._id, expectedVersion: closed.issue.version, command: { action: 'confirm', resolution: 'solved', rating: 'satisfied' } })
  })

  it('is estimated from the statutory holidays and says so', async () => {
    const detail = await w.staffA.call('issues', 'get', { issueId: open.issue._id })
    // 10 working days from Mon 2026-12-28 with 元旦 (Fri 2027-01-01) as the only holiday → end of Tue 2027-01-12.
    expect(ymdOf(answerDueOf(detail) - 1)).toBe('2027-01-12')
    expect(detail.estimateNotice).toBe('2027 年放假安排未录入，按法定节假日估算')
    expect((await w.manager.call('me', 'whoami', {})).calendarTasks).toContain(2027)
  })

  it('refuses a bad arrangement and stores nothing', async () => {
    const bad = [
      { ...ARRANGEMENT_2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }, { name: '重叠', from: '2027-01-03', to: '2027-01-05' }] },
      { ...ARRANGEMENT_2027, workdays: ['2027-01-06'] }, // a Wednesday is no make-up day
      { ...ARRANGEMENT_2027, year: 2101 },
      { ...ARRANGEMENT_2027, holidays: ARRANGEMENT_2027.holidays.slice(0, 1) }, // only 元旦: the rest would silently go
    ]
    for (const arrangement of bad) {
      const err = await w.manager.fail('org', 'setCalendarYear', { arrangement })
      expect(err.code).toBe('INVALID_INPUT')
      expect(err.message).toMatch(/[\u4e00-\u9fa5]/)
    }
    const { body } = await app.cloud.fetchJson('/dev/db/calendars')
    expect(body.documents).toEqual([])
    expect((await w.staffA.fail('org', 'setCalendarYear', { arrangement: ARRANGEMENT_2027 })).code).toBe('FORBIDDEN')
  })

  it('moves the open issue\'s deadline when a manager enters the year, records why, and leaves the closed one alone', async () => {
    const closedBefore = await w.manager.call('issues', 'get', { issueId: closed.issue._id })
    const result = await w.manager.call('org', 'setCalendarYear', { arrangement: ARRANGEMENT_2027 })
    expect(result).toMatchObject({ year: 2027 })
    expect(result.issuesMoved).toBeGreaterThanOrEqual(1)
    const after = await w.staffA.call('issues', 'get', { issueId: open.issue._id })
    expect(ymdOf(answerDueOf(after) - 1)).toBe('2027-01-13')
    expect(after.estimateNotice).toBeUndefined()
    expect(after.issue.timeline.at(-1)).toMatchObject({ action: 'recompute_deadlines', role: 'system' })
    const closedAfter = await w.manager.call('issues', 'get', { issueId: closed.issue._id })
    expect(closedAfter.issue).toEqual(closedBefore.issue)
    const again = await w.manager.call('org', 'setCalendarYear', { arrangement: ARRANGEMENT_2027 })
    expect(again.issuesMoved).toBe(0)
    const calendar = await w.manager.call('org', 'getCalendar', {})
    expect(calendar.years.find((y) => y.year === 2027)?.basis).toBe('zone')
    expect(calendar.needsArrangement).not.toContain(2027)
  })
})

describe('a year is entered whole: the seven statutory holidays, or the ones left out said so', () => {
  const onlyNewYear = { year: 2030, holidays: [{ name: '元旦', from: '2030-01-01', to: '2030-01-01' }], workdays: [] }

  it('refuses a year with only 元旦, naming the six holidays it would silently drop, and stores nothing', async () => {
    const err = await w.manager.fail('org', 'setCalendarYear', { arrangement: onlyNewYear })
    expect(err).toEqual({
      code: 'INVALID_INPUT',
      message: '2030 年放假安排缺少春节、清明节、劳动节、端午节、中秋节、国庆节的放假区间：请按通知录入；如当年确实不放假，请勾选“本年不放假”后再保存',
      details: { field: 'arrangement.holidays', missing: ['春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] },
    })
    expect((await w.manager.call('org', 'getCalendar', {})).years.find((y) => y.year === 2030)).toBeUndefined()
  })

  it('accepts the holidays a notice combines (中秋节、国庆节) and the ones the manager explicitly leaves out', async () => {
    const arrangement = {
      year: 2030,
      holidays: [
        { name: '元旦', from: '2030-01-01', to: '2030-01-01' },
        { name: '春节', from: '2030-02-02', to: '2030-02-08' },
        { name: '清明', from: '2030-04-05', to: '2030-04-07' },
        { name: '劳动节', from: '2030-05-01', to: '2030-05-05' },
        { name: '中秋节、国庆节', from: '2030-10-01', to: '2030-10-08' },
      ],
      workdays: ['2030-01-26'],
      omitted: ['端午节' as const],
    }
    const named = await w.manager.fail('org', 'setCalendarYear', { arrangement: { ...arrangement, omitted: ['端午节' as const, '春节' as const] } })
    expect(named.message).toBe('春节已录入放假区间，不能同时列为不放假的节日')
    expect(await w.manager.call('org', 'setCalendarYear', { arrangement })).toMatchObject({ year: 2030 })
    const year = (await w.manager.call('org', 'getCalendar', {})).years.find((y) => y.year === 2030)
    expect(year).toMatchObject({ basis: 'zone', arrangement: { omitted: ['端午节'], enteredBy: w.manager.openid } })
    expect(year?.effective.holidays.map((h) => h.name)).toEqual(['元旦', '春节', '清明', '劳动节', '中秋节、国庆节'])
  })

  it('shows every year as ranges: a built-in year from the package, a year not entered from the statutory estimate', async () => {
    const { years } = await w.manager.call('org', 'getCalendar', {})
    const y2026 = years.find((y) => y.year === 2026)!
    expect(y2026.basis).toBe('package')
    expect(y2026.arrangement).toBeUndefined()
    expect(y2026.effective.holidays).toContainEqual({ name: '春节', from: '2026-02-15', to: '2026-02-23' })
    expect(y2026.effective.workdays).toContain('2026-02-14')
    await setClock('2030-06-03T02:00:00Z') // 2030 is entered above; 2031 is not
    const later = await w.manager.call('org', 'getCalendar', {})
    const y2031 = later.years.find((y) => y.year === 2031)!
    expect(later.needsArrangement).toEqual([2031])
    expect(y2031).toMatchObject({ basis: 'statutory', effective: { year: 2031, workdays: [] } })
    expect(y2031.arrangement).toBeUndefined()
    expect(y2031.effective.holidays.map((h) => h.name)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节、国庆节']) // 中秋 is 10-01
    expect(y2031.effective.holidays[0]).toEqual({ name: '元旦', from: '2031-01-01', to: '2031-01-01' }) // a Wednesday
  })
})
