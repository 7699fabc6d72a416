/** 本周走访: the visits of my team's projects this ISO week, with their state. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../../api'
import { Async } from '../../../components/Async'
import { Screen } from '../../../components/Screen'
import { addWeeks } from '../../../domain/time'
import { usePullRefresh, useQuery } from '../../../hooks/useQuery'
import { links } from '../../../domain/links'
import { go } from '../../../hooks/useLink'
import '../../work.scss'

export const VISIT_STATUS = { planned: '待走访', done: '已走访', missed: '未走访' } as const

export default function Week() {
  // No week asked for: the server answers with its current one (the phone's clock may be wrong).
  const [week, setWeek] = useState<string | undefined>(undefined)
  const q = useQuery(() => call('visits', 'myWeek', week ? { weekKey: week } : {}), [week])
  usePullRefresh(q.reload)
  const shown = week ?? q.data?.weekKey
  return (
    <Screen className='work'>
      {shown && (
        <View className='work__bar'>
          <Text className='work__nav' onClick={() => setWeek(addWeeks(shown, -1))}>‹ 上周</Text>
          <Text className='work__week'>{shown}</Text>
          <Text className='work__nav' onClick={() => setWeek(addWeeks(shown, 1))}>下周 ›</Text>
        </View>
      )}
      <Async query={q} empty={(d) => d.visits.length === 0} emptyTitle='本周没有安排走访' emptyHint='项目按走访日自动排入每周计划'>
        {(d) =>
          d.visits.map((v) => (
            <View key={v._id} className='card' onClick={() => go(links.visit({ visitId: v._id }))}>
              <View className='row'>
                <Text className='card__title'>{v.projectName}</Text>
                <Text className={`tag ${v.status === 'done' ? 'tag--done' : v.status === 'missed' ? 'tag--supervised' : ''}`}>{VISIT_STATUS[v.status]}</Text>
              </View>
              <View className='muted'>{v.enterpriseName} · 计划 {v.plannedDate}</View>
              <View className='muted'>{v.address}</View>
              <Text className='work__link' onClick={(e) => { e.stopPropagation(); go(links.board({ projectId: v.projectId })) }}>项目看板 ›</Text>
            </View>
          ))
        }
      </Async>
      <View className='work__footer'>
        <Text className='work__link' onClick={() => go(links.queue({}))}>问题队列 ›</Text>
      </View>
    </Screen>
  )
}
