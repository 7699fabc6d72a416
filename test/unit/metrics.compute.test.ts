import { computeMetrics, computeMetricsBy, drill, activeProjectWeeks, periodWeeks } from '../../src/domain/metrics'
import type { IssueFacts, VisitFact } from '../../src/domain/metrics'
import { APRIL_10, MARCH, endOf, fact, sh } from './support/metricsFactory'

const inMarch = (d: string) => sh(`2026-03-${d}T10:00:00`)
const inFeb = (d: string) => sh(`2026-02-${d}T10:00:00`)
const run = (facts: IssueFacts[], now = APRIL_10) => computeMetrics(facts, [], 0, MARCH, now)
const ids = (facts: IssueFacts[], key: Parameters<typeof drill>[1], part: 'numerator' | 'denominator', now = APRIL_10) =>
  drill(facts, key, part, MARCH, now)

describe('响应率: signed for by the deadline / sign-for deadlines that fell in the period', () => {
  const facts = [
    fact('onTime', { signForDue: inMarch('03'), signedForAt: inMarch('02'), signedOnTime: true, state: 'in_progress' }),
    fact('late', { signForDue: inMarch('03'), signedForAt: inMarch('05'), signedOnTime: false, state: 'in_progress' }),
    fact('stillUnsigned', { signForDue: inMarch('20'), state: 'dispatched', open: true, runningDue: inMarch('20') }),
    fact('february', { signForDue: inFeb('20'), signedForAt: inFeb('19'), signedOnTime: true }),
    fact('repeat', { signForDue: inMarch('03'), signedForAt: inMarch('02'), signedOnTime: true, isRepeat: true }),
  ]

  test('1 of 3: an unsigned issue past its deadline counts as late; February and the repeat are left out', () => {
    const m = run(facts).metrics.response
    expect(m).toMatchObject({ label: '响应率', numerator: 1, denominator: 3, value: 1 / 3 })
    expect(ids(facts, 'response', 'numerator')).toEqual(['onTime'])
    expect(ids(facts, 'response', 'denominator')).toEqual(['onTime', 'late', 'stillUnsigned'])
  })

  test('an unsigned issue whose deadline has not passed yet is pending, not late', () => {
    const m = run(facts, inMarch('10')).metrics.response
    expect(m).toMatchObject({ numerator: 1, denominator: 2 })
  })
})

describe('解决率 / 满意率 / 重办率: issues confirmed or auto-closed in the period', () => {
  const facts = [
    fact('solved', { confirmedAt: inMarch('10'), lastConfirmAt: inMarch('10'), resolution: 'solved', rating: 'satisfied', reopened: true }),
    fact('partly', { confirmedAt: inMarch('11'), lastConfirmAt: inMarch('11'), resolution: 'partly', rating: 'basically' }),
    fact('auto', { confirmedAt: inMarch('12'), closedAt: inMarch('12'), autoClosed: true }),
    fact('unsolved', { confirmedAt: inMarch('13'), lastConfirmAt: inMarch('13'), resolution: 'unsolved', rating: 'unsatisfied' }),
    // 未解决 on 03-14 reopened it: in 办理中 again, the enterprise's confirmation still counts (重办).
    fact('redoing', { state: 'in_progress', open: true, lastConfirmAt: inMarch('14'), reopened: true }),
    fact('february', { confirmedAt: inFeb('10'), lastConfirmAt: inFeb('10'), resolution: 'solved', rating: 'satisfied' }),
    fact('repeat', { confirmedAt: inMarch('10'), lastConfirmAt: inMarch('10'), resolution: 'solved', rating: 'satisfied', isRepeat: true }),
  ]
  const d = run(facts)

  test('解决率 1/4 with the auto-closed issue in the denominator; 部分解决 and 自动办结 beside it', () => {
    expect(d.metrics.resolution).toMatchObject({ label: '解决率', numerator: 1, denominator: 4, value: 0.25 })
    expect(d.metrics.resolution.besides).toEqual([
      { label: '部分解决', value: 0.25, kind: 'rate' },
      { label: '自动办结', value: 0.25, kind: 'rate' },
    ])
    expect(ids(facts, 'resolution', 'denominator')).toEqual(['solved', 'partly', 'auto', 'unsolved'])
  })

  test('满意率 1/3 over the rated issues (an auto-close is not a rating); 基本满意 and coverage beside it', () => {
    expect(d.metrics.satisfaction).toMatchObject({ numerator: 1, denominator: 3, value: 1 / 3 })
    expect(d.metrics.satisfaction.besides).toEqual([
      { label: '基本满意', value: 1 / 3, kind: 'rate' },
      { label: '评价覆盖率', value: 3 / 4, kind: 'rate' },
    ])
    expect(ids(facts, 'satisfaction', 'numerator')).toEqual(['solved'])
  })

  test('重办率 2/4: reopened after a confirmation ÷ explicit confirmations (an auto-close is not one; a reopening 未解决 is)', () => {
    expect(d.metrics.reopen).toMatchObject({ numerator: 2, denominator: 4, value: 0.5 })
    expect(ids(facts, 'reopen', 'numerator')).toEqual(['solved', 'redoing'])
    expect(ids(facts, 'reopen', 'denominator')).toEqual(['solved', 'partly', 'unsolved', 'redoing'])
  })
})

