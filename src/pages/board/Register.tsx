/** A group member who has not yet said who they are registers as the project's liaison. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Btn } from '../../components/Buttons'
import { Field, TextInput } from '../../components/Fields'
import { showError } from '../../components/States'
import { useAction } from '../../hooks/useAction'

export function Register(props: { onRegister: (input: { name: string; phone: string }) => Promise<void> }) {
  const [form, setForm] = useState({ name: '', phone: '' })
  const submit = useAction(async () => {
    try {
      await props.onRegister(form)
      void Taro.showToast({ title: '登记成功', icon: 'success' })
    } catch (e) {
      showError(e)
    }
  })
  return (
    <View className='card'>
      <Text className='card__title'>登记为企业联络员</Text>
      <Text className='muted'>登记后可反映问题、跟进办理并确认评价。电话仅服务专班可见，部门看到的是隐去中间四位的号码。</Text>
      <Field label='姓名'>
        <TextInput name='name' value={form.name} maxlength={20} onChange={(name) => setForm({ ...form, name })} />
      </Field>
      <Field label='手机号'>
        <TextInput name='phone' type='number' value={form.phone} maxlength={11} onChange={(phone) => setForm({ ...form, phone })} />
      </Field>
      <Btn block pending={submit.pending} onTap={() => void submit.run()}>
        登记
      </Btn>
    </View>
  )
}
