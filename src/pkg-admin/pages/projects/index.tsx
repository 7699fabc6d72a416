/** 项目管理: the zone's projects, 20 a page, with search; tap to edit, or open the board. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../../api'
import { Btn } from '../../../components/Buttons'
import { TextInput } from '../../../components/Fields'
import { Screen } from '../../../components/Screen'
import { EmptyState, ErrorState, Loading } from '../../../components/States'
import { PAGE_SIZE, usePaged } from '../../../hooks/usePaged'
import { links } from '../../../domain/links'
import { go } from '../../../hooks/useLink'
import '../../admin.scss'

const STATUS = { active: '服务中', paused: '暂停', archived: '已归档' }

export default function Projects() {
  const [keyword, setKeyword] = useState('')
  const [search, setSearch] = useState('')
  const list = usePaged((cursor) => call('projects', 'list', { pageSize: PAGE_SIZE, ...(search ? { keyword: search } : {}), ...(cursor ? { cursor } : {}) }), [search])
  return (
    <Screen className='admin'>
      <View className='card admin__form'>
        <TextInput name='keyword' value={keyword} maxlength={30} placeholder='搜索企业或项目名称' onChange={setKeyword} />
        <View className='row'>
          <Btn small kind='ghost' onTap={() => setSearch(keyword.trim())}>搜索</Btn>
          <Btn small onTap={() => go(links.projectEdit({}))}>新建项目</Btn>
        </View>
      </View>
      {list.items.map((p) => (
        <View key={p._id} className='card' onClick={() => go(links.projectEdit({ projectId: p._id }))}>
          <View className='row'>
            <Text className='card__title'>{p.name}</Text>
            <Text className={`tag ${p.status === 'active' ? '' : 'tag--done'}`}>{STATUS[p.status]}</Text>
          </View>
          <Text className='muted'>{p.enterpriseName} · {p.bound ? '已绑定项目群' : '未绑定项目群'}</Text>
          <Text className='admin__link' onClick={(e) => { e.stopPropagation(); go(links.board({ projectId: p._id })) }}>项目看板 ›</Text>
        </View>
      ))}
      {list.error ? <ErrorState error={list.error} onRetry={() => void list.refresh()} /> : list.loading ? <Loading /> : list.items.length === 0 ? <EmptyState title='还没有项目' /> : <Text className='more'>{list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>}
    </Screen>
  )
}
