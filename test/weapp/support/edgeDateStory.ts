/**
 * Stories on the weapp build pinned to each edge date (test/support/clock.ts EDGE_DATES): the demo's
 * zone is seeded two months before it; 张总 raises an issue from the group card, 李明 reads its 交办期限 and
 * dispatches it to 商务局, 刘科 reads the 签收期限, signs for it and reads the 答复期限 (normal
 * complexity: 5 working days) — every deadline the one worked out by hand on the 2026 calendar (and
 * the 2027 estimate); 王主任's dashboard for 本月 answers, its 响应率 matching the function's reply and
 * 走访覆盖率 counting only the month's weeks that have begun.
 */
import { EDGE_DATES, type EdgeDate } from '../../support/clock'
import type { MiniApp } from './miniapp'
import { byClass } from './screen'
import { expectState, openAction } from './story'
import { DEMO, useWeappWorld } from './world'

interface Expected {
  /** 交办 and 签收: 1 working day from day 0 (raised after 17:00 or on a rest day: day 0 is the next working day). */
  oneDay: string
  /** 答复, normal complexity: 5 working days from day 0 (the answer clock starts at dispatch). */
  fiveDays: string
  /** The month's ISO weeks (those whose Thursday falls in it) that have begun: 走访覆盖率's denominator is 6 projects × these. */
  weeksBegun: string[]
}

/** Worked out by hand on the calendar, not by the product's code. */
const EXPECTED: Record<EdgeDate, Expected> = {
  // Tue 12-01: Wed 12-02; 12-02, 03, 04, 07, 08. December's weeks so far: W49 (Mon 11-30) only.
  monthStartsTuesday: { oneDay: '12月2日 24:00', fiveDays: '12月8日 24:00', weeksBegun: ['2026-W49'] },
  // Mon 11-30: Tue 12-01; 12-01, 02, 03, 04, 07. November: W45–W48 (W44's Thursday is 10-29, W49's is 12-03: W49 has begun but is December's).
  mondayNov30: { oneDay: '12月1日 24:00', fiveDays: '12月7日 24:00', weeksBegun: ['2026-W45', '2026-W46', '2026-W47', '2026-W48'] },
  // Thu 12-31 16:30: 元旦 2027 rests 01-01…03 (estimate); Mon 01-04; 01-04…08 (a date in another year names it). December: W49–W53 (Thursday 12-31).
  yearEnd: { oneDay: '2027年1月4日 24:00', fiveDays: '2027年1月8日 24:00', weeksBegun: ['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53'] },
  // Fri 02-13 17:30: day 0 is the make-up Saturday 02-14; 春节 rests 02-15…23: Tue 02-24; 02-24, 25, 26, 27, Sat 02-28 (make-up). February: W06, W07 (W05's Thursday is 01-29).
  springFestivalEve: { oneDay: '2月24日 24:00', fiveDays: '2月28日 24:00', weeksBegun: ['2026-W06', '2026-W07'] },
  // Sat 02-14 (make-up working day): day 0 itself; then as above.
  makeUpSaturday: { oneDay: '2月24日 24:00', fiveDays: '2月28日 24:00', weeksBegun: ['2026-W06', '2026-W07'] },
  // Wed 09-30 16:30: 国庆 rests 10-01…07: Thu 10-08; 10-08, 09, Sat 10-10 (make-up), 12, 13. September: W36–W39 (W40 has begun, but its Thursday is 10-01).
  nationalDayEve: { oneDay: '10月8日 24:00', fiveDays: '10月13日 24:00', weeksBegun: ['2026-W36', '2026-W37', '2026-W38', '2026-W39'] },
}

/** The deadline line on the issue page: '交办期限 12月2日 24:00 · 剩余 1 个工作日 14 小时 30 分'. */
const dueLine = (app: MiniApp): string => app.ui.text(byClass(app.top.dom, 'due')[0])

/** The story on each of `dates`, each in its own local cloud (two files share the dates, so the two workers run them side by side). */
export function edgeDateStories(dates: readonly EdgeDate[]): void {
  describe.each([...dates])('on %s', (name) => {
    const world = useWeappWorld({ seed: 'org', clock: EDGE_DATES[name] })
    const expected = EXPECTED[name]

    it('the deadlines each person reads are the hand-worked ones; the month on the dashboard counts only weeks begun', async () => {
      const group = await world.group('智能装备产业园')
      const liaison = await world.launch(DEMO.liaison1, (d) => d.openFromGroup(group.openGId))
      await liaison.ui.tap('我要反映问题')
      await liaison.ui.tap('审批手续')
      const title = `施工许可办理（${name}）`
      await liaison.ui.type('title', title)
      await liaison.ui.type('description', '厂房扩建的施工许可已提交两周，请协调进度。')
      await liaison.ui.tap('提交')
      expectState(liaison, '待受理')

      const staff = await world.launch(DEMO.staffA)
      await staff.ui.tap('问题队列 ›')
      await staff.ui.tap(staff.ui.block('issue-row', title))
      expectState(staff, '待交办')
      expect(dueLine(staff)).toMatch(new RegExp(`^交办期限 ${expected.oneDay} · 剩余 `))
      const sheet = await openAction(staff, '交办')
      await staff.ui.tap('商务局', sheet)
      await staff.ui.tap('确认交办', sheet)
      expectState(staff, '待签收')

      const handler = await world.launch(DEMO.handlerSw)
      await handler.ui.tap(handler.ui.block('issue-row', title))
      expect(dueLine(handler)).toMatch(new RegExp(`^签收期限 ${expected.oneDay} · 剩余 `))
      await handler.ui.tap('确认签收', await openAction(handler, '签收'))
      expectState(handler, '办理中')
      expect(dueLine(handler)).toMatch(new RegExp(`^答复期限 ${expected.fiveDays} · 剩余 \\d+ 个工作日`))

      const manager = await world.launch(DEMO.manager)
      await manager.ui.tap('数据看板')
      expect(manager.top.route).toBe('pkg-admin/pages/dashboard/index')
      const reply = await world.client.call(DEMO.manager, 'dashboard', 'summary', { period: { kind: 'month' }, groupBy: 'department' })
      const figures = Object.fromEntries(manager.ui.blocks('dash__fig').map((f) => [manager.ui.text(manager.ui.block('dash__label', undefined, f)), manager.ui.text(manager.ui.block('dash__frac', undefined, f))]))
      expect(figures['响应率']).toBe(`${reply.dashboard.metrics.response.numerator} / ${reply.dashboard.metrics.response.denominator}`)
      // No visit logged yet: 0 of 6 projects × the weeks begun (not the weeks the month will have).
      expect(figures['走访覆盖率']).toBe(`0 / ${6 * expected.weeksBegun.length}`)
      for (const app of [liaison, staff, handler, manager]) expect(app.device.unscripted).toEqual([])
    })
  })
}
