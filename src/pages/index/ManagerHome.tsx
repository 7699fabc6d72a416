/** A manager's home: the year-arrangement task, the entries, and the issues under 督办. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { call } from '../../api'
import { Async } from '../../components/Async'
import { IssueRow } from '../../components/IssueRow'
import { useQuery } from '../../hooks/useQuery'
import { Btn } from '../../components/Buttons'
import { askToSubscribe } from '../../platform/subscribe'
import type { WhoAmI } from '../../domain/views'
import { Entries } from './Entries'
import { links } from '../../domain/links'
import { go } from '../../hooks/useLink'

export function ManagerHome(props: { who: WhoAmI }) {
  const supervised = useQuery(() => call('issues', 'list', { supervised: true, state: 'open', pageSize: 5 }), [])
  return (
    <>
      {props.who.calendarTasks.map((year) => (
        <View key={year} className='notice' onClick={() => go(links.calendar({ year: String(year) }))}>
          <Text>{year} 年放假安排未录入</Text>
          <Text className='muted'>当前按法定节假日预估期限，点此录入国务院公布的安排</Text>
        </View>
      ))}
      <Entries who={props.who} />
      <View className='home__sub'>
        <Btn small kind='ghost' onTap={() => void askToSubscribe(props.who, ['digest']).then((r) => {
          if (Object.values(r).includes('accept')) void Taro.showToast({ title: '已订阅下一期周报', icon: 'none' })
        })}>
          订阅每周简报
        </Btn>
      </View>
      <View className='row home__head'>
        <Text className='section'>督办中的问题</Text>
        <Text className='home__link' onClick={() => go(links.issues({ supervised: '1' }))}>
          全部 ›
        </Text>
      </View>
      <Async query={supervised} empty={(p) => p.items.length === 0} emptyTitle='暂无督办中的问题'>
        {(p) => p.items.map((c) => <IssueRow key={c._id} card={c} />)}
      </Async>
    </>
  )
}
