/**
 * Bar charts from plain Views: about 1 KB, the same on weapp and h5, no canvas library. Bars are
 * sized in percent of a box whose size the stylesheet fixes (px-transformed there), so no inline
 * px value needs converting.
 */
import { Text, View } from '@tarojs/components'
import './charts.scss'

export interface BarGroup {
  label: string
  values: { value: number; colour: string }[]
}

const pct = (v: number, max: number) => `${Math.round((v / max) * 1000) / 10}%`

/** Vertical grouped bars (e.g. opened vs closed per week). */
export function ColumnChart(props: { groups: BarGroup[]; legend: { label: string; colour: string }[] }) {
  const max = Math.max(1, ...props.groups.flatMap((g) => g.values.map((v) => v.value)))
  return (
    <View className='chart'>
      <View className='chart__legend'>
        {props.legend.map((l) => (
          <Text key={l.label} className='chart__key'>
            <Text className='chart__swatch' style={{ background: l.colour }} /> {l.label}
          </Text>
        ))}
      </View>
      <View className='chart__columns'>
        {props.groups.map((g) => (
          <View key={g.label} className='chart__group'>
            <View className='chart__bars'>
              {g.values.map((v, i) => (
                <View key={i} className='chart__col' style={{ height: pct(v.value, max), background: v.colour }}>
                  <Text className='chart__val'>{v.value}</Text>
                </View>
              ))}
            </View>
            <Text className='chart__label'>{g.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** Horizontal bars with a caption (e.g. closures by department). */
export function BarList(props: { rows: { label: string; value: number; caption: string }[]; colour?: string }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value))
  return (
    <View className='chart'>
      {props.rows.map((r) => (
        <View key={r.label} className='chart__row'>
          <Text className='chart__name'>{r.label}</Text>
          <View className='chart__track'>
            <View className='chart__barbox'>
              <View className='chart__bar' style={{ width: pct(r.value, max), background: props.colour ?? '#1f5fbf' }} />
            </View>
            <Text className='chart__caption'>{r.caption}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
