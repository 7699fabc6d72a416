/** 走访记录: a project's visits week by week (status, the minutes' first line), opened from the board; a done one opens its record. */
import { Text } from '@tarojs/components'
import { Screen } from '../../../components/Screen'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { VisitCard } from '../../../components/VisitCard'
import { links } from '../../../domain/links'
import { useLink } from '../../../hooks/useLink'
import { useProjectVisits } from './useProjectVisits'
import '../../work.scss'

export default function Visits() {
  const { projectId = '' } = useLink(links.visits) ?? {}
  const list = useProjectVisits(projectId)
  return (
    <Screen className='work'>
      {list.items.map((v) => (
        <VisitCard key={v._id} visit={v} />
      ))}
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refresh()} />
      ) : list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        <EmptyState title='还没有走访记录' />
      ) : (
        <Text className='more'>{list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>
      )}
    </Screen>
  )
}
