import { Text, View } from '@tarojs/components'
import { Chips } from '../../../components/Fields'
import { IssueRow } from '../../../components/IssueRow'
import { Screen } from '../../../components/Screen'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { STATE_FILTERS } from '../../../domain/issue/labels'
import { type Scope, useQueue } from './useQueue'
import '../../work.scss'

export default function Queue() {
  const { who, filters, setFilters, list } = useQueue()
  const handler = !!who.data?.roles.includes('handler')
  const scopes: { value: Scope | 'overdue'; label: string }[] = [
    { value: 'mine', label: handler ? '本部门主办' : '本专班' },
    ...(handler ? [{ value: 'assist' as const, label: '本部门协办' }] : []),
    { value: 'all', label: '全部' },
  ]
  return (
    <Screen className='work'>
      <View className='work__filters'>
        <Chips options={scopes} value={[filters.scope]} onChange={([scope]) => setFilters({ ...filters, scope: scope as Scope })} />
        <Chips multiple options={[{ value: 'overdue', label: '只看超期' }]} value={filters.overdue ? ['overdue'] : []} onChange={(v) => setFilters({ ...filters, overdue: v.length > 0 })} />
        <Chips options={STATE_FILTERS} value={[filters.state]} onChange={([state]) => setFilters({ ...filters, state })} />
      </View>
      {list.items.map((c) => (
        <IssueRow key={c._id} card={c} />
      ))}
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refresh()} />
      ) : list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title='没有符合条件的问题' />
      ) : (
        <Text className='more'>{list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>
      )}
    </Screen>
  )
}
