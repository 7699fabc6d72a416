/** Departments with their contacts: tap one to edit it in place, or add a new one. */
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Btn } from '../../../components/Buttons'
import { Field, TextInput } from '../../../components/Fields'
import type { Department } from '../../../domain/types'
import { useDepartmentForm } from './useDepartmentForm'

const NEW = '__new__'

function DepartmentEditor(props: { department?: Department; onDone: (saved: boolean) => void }) {
  const { form, set, error, save } = useDepartmentForm(props.department, () => props.onDone(true))
  return (
    <View className='admin__form admin__edit'>
      <Field label='部门名称'><TextInput name='departmentName' value={form.name} maxlength={30} onChange={(name) => set({ name })} /></Field>
      <Field label='联系人'><TextInput name='contactName' value={form.contactName} maxlength={20} onChange={(contactName) => set({ contactName })} /></Field>
      <Field label='联系电话' error={error}>
        <TextInput name='contactPhone' value={form.contactPhone} maxlength={13} onChange={(contactPhone) => set({ contactPhone })} />
      </Field>
      <View className='row'>
        <Btn small kind='ghost' onTap={() => props.onDone(false)}>取消</Btn>
        <Btn small pending={save.pending} onTap={() => void save.run()}>保存</Btn>
      </View>
    </View>
  )
}

export function Departments(props: { departments: Department[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<string | null>(null)
  const done = (saved: boolean) => {
    setEditing(null)
    if (saved) props.onChanged()
  }
  return (
    <View className='card'>
      {props.departments.map((d) =>
        editing === d._id ? (
          <DepartmentEditor key={d._id} department={d} onDone={done} />
        ) : (
          <View key={d._id} className='admin__item' onClick={() => setEditing(d._id)}>
            <Text>{d.name}</Text>
            <Text className='muted'>
              {d.contactName ? `联系人 ${d.contactName} ${d.contactPhone ?? ''}` : '未填联系人'} · {d.handlerCount ? `经办人 ${d.handlerCount} 位` : '暂无经办人（由服务专员代为答复）'}
            </Text>
          </View>
        ),
      )}
      {editing === NEW ? (
        <DepartmentEditor onDone={done} />
      ) : (
        <View className='admin__form'>
          <Btn small kind='ghost' onTap={() => setEditing(NEW)}>新增部门</Btn>
        </View>
      )}
    </View>
  )
}
