import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Btn } from '../../../components/Buttons'
import { Chips, TextInput } from '../../../components/Fields'
import type { Attendee } from '../../../domain/types'

const SIDES = [
  { value: 'government' as const, label: '政府方' },
  { value: 'enterprise' as const, label: '企业方' },
]

/** Who took part: government and enterprise side. */
export function Attendees(props: { value: Attendee[]; onChange: (a: Attendee[]) => void }) {
  const [row, setRow] = useState<Attendee>({ name: '', side: 'enterprise', title: '' })
  const add = () => {
    if (!row.name.trim()) return
    props.onChange([...props.value, { ...row, name: row.name.trim(), title: row.title?.trim() ?? '' }])
    setRow({ ...row, name: '', title: '' })
  }
  return (
    <View>
      {props.value.map((a, i) => (
        <View key={`${a.name}-${i}`} className='work__attendee'>
          <Text>
            {a.name}
            {a.title ? `（${a.title}）` : ''} · {a.side === 'government' ? '政府方' : '企业方'}
          </Text>
          <Text className='muted' onClick={() => props.onChange(props.value.filter((_, j) => j !== i))}>删除</Text>
        </View>
      ))}
      <View className='work__add'>
        <Chips options={SIDES} value={[row.side]} onChange={([side]) => setRow({ ...row, side })} />
        <TextInput name='attendeeName' value={row.name} maxlength={20} placeholder='姓名' onChange={(name) => setRow({ ...row, name })} />
        <TextInput name='attendeeTitle' value={row.title ?? ''} maxlength={30} placeholder='职务（选填）' onChange={(title) => setRow({ ...row, title })} />
        <Btn small kind='ghost' onTap={add}>添加参加人</Btn>
      </View>
    </View>
  )
}
