/**
 * The November 2026 bulletin of test/unit/support/bulletinMonth.ts, every figure worked out by hand.
 * Period (11-01 00:00, 12-01 00:00]; written Tue 12-01 09:00; weights 30/35/35; threshold 3.
 */
import { type DepartmentRow, computeBulletin } from '../../src/domain/bulletin'
import { drill } from '../../src/domain/metrics'
import { DEPTS, FACTS, NOVEMBER, NOW, novemberInput } from './support/bulletinMonth'

const b = computeBulletin(novemberInput())
const row = (id: string): DepartmentRow => b.departments.find((d) => d.departmentId === id)!
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places
/** value (4 places), numerator (2 places: 综合分's is Σ weight × rate), denominator, change of a row's figure. */
const fig = (r: Pick<DepartmentRow, 'figures'>, k: keyof DepartmentRow['figures']) => {
  const f = r.figures[k]
  return [f.value === null ? null : round(f.value, 4), round(f.numerator, 2), f.denominator, f.change]
}

describe('the ranking table', () => {
  test('住建局: 5 received (a1–a5; the repeat left out), all rates worked from November only', () => {
    const a = row(DEPTS.A._id)
    // 收件 = first dispatched in November: a1 a2 a3 a4 a5 = 5; October had ao1 ao2 = 2 → +3.
    expect(fig(a, 'received')).toEqual([5, 5, 5, 3])
    // 响应率: a1–a5 signed on time; a5's deadline is 24:00 of 11-30, November's → 5/5 = 100.0%.
    // October: ao1 on time, ao2 late → 1/2 = 50.0% → ↑50.0.
    expect(fig(a, 'response')).toEqual([1, 5, 5, 50])
    // 按期办结率: a1 a2 a3 on time, a4 late; a5 paused (not decided) → 3/4 = 75.0%. October 2/2 = 100.0% → ↓25.0.
    expect(fig(a, 'onTime')).toEqual([0.75, 3, 4, -25])
    // 解决率: a1 a2 a3 solved, a4 partly → 3/4 = 75.0%. October: ao1 solved; ao2 confirmed at 24:00 of 10-31 (October's), partly → 1/2 → ↑25.0.
    expect(fig(a, 'resolution')).toEqual([0.75, 3, 4, 25])
    // 满意率: 3 satisfied of 4 rated = 75.0%; October 1/2 → ↑25.0.
    expect(fig(a, 'satisfaction')).toEqual([0.75, 3, 4, 25])
    // 重办率: none of 4 confirmations reopened → 0.0%; October 0/2 = 0.0% → 持平 (0).
    expect(fig(a, 'reopen')).toEqual([0, 0, 4, 0])
    // 综合分 = (30×1 + 35×0.75 + 35×0.75) / 100 = 82.5; October (30×.5 + 35×.5 + 35×.5) / 100 = 50.0 → ↑32.5.
    expect(fig(a, 'score')).toEqual([0.825, 82.5, 100, 32.5])
    expect(a).toMatchObject({ rank: 2, overdue: 0, eligible: true }) // a5 is paused: nothing runs, nothing overdue
  })

  test('发改局 and 商务局 tie on 综合分 67.5; 发改局 ranks first by the higher 解决率 although 商务局 comes first in the zone\'s order', () => {
    const B = row(DEPTS.B._id)
    const C = row(DEPTS.C._id)
    // 发改局: signed 2/4 = 50.0%, answered 4/4, solved 4/4 = 100.0%, satisfied 2/4 = 50.0% → (15 + 35 + 17.5) / 100 = 67.5.
    expect([fig(B, 'response'), fig(B, 'onTime'), fig(B, 'resolution'), fig(B, 'satisfaction'), fig(B, 'reopen'), fig(B, 'score')]).toEqual([
      [0.5, 2, 4, null], [1, 4, 4, null], [1, 4, 4, null], [0.5, 2, 4, null], [0, 0, 4, null], [0.675, 67.5, 100, null],
    ])
    // 商务局: signed 2/4, answered 4/4, solved 2/4 = 50.0%, satisfied 4/4 = 100.0% → (15 + 17.5 + 35) / 100 = 67.5.
    expect([fig(C, 'resolution'), fig(C, 'satisfaction'), fig(C, 'score')]).toEqual([[0.5, 2, 4, null], [1, 4, 4, null], [0.675, 67.5, 100, null]])
    // No October data: every rate's change is —; 收件 4 against 0 → +4.
    expect([B.figures.received.change, C.figures.received.change]).toEqual([4, 4])
    expect([B.rank, C.rank]).toEqual([3, 4])
  })

  test('税务局 ranks first on 100.0 but, with 2 issues, is below the threshold of 3', () => {
    const D = row(DEPTS.D._id)
    expect(fig(D, 'received')).toEqual([2, 2, 2, 2])
    expect(fig(D, 'score')).toEqual([1, 100, 100, null])
    expect(D).toMatchObject({ rank: 1, eligible: false })
  })

  test('供电公司: one signed and answered on time of 3, one solved, none satisfied, e3 reopened', () => {
    const E = row(DEPTS.E._id)
    expect([fig(E, 'received'), fig(E, 'response'), fig(E, 'onTime'), fig(E, 'resolution'), fig(E, 'satisfaction'), fig(E, 'reopen')]).toEqual([
      [3, 3, 3, 3], [0.3333, 1, 3, null], [0.3333, 1, 3, null], [0.3333, 1, 3, null], [0, 0, 3, null], [0.3333, 1, 3, null],
    ])
    // 综合分 = (30 × 1/3 + 35 × 1/3 + 35 × 0) / 100 = 21.67 → shown 21.7.
    expect(fig(E, 'score')).toEqual([0.2167, 21.67, 100, null])
    expect(E).toMatchObject({ rank: 5, eligible: true })
  })

  test('市监局 has no confirmation yet: listed unranked, naming what is missing; 教育局 had nothing at all', () => {
    const F = row(DEPTS.F._id)
    // 响应率: f1 f2 on time; f3 unsigned with its deadline passed → 2/3. 按期办结率: f1's answer deadline (24:00 11-26) passed unanswered → 0/1.
    expect([fig(F, 'received'), fig(F, 'response'), fig(F, 'onTime')]).toEqual([[3, 3, 3, 3], [0.6667, 2, 3, null], [0, 0, 1, null]])
    expect(F).toMatchObject({ rank: null, missing: ['解决率', '满意率'], overdue: 2, eligible: true })
    expect(F.figures.score.value).toBeNull()
    expect(b.idle).toEqual(['教育局'])
  })

  test('the table lists the ranked by rank, then the unranked', () => {
    expect(b.departments.map((d) => [d.rank, d.name])).toEqual([
      [1, '税务局'], [2, '住建局'], [3, '发改局'], [4, '商务局'], [5, '供电公司'], [null, '市监局'],
    ])
  })
})

