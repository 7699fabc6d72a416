/** 组织与邀请: service teams, departments, invite codes, people. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../../api'
import { Async } from '../../../components/Async'
import { Screen } from '../../../components/Screen'
import { usePullRefresh, useQuery } from '../../../hooks/useQuery'
import { Invites } from './Invites'
import { Departments } from './Departments'
import { People, Teams } from './Lists'
import '../../admin.scss'

const TABS = [
  { key: 'teams', label: '专班' },
  { key: 'departments', label: '部门' },
  { key: 'invites', label: '邀请' },
  { key: 'people', label: '人员' },
] as const

export default function Org() {
  const [tab, setTab] = useState<(typeof TABS)[number]['key']>('invites')
  const q = useQuery(async () => {
    const [teams, departments] = await Promise.all([call('org', 'listTeams', {}), call('org', 'listDepartments', {})])
    return { teams, departments }
  }, [])
  usePullRefresh(q.reload)
  return (
    <Screen className='admin'>
      <View className='admin__tabs'>
        {TABS.map((t) => (
          <Text key={t.key} className={`admin__tab ${tab === t.key ? 'admin__tab--on' : ''}`} onClick={() => setTab(t.key)}>{t.label}</Text>
        ))}
      </View>
      <Async query={q}>
        {(d) =>
          tab === 'teams' ? <Teams teams={d.teams} onChanged={() => void q.reload()} /> :
          tab === 'departments' ? <Departments departments={d.departments} onChanged={() => void q.reload()} /> :
          tab === 'invites' ? <Invites teams={d.teams} departments={d.departments} /> : <People />
        }
      </Async>
    </Screen>
  )
}
