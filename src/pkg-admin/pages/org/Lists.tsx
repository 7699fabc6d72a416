/** Teams (with creation) and people (departments: Departments.tsx). */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { call } from '../../../api'
import { Async } from '../../../components/Async'
import { Btn } from '../../../components/Buttons'
import { TextInput } from '../../../components/Fields'
import { showError } from '../../../components/States'
import type { Team } from '../../../domain/types'
import { useAction } from '../../../hooks/useAction'
import { useQuery } from '../../../hooks/useQuery'
import { KIND_NAMES } from './Invites'

export function Teams(props: { teams: Team[]; onChanged: () => void }) {
  const [name, setName] = useState('')
  const create = useAction(async () => {
    if (!name.trim()) return
    try {
      await call('org', 'createTeam', { name: name.trim() })
      setName('')
      props.onChanged()
    } catch (e) {
      showError(e)
    }
  })
  return (
    <View className='card'>
      {props.teams.map((t) => (
        <View key={t._id} className='admin__item'><Text>{t.name}</Text></View>
      ))}
      <View className='admin__form'>
        <TextInput name='teamName' value={name} maxlength={30} placeholder='新专班名称' onChange={setName} />
        <Btn small kind='ghost' pending={create.pending} onTap={() => void create.run()}>新建专班</Btn>
      </View>
    </View>
  )
}

export function People() {
  const q = useQuery(() => call('org', 'listPeople', {}), [])
  return (
    <Async query={q} empty={(l) => l.length === 0} emptyTitle='还没有人员'>
      {(l) => (
        <View className='card'>
          {l.slice(0, 100).map((p) => (
            <View key={p.openid} className='admin__item'>
              <Text>{p.name}</Text>
              <Text className='muted'>{p.roles.map((r) => (r === 'liaison' ? '企业联络员' : KIND_NAMES[r])).join('、') || '无角色'}</Text>
            </View>
          ))}
        </View>
      )}
    </Async>
  )
}