test('红榜 / 黑榜: of the 4 ranked departments with ≥ 3 issues (住建局 发改局 商务局 供电公司), the top and bottom ⌊4/2⌋ = 2', () => {
  expect(b.red).toEqual([DEPTS.A._id, DEPTS.B._id])
  expect(b.black).toEqual([DEPTS.C._id, DEPTS.E._id])
  // With a threshold of 5 only 住建局 qualifies: one fair candidate names nobody.
  expect(computeBulletin(novemberInput({ threshold: 5 }))).toMatchObject({ red: [], black: [] })
  // With a threshold of 2 税务局 joins: 5 candidates → 2 and 2, and 发改局 (3rd of 5) is on neither.
  expect(computeBulletin(novemberInput({ threshold: 2 }))).toMatchObject({ red: [DEPTS.D._id, DEPTS.A._id], black: [DEPTS.C._id, DEPTS.E._id] })
})

test('the zone: the same figures over every department, against October', () => {
  const z = b.zone.figures
  // 收件 5+4+4+2+3+3 = 21; October 2 → +19.
  expect(fig({ figures: z }, 'received')).toEqual([21, 21, 21, 19])
  // 响应率 (5+2+2+2+1+2)/(5+4+4+2+3+3) = 14/21 = 66.7%; October 50.0 → ↑16.7.
  expect(fig({ figures: z }, 'response')).toEqual([0.6667, 14, 21, 16.7])
  // 按期办结率 (3+4+4+2+1+0)/(4+4+4+2+3+1) = 14/18 = 77.8%; October 100.0 → ↓22.2.
  expect(fig({ figures: z }, 'onTime')).toEqual([0.7778, 14, 18, -22.2])
  // 解决率 (3+4+2+2+1)/17 = 12/17 = 70.6%; ↑20.6. 满意率 (3+2+4+2+0)/17 = 11/17 = 64.7%; ↑14.7. 重办率 1/17 = 5.9%; ↑5.9.
  expect(fig({ figures: z }, 'resolution')).toEqual([0.7059, 12, 17, 20.6])
  expect(fig({ figures: z }, 'satisfaction')).toEqual([0.6471, 11, 17, 14.7])
  expect(fig({ figures: z }, 'reopen')).toEqual([0.0588, 1, 17, 5.9])
  // 综合分 (30 × 14/21 + 35 × 12/17 + 35 × 11/17) / 100 = (20 + 47.35) / 100 = 67.4; October 50.0 → ↑17.4.
  expect(fig({ figures: z }, 'score')).toEqual([0.6735, 67.35, 100, 17.4])
  // 21 raised (the repeats aRepeat r2 r3 aside); overdue now f1 f3; three under 督办.
  expect(b.zone).toMatchObject({ raised: 21, repeats: 3, overdue: 2, supervised: 3 })
  // 走访覆盖率: November's weeks W45–W48 × 3 projects = 12; done 4 + 2 + 3 = 9 → 75.0%. October W40–W44: 13/15 = 86.7% → ↓11.7.
  expect(b.zone.coverage).toEqual({ value: 0.75, numerator: 9, denominator: 12, change: -11.7 })
})