describe('按期办结率: answered by the effective deadline / answer deadlines in the period', () => {
  const facts = [
    fact('onTime', { answerDue: inMarch('10'), answeredAt: inMarch('09'), answeredOnTime: true, state: 'closed' }),
    fact('late', { answerDue: inMarch('10'), answeredAt: inMarch('12'), answeredOnTime: false, state: 'closed' }),
    fact('overdueOpen', { answerDue: inMarch('20'), state: 'in_progress', open: true, runningDue: inMarch('20') }),
    fact('paused', { answerDue: inMarch('20'), state: 'awaiting_materials', open: true, paused: true }),
    fact('aprilDue', { answerDue: sh('2026-04-02T00:00:00'), answeredAt: inMarch('30'), answeredOnTime: true }),
  ]

  test('1/3: an open unanswered issue past its deadline is late; a paused one is not held against it', () => {
    expect(run(facts).metrics.onTime).toMatchObject({ label: '按期办结率', numerator: 1, denominator: 3 })
    expect(ids(facts, 'onTime', 'denominator')).toEqual(['onTime', 'late', 'overdueOpen'])
  })
})

describe('平均转派 and 当前逾期', () => {
  const facts = [
    fact('a', { dispatchedAt: inMarch('02'), returns: 2, state: 'in_progress', open: true, runningDue: inMarch('30') }),
    fact('b', { dispatchedAt: inMarch('03'), returns: 0, state: 'dispatched', open: true, runningDue: sh('2026-04-20T00:00:00'), ladder: 'red' }),
    fact('c', { dispatchedAt: inMarch('04'), returns: 1 }),
    fact('d', { dispatchedAt: inFeb('04'), returns: 5, state: 'awaiting_materials', open: true, paused: true, supervised: true, ladder: 'yellow' }),
  ]
  const d = run(facts)

  test('平均转派 = returns / issues dispatched in the period (3/3 = 1 return per issue)', () => {
    expect(d.metrics.returns).toMatchObject({ kind: 'average', numerator: 3, denominator: 3, value: 1 })
    expect(d.metrics.returns.besides).toEqual([{ label: '被退回件占比', value: 2 / 3, kind: 'rate' }])
    expect(ids(facts, 'returns', 'numerator')).toEqual(['a', 'c'])
  })

  test('当前逾期: running deadlines passed at now, of everything 在办 (paused issues are 在办 but have no deadline running)', () => {
    expect(d.metrics.overdue).toMatchObject({ numerator: 1, denominator: 3 })
    expect(ids(facts, 'overdue', 'denominator')).toEqual(['a', 'b', 'd'])
    expect(d.metrics.overdue.besides).toEqual([
      { label: '黄牌', value: 1, kind: 'count' },
      { label: '红牌', value: 1, kind: 'count' },
      { label: '督办中', value: 1, kind: 'count' },
    ])
    expect(ids(facts, 'overdue', 'numerator')).toEqual(['a'])
  })
})

