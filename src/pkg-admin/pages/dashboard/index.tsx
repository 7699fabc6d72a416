/** 数据看板: the period's rates with numerators and denominators, one tap from the issues behind them. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../../api'
import { Async } from '../../../components/Async'
import { Chips } from '../../../components/Fields'
import { Screen } from '../../../components/Screen'
import { usePullRefresh, useQuery } from '../../../hooks/useQuery'
import { absolutePath, links } from '../../../domain/links'
import { BarList, ColumnChart } from '../../components/Bars'
import { DRILL_PARTS } from '../../../domain/metrics/dashboard'
import type { DrillKey } from '../../../domain/metrics/figures'
import { PERIOD_OPTIONS, type PeriodKind } from '../../../domain/period'
import { Coverage } from './Coverage'
import { DRILLABLE, DaysFig, MetricFigure, ORDER } from './Figures'
import '../../admin.scss'

export function drillUrl(metric: DrillKey, label: string, period: { from: number; to: number }): string {
  return absolutePath(links.drill({ metric, part: DRILL_PARTS[metric].opens, from: String(period.from), to: String(period.to), label }))
}

export default function DashboardPage() {
  const [kind, setKind] = useState<PeriodKind>('month')
  const q = useQuery(() => call('dashboard', 'summary', { period: { kind }, groupBy: 'department' }), [kind])
  usePullRefresh(q.reload)

  return (
    <Screen className='admin'>
      <View className='admin__bar'>
        <Chips options={PERIOD_OPTIONS} value={[kind]} onChange={([k]) => setKind(k)} />
      </View>
      <Async query={q}>
        {(v) => {
          const { period, now } = v.dashboard
          const drill = (metric: DrillKey, label: string) => void Taro.navigateTo({ url: drillUrl(metric, label, period) })
          return (
          <>
            {v.estimateNotice && <View className='notice'>{v.estimateNotice}</View>}
            <View className='dash__grid'>
              {ORDER.map((k) => v.dashboard.metrics[k]).filter(Boolean).map((m) => (
                <MetricFigure key={m.key} m={m} onTap={DRILLABLE(m.key) ? () => drill(m.key as DrillKey, m.label) : undefined} />
              ))}
              <DaysFig d={v.dashboard.answerDays} onTap={() => drill('answerDays', v.dashboard.answerDays.label)} />
              <DaysFig d={v.dashboard.firstContactDays} onTap={() => drill('firstContactDays', v.dashboard.firstContactDays.label)} />
            </View>
            <View className='card'>
              <Text className='card__title'>每周新增与办结</Text>
              <ColumnChart
                legend={[{ label: '新增', colour: '#1f5fbf' }, { label: '办结', colour: '#52c41a' }]}
                groups={v.weekly.slice(-12).map((w) => ({ label: w.weekKey.slice(5), values: [{ value: w.opened, colour: '#1f5fbf' }, { value: w.closed, colour: '#52c41a' }] }))}
              />
            </View>
            <Coverage period={period} now={now} />
            {v.rows && v.rows.length > 0 && (
              <View className='card'>
                <Text className='card__title'>各部门办结情况</Text>
                <BarList
                  rows={v.rows.map((r) => {
                    const m = r.dashboard.metrics.resolution
                    return { label: r.name, value: m.denominator, caption: `办结 ${m.denominator} 件 · 解决率 ${m.value === null ? '—' : `${Math.round(m.value * 100)}%`}` }
                  })}
                />
              </View>
            )}
          </>
          )
        }}
      </Async>
    </Screen>
  )
}