test('督办: open and supervised, longest overdue first, phones masked, working days as the domain counts them', () => {
  expect(b.supervision).toEqual([
    // f3: sign-for due 24:00 11-19; Fri 11-20, Mon–Fri 11-23…27, Mon 11-30 and 9 h of 12-01 → 7.375 → 7.
    { id: 'f3', caseNo: '2026-000053', title: '食品经营许可证延续 联系电话 139****5678', department: '市监局', state: '待签收', ladder: 'red', overdueDays: 7, overdue: true },
    // f1: answer due 24:00 11-26; Fri 11-27, Mon 11-30, 9 h → 2.375 → 2.
    { id: 'f1', caseNo: '2026-000052', title: '广告牌设置审批', department: '市监局', state: '办理中', ladder: 'yellow', overdueDays: 2, overdue: true },
    // a5 waits for the enterprise's materials: no clock runs.
    { id: 'a5', caseNo: '2026-000047', title: '施工图审查意见', department: '住建局', state: '待补充材料', ladder: 'blue', overdueDays: 0, overdue: false },
  ])
})

test('teams: coverage of the weeks begun, missed visits, issues raised during visits (repeats once)', () => {
  expect(b.teams).toEqual([
    // p1 4/4 + p2 2/4 = 6/8 = 75.0%, p2 missed W47 W48; October (5 + 3)/10 = 80.0% → ↓5.0. a1 b1 raised on visits; aRepeat is a repeat.
    { teamId: 't1', name: '第一服务专班', coverage: { value: 0.75, numerator: 6, denominator: 8, change: -5 }, missed: 2, visitIssues: 2,
      visitIssueRefs: [{ id: 'a1', caseNo: '2026-000031' }, { id: 'b1', caseNo: '2026-000035' }] },
    // p3 3/4 = 75.0%, missed W48; October 5/5 = 100.0% → ↓25.0.
    { teamId: 't2', name: '第二服务专班', coverage: { value: 0.75, numerator: 3, denominator: 4, change: -25 }, missed: 1, visitIssues: 1,
      visitIssueRefs: [{ id: 'e1', caseNo: '2026-000041' }] },
  ])
})

test('hotspots: the categories with the most 重复反映 raised in the period', () => {
  expect(b.hotspots.map((h) => [h.name, h.repeats, h.refs.map((r) => r.caseNo)])).toEqual([
    ['水电气路', 2, ['2026-000061', '2026-000062']],
    ['审批手续', 1, ['2026-000060']],
  ])
})

test('the summary paragraph is written from these figures', () => {
  expect(b.title).toBe('2026年11月企业诉求办理情况通报')
  expect(b.summary).toBe(
    '2026年11月，全区新收企业诉求21件（另有重复反映3件，合并计算），交办部门办理21件，较上月增加19件。' +
      '响应率66.7%，按期办结率77.8%，解决率70.6%，满意率64.7%，重办率5.9%；综合分67.4分，较上月上升17.4分。' +
      '参与排名的5个部门中，税务局综合分最高（100.0分）；另有1个部门因数据不足暂不排名。' +
      '红榜：住建局、发改局；黑榜：商务局、供电公司（收件不少于3件的部门参评）。' +
      '截至2026年12月1日，仍在督办的问题3件，其中红牌1件，最长已超期7个工作日。' +
      '各服务专班应走访12个项目周，完成9个，走访覆盖率75.0%，未走访3次，走访中收集诉求3件。' +
      '重复反映较多的类别：水电气路（2件）、审批手续（1件）。',
  )
})

test('each department figure is the size of the drill list it opens (same period, the department as group)', () => {
  for (const d of b.departments) {
    const lists = {
      received: drill(FACTS, 'returns', 'denominator', NOVEMBER, NOW, { by: 'department', key: d.departmentId }),
      response: drill(FACTS, 'response', 'denominator', NOVEMBER, NOW, { by: 'department', key: d.departmentId }),
      resolution: drill(FACTS, 'resolution', 'denominator', NOVEMBER, NOW, { by: 'department', key: d.departmentId }),
      satisfaction: drill(FACTS, 'satisfaction', 'denominator', NOVEMBER, NOW, { by: 'department', key: d.departmentId }),
    }
    for (const [k, ids] of Object.entries(lists)) expect([d.name, k, ids.length]).toEqual([d.name, k, d.figures[k as keyof typeof lists].denominator])
  }
})