describe('综合分 and empty periods', () => {
  test('every rate is null, not 0, when its denominator is 0', () => {
    const d = run([])
    for (const m of Object.values(d.metrics)) expect(m.value).toBeNull()
    expect(d.answerDays).toMatchObject({ count: 0, median: null })
  })

  test('综合分 weighs 响应/解决/满意 30/35/35 and shows the weights', () => {
    const facts = [
      fact('r', { signForDue: inMarch('03'), signedForAt: inMarch('02'), signedOnTime: true }), // 响应率 1
      fact('s', { confirmedAt: inMarch('10'), resolution: 'solved', rating: 'basically' }), // 解决率 1/2, 满意率 0
      fact('u', { confirmedAt: inMarch('10'), resolution: 'unsolved', rating: 'unsatisfied' }),
    ]
    const d = run(facts)
    expect(d.weights).toEqual({ response: 30, resolution: 35, satisfaction: 35 })
    expect(d.metrics.score).toMatchObject({ label: '综合分', kind: 'score', numerator: 30 + 17.5, denominator: 100 })
    expect(d.metrics.score.value).toBeCloseTo(0.475)
    expect(d.metrics.score.besides?.map((b) => [b.label, b.value])).toEqual([
      ['响应率权重', 0.3],
      ['解决率权重', 0.35],
      ['满意率权重', 0.35],
    ])
  })

  test('综合分 is shown only when all three parts have data; otherwise — naming the parts that have none', () => {
    const responded = fact('r', { signForDue: inMarch('03'), signedForAt: inMarch('02'), signedOnTime: true })
    const d = computeMetrics([responded], [], 0, MARCH, APRIL_10)
    expect(d.metrics.score).toMatchObject({ value: null, missing: ['解决率', '满意率'] })
  })

  test('综合分 with all three parts: the weighted mean with custom weights, which are shown beside it', () => {
    const facts = [
      fact('r', { signForDue: inMarch('03'), signedForAt: inMarch('02'), signedOnTime: true }),
      fact('c', { confirmedAt: inMarch('20'), lastConfirmAt: inMarch('20'), resolution: 'partly', rating: 'satisfied' }),
    ]
    const d = computeMetrics(facts, [], 0, MARCH, APRIL_10, { response: 1, resolution: 1, satisfaction: 2 })
    // 响应率 1, 解决率 0, 满意率 1 → (1×1 + 1×0 + 2×1) / 4
    expect(d.metrics.score).toMatchObject({ numerator: 3, denominator: 4, value: 0.75 })
    expect(d.metrics.score.missing).toBeUndefined()
    expect(d.weights).toEqual({ response: 1, resolution: 1, satisfaction: 2 })
  })
})

describe('median working days (histogram of whole working days, rounded up)', () => {
  test('answers taking 0.5, 2, 2.01 and 40 working days: lower median 2; 40 sits in the overflow bucket', () => {
    const a = (id: string, days: number) =>
      fact(id, { answeredAt: inMarch('10'), workingDaysToAnswer: days, firstContactAt: inMarch('05'), workingDaysToFirstContact: days / 2 })
    const d = run([a('x', 0.5), a('y', 2), a('z', 2.01), a('w', 40), fact('n', { answeredAt: inFeb('10'), workingDaysToAnswer: 1 })])
    expect(d.answerDays).toMatchObject({ count: 4, median: 2, capped: false })
    expect(d.answerDays.histogram[1]).toBe(1)
    expect(d.answerDays.histogram[3]).toBe(1)
    expect(d.answerDays.histogram[31]).toBe(1)
    expect(d.firstContactDays).toMatchObject({ count: 4, median: 1 })
  })
})

describe('走访覆盖率: project-weeks with a completed visit / active project-weeks', () => {
  const projects = [
    { _id: 'p1', teamId: 't1', status: 'active' as const, createdAt: 0 },
    { _id: 'p2', teamId: 't2', status: 'active' as const, createdAt: sh('2026-03-18T10:00:00') }, // from W12
    { _id: 'p3', teamId: 't1', status: 'archived' as const, createdAt: 0 },
  ]
  const visits: VisitFact[] = [
    { projectId: 'p1', weekKey: '2026-W10', status: 'done' },
    { projectId: 'p1', weekKey: '2026-W11', status: 'missed' },
    { projectId: 'p2', weekKey: '2026-W12', status: 'done' },
    { projectId: 'p3', weekKey: '2026-W12', status: 'done' }, // archived: not expected, not counted
    { projectId: 'p1', weekKey: '2026-W09', status: 'done' }, // W09's Thursday is 02-26: February's
  ]

  test('March 2026 has the ISO weeks W10–W13 (Thursdays 03-05…03-26); W14 (Thu 04-02) belongs to April', () => {
    expect(periodWeeks(MARCH, APRIL_10)).toEqual(['2026-W10', '2026-W11', '2026-W12', '2026-W13'])
  })

  test('only weeks that have begun count: on Wednesday 03-11 March has W10 and W11, and a week begins after its Monday 00:00', () => {
    expect(periodWeeks(MARCH, sh('2026-03-11T10:00:00'))).toEqual(['2026-W10', '2026-W11'])
    expect(periodWeeks(MARCH, sh('2026-03-09T00:00:00'))).toEqual(['2026-W10'])
    expect(periodWeeks(MARCH, sh('2026-03-09T00:00:01'))).toEqual(['2026-W10', '2026-W11'])
  })

  test('on Tuesday 2026-12-01, December has one begun week (W49): 1 of 6 projects visited reads 1/6, not 1/30', () => {
    const december = { from: sh('2026-12-01T00:00:00'), to: sh('2027-01-01T00:00:00') }
    const now = sh('2026-12-01T09:30:00')
    const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ _id: id, teamId: 't1', status: 'active' as const, createdAt: 0 }))
    const weeks = activeProjectWeeks(six, december, now)
    const done: VisitFact[] = [{ projectId: 'a', weekKey: '2026-W49', status: 'done' }]
    expect(computeMetrics([], done, weeks, december, now).metrics.coverage).toMatchObject({ numerator: 1, denominator: 6 })
  })

  test('2 of 6 project-weeks (p1 × 4 weeks, p2 × W12–W13)', () => {
    const weeks = activeProjectWeeks(projects, MARCH, APRIL_10)
    expect(weeks).toHaveLength(6)
    expect(computeMetrics([], visits, weeks, MARCH, APRIL_10).metrics.coverage).toMatchObject({
      label: '走访覆盖率',
      numerator: 2,
      denominator: 6,
      value: 1 / 3,
    })
  })

  test('by team: t1 1/4, t2 1/2; by department there is no coverage', () => {
    const weeks = activeProjectWeeks(projects, MARCH, APRIL_10)
    const rows = computeMetricsBy('team', [], visits, weeks, MARCH, APRIL_10)
    expect(rows.map((r) => [r.key, r.dashboard.metrics.coverage.numerator, r.dashboard.metrics.coverage.denominator])).toEqual([
      ['t1', 1, 4],
      ['t2', 1, 2],
    ])
    expect(computeMetricsBy('department', [], visits, weeks, MARCH, APRIL_10)).toEqual([])
  })
})

