/** A first-time user: who they are, what each role does, and a field for an invite code. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Btn } from '../../components/Buttons'
import { Field, TextInput } from '../../components/Fields'
import { showError } from '../../components/States'
import { useAction } from '../../hooks/useAction'
import { acceptInvite } from './useHome'

export const ROLE_INTRO = [
  { role: '企业联络员', what: '在项目群里打开，反映诉求、跟进办理、确认并评价' },
  { role: '服务专员', what: '每周上门走访，记录纪要与照片，交办与督核诉求' },
  { role: '部门经办人', what: '签收交办到本部门的诉求，按时限办理并答复' },
  { role: '管理者', what: '查看响应率、解决率、满意率与走访覆盖率，督办超期诉求' },
]

export function RoleIntro() {
  return (
    <>
      {ROLE_INTRO.map((r) => (
        <View className='home__role' key={r.role}>
          <Text className='home__role-name'>{r.role}</Text>
          <Text className='home__role-what'>{r.what}</Text>
        </View>
      ))}
    </>
  )
}

export function Newcomer(props: { onJoined: () => void }) {
  const [form, setForm] = useState({ code: '', name: '', phone: '' })
  const submit = useAction(async () => {
    try {
      await acceptInvite(form)
      void Taro.showToast({ title: '已加入', icon: 'success' })
      props.onJoined()
    } catch (e) {
      showError(e)
    }
  })
  return (
    <>
      <View className='home__me'>
        <Text className='home__role-name'>您还没有加入任何项目或部门</Text>
        <Text className='home__role-what'>企业联络员请从项目群里的小程序卡片进入；政府工作人员请填写管理者发给您的邀请码。</Text>
      </View>
      <RoleIntro />
      <View className='card'>
        <Text className='card__title'>填写邀请码</Text>
        <Field label='邀请码（8 位）'>
          <TextInput name='code' value={form.code} maxlength={8} placeholder='如 AB12CD34' onChange={(code) => setForm({ ...form, code })} />
        </Field>
        <Field label='您的姓名'>
          <TextInput name='name' value={form.name} maxlength={20} onChange={(name) => setForm({ ...form, name })} />
        </Field>
        <Field label='手机号（选填）'>
          <TextInput name='phone' type='number' value={form.phone} maxlength={11} onChange={(phone) => setForm({ ...form, phone })} />
        </Field>
        <Btn block pending={submit.pending} onTap={() => void submit.run()}>
          加入
        </Btn>
      </View>
    </>
  )
}
