/** 走访记录: a project's visits week by week (status, the minutes' first line), opened from the board. */
import { Text, View } from '@tarojs/components'
import { Screen } from '../../../components/Screen'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { links } from '../../../domain/links'
import { useLink } from '../../../hooks/useLink'
import { firstLine, useProjectVisits } from './useProjectVisits'
import '../../work.scss'

const VISIT_STATUS = { planned: '待走访', done: '已走访', missed: '未走访' } as const

export default function Visits() {
  const { projectId = '' } = useLink(links.visits) ?? {}
  const list = useProjectVisits(projectId)
  return (
    <Screen className='work'>
      {list.items.map((v) => (
        <View key={v._id} className='card'>
          <View className='row'>
            <Text className='card__title'>{v.weekKey}</Text>
            <Text className={`tag ${v.status === 'done' ? 'tag--done' : v.status === 'missed' ? 'tag--supervised' : ''}`}>{VISIT_STATUS[v.status]}</Text>
          </View>
          <Text className='muted'>计划 {v.plannedDate}</Text>
          {v.minutes && <Text className='work__minutes'>{firstLine(v.minutes)}</Text>}
        </View>
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