describe('breakdowns', () => {
  const facts = [
    fact('a', { departmentId: 'd1', signForDue: inMarch('03'), signedForAt: inMarch('02'), signedOnTime: true }),
    fact('b', { departmentId: 'd2', signForDue: inMarch('16'), signedForAt: inMarch('17'), signedOnTime: false, confirmedAt: inMarch('30'), resolution: 'solved' }),
  ]

  test('by department: each row has its own figures, and drills into its own issues', () => {
    const rows = computeMetricsBy('department', facts, [], 0, MARCH, APRIL_10)
    expect(rows.map((r) => [r.key, r.dashboard.metrics.response.value])).toEqual([
      ['d1', 1],
      ['d2', 0],
    ])
    expect(drill(facts, 'response', 'denominator', MARCH, APRIL_10, { by: 'department', key: 'd2' })).toEqual(['b'])
  })

  test('by week: a figure sits in the week of its own date (b responds in W12, is settled in W14)', () => {
    const rows = computeMetricsBy('week', facts, [], 0, MARCH, APRIL_10)
    expect(rows.map((r) => [r.key, r.dashboard.metrics.response.denominator, r.dashboard.metrics.resolution.denominator])).toEqual([
      ['2026-W10', 1, 0],
      ['2026-W12', 1, 0],
      ['2026-W14', 0, 1],
    ])
  })
})

describe('a deadline at 24:00 of day D belongs to day D, in every period, week and drill', () => {
  // Sign-for due "within 1 working day" of a Monday 11-30 dispatch: 24:00 of Tue 12-01 is stored as
  // 12-02 00:00; one due at 24:00 of 11-30 (stored as 12-01 00:00) is November's.
  const november = { from: sh('2026-11-01T00:00:00'), to: sh('2026-12-01T00:00:00') }
  const december = { from: sh('2026-12-01T00:00:00'), to: sh('2027-01-01T00:00:00') }
  const now = sh('2026-12-10T10:00:00')
  const facts = [fact('midnight', { signForDue: endOf('2026-11-30'), signedForAt: sh('2026-11-30T15:00:00'), signedOnTime: true })]

  test('counted in November, not December', () => {
    expect(computeMetrics(facts, [], 0, november, now).metrics.response).toMatchObject({ numerator: 1, denominator: 1 })
    expect(computeMetrics(facts, [], 0, december, now).metrics.response).toMatchObject({ numerator: 0, denominator: 0 })
    expect(drill(facts, 'response', 'denominator', november, now)).toEqual(['midnight'])
    expect(drill(facts, 'response', 'denominator', december, now)).toEqual([])
  })

  test('placed in the ISO week that ends with that day (Monday 00:00 belongs to the week before)', () => {
    const sunday = [fact('sun', { signForDue: endOf('2026-11-29'), signedForAt: sh('2026-11-29T15:00:00'), signedOnTime: true })]
    expect(sunday[0].signForDueWeek).toBe('2026-W48')
    const rows = computeMetricsBy('week', sunday, [], 0, november, now)
    expect(rows.map((r) => r.key)).toEqual(['2026-W48'])
  })
})
