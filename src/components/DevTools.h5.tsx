/** H5 only: a floating persona switcher and the "从项目群打开" switch for the local demo and browser tests. */
import { Input, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { PERSONAS, cloudUrl, groupOpenGId, personaName, personaOpenid, reloadAtHome, setGroup, setPersona } from '../platform/dev/settings'
import { Sheet } from './Sheet'
import './devtools.scss'

interface DevGroup {
  openGId: string
  name: string
}

export function DevTools() {
  const [open, setOpen] = useState(false)
  const [groups, setGroups] = useState<DevGroup[] | null>(null)
  const [typed, setTyped] = useState('')
  const current = personaOpenid()
  const group = groupOpenGId()

  useEffect(() => {
    if (!open || groups) return
    fetch(`${cloudUrl()}/dev/groups`)
      .then((r) => r.json())
      .then((b) => setGroups(b.groups ?? []))
      .catch(() => setGroups([]))
  }, [open, groups])

  const switchPersona = (openid: string) => {
    setPersona(openid)
    reloadAtHome()
  }
  const switchGroup = (openGId: string) => {
    setGroup(openGId)
    reloadAtHome()
  }

  return (
    <>
      <View className='devtools__fab' onClick={() => setOpen(true)} data-testid='persona-switcher'>
        <Text>{personaName(current)}</Text>
        {group && <Text className='devtools__badge'>群</Text>}
      </View>
      {open && (
        <Sheet title='演示身份（仅本地调试）' onClose={() => setOpen(false)}>
          {PERSONAS.map((p) => (
            <View key={p.openid} className={`devtools__item ${p.openid === current ? 'devtools__item--on' : ''}`} onClick={() => switchPersona(p.openid)}>
              <Text>{p.name}</Text>
              <Text className='devtools__what'>{p.what}</Text>
            </View>
          ))}
          <View className='devtools__row'>
            <Input className='devtools__input' value={typed} placeholder='输入任意 openid' onInput={(e) => setTyped(e.detail.value)} />
            <Text className='devtools__go' onClick={() => typed.trim() && switchPersona(typed.trim())}>切换</Text>
          </View>
          <Text className='devtools__head'>从项目群打开</Text>
          <View className={`devtools__item ${group ? '' : 'devtools__item--on'}`} onClick={() => switchGroup('')}>
            <Text>不从群打开</Text>
          </View>
          {groups === null && <Text className='devtools__what'>读取群列表…</Text>}
          {(groups ?? []).map((g) => (
            <View key={g.openGId} className={`devtools__item ${g.openGId === group ? 'devtools__item--on' : ''}`} onClick={() => switchGroup(g.openGId)}>
              <Text>{g.name}</Text>
              <Text className='devtools__what'>{g.openGId.slice(0, 10)}…</Text>
            </View>
          ))}
          <Text className='devtools__what'>本地云：{cloudUrl()}</Text>
        </Sheet>
      )}
    </>
  )
}
