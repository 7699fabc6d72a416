/** The dashboard's figures: big value, numerator / denominator, the values shown beside it. */
import { Text, View } from '@tarojs/components'
import { percent } from '../../../components/format'
import type { DaysFigure, Metric, MetricKey } from '../../../domain/metrics/figures'

export const ORDER: MetricKey[] = ['score', 'response', 'resolution', 'satisfaction', 'onTime', 'reopen', 'returns', 'coverage', 'overdue']
/** Figures backed by a list of issues (coverage counts project-weeks, the score is a blend). */
export const DRILLABLE = (k: string) => k !== 'coverage' && k !== 'score'

export function bigValue(m: Metric): string {
  if (m.key === 'overdue') return `${m.numerator} 件`
  if (m.kind === 'average') return m.value === null ? '—' : `${m.value.toFixed(2)} 次`
  if (m.kind === 'score') return m.value === null ? '—' : `${(m.value * 100).toFixed(1)} 分`
  return percent(m.value)
}

function fraction(m: Metric): string {
  if (m.key === 'score' && m.missing?.length) return `${m.missing.join('、')}本期无数据，暂不计分`
  if (m.key === 'score') return '响应、解决、满意三率加权'
  if (m.key === 'overdue') return `在办 ${m.denominator} 件中`
  if (m.kind === 'average') return `转派 ${m.numerator} 次 / 交办 ${m.denominator} 件`
  return `${m.numerator} / ${m.denominator}`
}

export function MetricFigure(props: { m: Metric; onTap?: () => void }) {
  const { m } = props
  return (
    <View className={`dash__fig ${m.key === 'score' ? 'dash__fig--wide' : ''}`} onClick={props.onTap} data-metric={m.key}>
      <Text className='dash__label'>{m.label}</Text>
      <Text className={`dash__value ${m.key === 'overdue' && m.numerator > 0 ? 'dash__value--bad' : ''}`}>{bigValue(m)}</Text>
      <Text className='dash__frac'>{fraction(m)}</Text>
      {(m.besides ?? []).map((b) => (
        <Text key={b.label} className='dash__beside'>
          {b.label} {b.kind === 'rate' ? percent(b.value) : `${b.value ?? 0} 件`}
        </Text>
      ))}
    </View>
  )
}

export function DaysFig(props: { d: DaysFigure; onTap?: () => void }) {
  const { d } = props
  return (
    <View className='dash__fig' onClick={props.onTap} data-metric={d.key}>
      <Text className='dash__label'>{d.label}</Text>
      <Text className='dash__value'>{d.median === null ? '—' : `${d.capped ? '>' : ''}${d.median} 天`}</Text>
      <Text className='dash__frac'>共 {d.count} 件</Text>
    </View>
  )
}
