/** 走访覆盖: per week, visits done of the active projects (a plain-View bar) and the missed ones. */
import { Text, View } from '@tarojs/components'
import { Async } from '../../../components/Async'
import type { Period } from '../../../domain/metrics/figures'
import { useCoverage } from './useCoverage'
import '../../components/charts.scss'

const pct = (done: number, active: number) => `${active ? Math.round((done / active) * 1000) / 10 : 0}%`

export function Coverage(props: { period: Period; now: number }) {
  const q = useCoverage(props.period, props.now)
  return (
    <View className='card'>
      <Text className='card__title'>走访覆盖</Text>
      <Async query={q} empty={(rows) => rows.length === 0} emptyTitle='本期还没有走访计划'>
        {(rows) => (
          <View className='chart'>
            {rows.map((r) => (
              <View key={r.weekKey} className='chart__row' data-week={r.weekKey}>
                <Text className='chart__name'>{r.weekKey}</Text>
                <View className='chart__track'>
                  <View className='chart__barbox cover__box'>
                    <View className='chart__bar' style={{ width: pct(r.done, r.activeProjects), background: '#52c41a' }} />
                  </View>
                  <Text className='chart__caption'>{r.done} / {r.activeProjects}</Text>
                  {r.missed > 0 && <Text className='chart__caption cover__missed'>未走访 {r.missed}</Text>}
                </View>
              </View>
            ))}
          </View>
        )}
      </Async>
    </View>
  )
}
