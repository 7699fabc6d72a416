/** The issues behind a dashboard figure (numerator or denominator), 20 at a time. */
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../../api'
import type { Input } from '../../../api'
import { Async } from '../../../components/Async'
import { Chips } from '../../../components/Fields'
import { IssueRow } from '../../../components/IssueRow'
import { Screen } from '../../../components/Screen'
import { links } from '../../../domain/links'
import { DRILL_PARTS } from '../../../domain/metrics/dashboard'
import { useLink } from '../../../hooks/useLink'
import { PAGE_SIZE } from '../../../hooks/usePaged'
import { usePullRefresh, useQuery } from '../../../hooks/useQuery'
import '../../admin.scss'

type DrillInput = Input<'dashboard', 'drill'>

type DrillKey = DrillInput['metric']
const GROUPS = ['department', 'team', 'project', 'week'] as const

/** The figure's own names for its two lists, e.g. 已逾期（分子）/ 在办（分母）. */
export function partOptions(metric: DrillKey): { value: DrillInput['part']; label: string }[] {
  const names = DRILL_PARTS[metric]
  const numerator = { value: 'numerator' as const, label: `${names.numerator}（分子）` }
  if (!names.denominator) return [{ ...numerator, label: names.numerator }]
  const denominator = { value: 'denominator' as const, label: `${names.denominator}（分母）` }
  return names.opens === 'numerator' ? [numerator, denominator] : [denominator, numerator]
}

export default function Drill() {
  const p = useLink(links.drill) ?? { metric: '', from: '', to: '' }
  const metric = (p.metric in DRILL_PARTS ? p.metric : 'response') as DrillKey
  const [part, setPart] = useState<DrillInput['part']>(p.part === 'numerator' || p.part === 'denominator' ? p.part : DRILL_PARTS[metric].opens)
  const [shown, setShown] = useState(PAGE_SIZE)
  const period = { from: Number(p.from), to: Number(p.to) }
  // One row of a breakdown (a department of the bulletin): the figure's issues within that row only.
  const groupBy = GROUPS.find((g) => g === p.groupBy)
  const group = groupBy ? { groupBy, groupKey: p.groupKey ?? null } : {}
  const q = useQuery(() => call('dashboard', 'drill', { period, metric, part, ...group }), [metric, p.from, p.to, part, p.groupBy, p.groupKey])
  usePullRefresh(q.reload)
  useReachBottom(() => setShown((n) => n + PAGE_SIZE))

  return (
    <Screen className='admin'>
      <View className='admin__bar'>
        <Text className='card__title'>{p.label || '问题明细'}</Text>
        <Chips options={partOptions(metric)} value={[part]} onChange={([x]) => { setPart(x); setShown(PAGE_SIZE) }} />
      </View>
      <Async query={q} empty={(d) => d.items.length === 0} emptyTitle='没有相关问题'>
        {(d) => (
          <>
            <Text className='section'>共 {d.total} 件{d.total > d.items.length ? `，显示最近 ${d.items.length} 件` : ''}</Text>
            {d.items.slice(0, shown).map((c) => (
              <IssueRow key={c._id} card={c} />
            ))}
            {shown < d.items.length && <Text className='more'>上滑加载更多</Text>}
          </>
        )}
      </Async>
    </Screen>
  )
}
