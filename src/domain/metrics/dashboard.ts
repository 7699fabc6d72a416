/**
 * From counter sums to the dashboard. Shared by computeMetrics (sums made in memory) and
 * metricsFromAggregate (sums made by the database), so both show the same figures.
 */
import { HISTOGRAM_CAP, type Sums, histogramName } from './counters'
import type { Beside, Dashboard, DaysFigure, DaysKey, DrillKey, Metric, MetricKey, Period, Weights } from './figures'
import { DEFAULT_WEIGHTS } from './figures'

export const METRIC_LABELS: Record<MetricKey, string> = {
  response: '响应率',
  resolution: '解决率',
  satisfaction: '满意率',
  onTime: '按期办结率',
  reopen: '重办率',
  returns: '平均转派',
  coverage: '走访覆盖率',
  score: '综合分',
  overdue: '当前逾期',
}

export const DAYS_LABELS: Record<DaysKey, string> = {
  answerDays: '答复用时中位数（工作日）',
  firstContactDays: '首次联系用时中位数（工作日）',
}

/**
 * What the two lists behind a figure are called, and which one a tap on the figure opens
 * (当前逾期 opens the overdue issues; a rate opens everything it is taken over).
 * The medians have one list (the issues in the histogram).
 */
export const DRILL_PARTS: Record<DrillKey, { numerator: string; denominator?: string; opens: 'numerator' | 'denominator' }> = {
  response: { numerator: '按时签收', denominator: '应签收', opens: 'denominator' },
  resolution: { numerator: '解决', denominator: '已确认或自动办结', opens: 'denominator' },
  satisfaction: { numerator: '满意', denominator: '已评价', opens: 'denominator' },
  onTime: { numerator: '按期答复', denominator: '应答复', opens: 'denominator' },
  reopen: { numerator: '重办', denominator: '企业已确认', opens: 'denominator' },
  returns: { numerator: '被退回', denominator: '已交办', opens: 'denominator' },
  overdue: { numerator: '已逾期', denominator: '在办', opens: 'numerator' },
  answerDays: { numerator: '已答复', opens: 'numerator' },
  firstContactDays: { numerator: '已联系企业', opens: 'numerator' },
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d)

function metric(
  key: MetricKey,
  numerator: number,
  denominator: number,
  besides?: Beside[],
  kind: Metric['kind'] = 'rate',
): Metric {
  const m: Metric = { key, label: METRIC_LABELS[key], kind, numerator, denominator, value: ratio(numerator, denominator) }
  return besides ? { ...m, besides } : m
}

function days(key: DaysKey, s: Sums, prefix: 'ans' | 'fc'): DaysFigure {
  const histogram: number[] = []
  for (let b = 0; b <= HISTOGRAM_CAP; b++) histogram.push(s[histogramName(prefix, b)] ?? 0)
  const count = histogram.reduce((a, b) => a + b, 0)
  let median: number | null = null
  for (let b = 0, seen = 0; count > 0 && b <= HISTOGRAM_CAP; b++) {
    seen += histogram[b]
    if (seen >= Math.ceil(count / 2)) {
      median = b
      break
    }
  }
  return { key, label: DAYS_LABELS[key], count, median, capped: median === HISTOGRAM_CAP, histogram }
}

/**
 * 综合分: the weighted mean of 响应率, 解决率 and 满意率 — only when all three have data this period;
 * otherwise no score (value null) and `missing` names the parts without data.
 * numerator = Σ weight × rate, denominator = Σ weight; the weights are shown beside it as shares.
 */
function score(parts: Record<keyof Weights, Metric>, weights: Weights): Metric {
  const keys = ['response', 'resolution', 'satisfaction'] as const
  const missing = keys.filter((k) => parts[k].value === null).map((k) => METRIC_LABELS[k])
  const total = keys.reduce((a, k) => a + weights[k], 0)
  const besides = keys.map((k) => ({ label: `${METRIC_LABELS[k]}权重`, value: ratio(weights[k], total), kind: 'rate' as const }))
  if (missing.length > 0) return { ...metric('score', 0, 0, besides, 'score'), missing }
  const numerator = keys.reduce((a, k) => a + weights[k] * (parts[k].value as number), 0)
  return metric('score', numerator, total, besides, 'score')
}

export function dashboardFromSums(s: Sums, period: Period, now: number, weights: Weights = DEFAULT_WEIGHTS): Dashboard {
  const n = (name: string): number => s[name] ?? 0
  const response = metric('response', n('respondedOnTime'), n('responseDue'))
  const resolution = metric('resolution', n('solved'), n('settled'), [
    { label: '部分解决', value: ratio(n('partly'), n('settled')), kind: 'rate' },
    { label: '自动办结', value: ratio(n('autoClosed'), n('settled')), kind: 'rate' },
  ])
  const satisfaction = metric('satisfaction', n('satisfied'), n('rated'), [
    { label: '基本满意', value: ratio(n('basically'), n('rated')), kind: 'rate' },
    { label: '评价覆盖率', value: ratio(n('rated'), n('settled')), kind: 'rate' },
  ])
  const metrics: Record<MetricKey, Metric> = {
    response,
    resolution,
    satisfaction,
    onTime: metric('onTime', n('answeredOnTime'), n('answerDue')),
    reopen: metric('reopen', n('reopened'), n('confirmed')),
    returns: metric(
      'returns',
      n('returns'),
      n('dispatched'),
      [{ label: '被退回件占比', value: ratio(n('returned'), n('dispatched')), kind: 'rate' }],
      'average',
    ),
    coverage: metric('coverage', n('visitsDone'), n('projectWeeks')),
    score: score({ response, resolution, satisfaction }, weights),
    overdue: metric('overdue', n('overdue'), n('open'), [
      { label: '黄牌', value: n('yellow'), kind: 'count' },
      { label: '红牌', value: n('red'), kind: 'count' },
      { label: '督办中', value: n('supervised'), kind: 'count' },
    ]),
  }
  return {
    period,
    now,
    metrics,
    answerDays: days('answerDays', s, 'ans'),
    firstContactDays: days('firstContactDays', s, 'fc'),
    weights,
  }
}

/** True when a row has anything to show (some sum is not zero). */
export const hasAnything = (s: Sums): boolean => Object.values(s).some((v) => v !== 0)
