import { Text, View } from '@tarojs/components'
import { Btn } from '../../../components/Buttons'
import { Chips, Field, TextInput } from '../../../components/Fields'
import { Screen } from '../../../components/Screen'
import { ErrorState, Loading } from '../../../components/States'
import { links } from '../../../domain/links'
import { useLink } from '../../../hooks/useLink'
import { History, Unbind } from './GroupSection'
import { useProjectForm } from './useProjectForm'
import '../../admin.scss'

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'].map((label, i) => ({ value: String(i + 1), label }))
const STATUSES = [
  { value: 'active' as const, label: '服务中' },
  { value: 'paused' as const, label: '暂停' },
  { value: 'archived' as const, label: '归档' },
]

export default function ProjectEdit() {
  const { projectId } = useLink(links.projectEdit) ?? {}
  const { form, setForm, teams, existing, save } = useProjectForm(projectId || undefined)
  if (projectId && existing.error) return <Screen><ErrorState error={existing.error} onRetry={() => void existing.reload()} /></Screen>
  if (projectId && !existing.data) return <Screen><Loading /></Screen>
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch })
  const setContact = (i: number, patch: Record<string, string>) => set({ contacts: form.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) })
  return (
    <Screen className='admin'>
      <View className='card admin__form'>
        <Field label='企业名称'><TextInput name='enterpriseName' value={form.enterpriseName} maxlength={50} onChange={(enterpriseName) => set({ enterpriseName })} /></Field>
        <Field label='项目名称'><TextInput name='name' value={form.name} maxlength={50} onChange={(name) => set({ name })} /></Field>
        <Field label='地址'><TextInput name='address' value={form.address} maxlength={100} onChange={(address) => set({ address })} /></Field>
        <Field label='服务专班'>
          <Chips options={(teams.data ?? []).map((t) => ({ value: t._id, label: t.name }))} value={form.teamId ? [form.teamId] : []} onChange={([teamId]) => set({ teamId })} />
        </Field>
        <Field label='每周走访日'>
          <Chips options={WEEKDAYS} value={[String(form.visitWeekday)]} onChange={([d]) => set({ visitWeekday: Number(d) })} />
        </Field>
        {projectId && <Field label='状态'><Chips options={STATUSES} value={[form.status]} onChange={([status]) => set({ status })} /></Field>}
        <Field label='企业联系人'>
          {form.contacts.map((c, i) => (
            <View key={i} className='admin__item'>
              <TextInput value={c.name} maxlength={20} placeholder='姓名' onChange={(name) => setContact(i, { name })} />
              <TextInput value={c.title ?? ''} maxlength={30} placeholder='职务' onChange={(title) => setContact(i, { title })} />
              <TextInput value={c.phone ?? ''} type='number' maxlength={13} placeholder='电话' onChange={(phone) => setContact(i, { phone })} />
              <Text className='muted' onClick={() => set({ contacts: form.contacts.filter((_, j) => j !== i) })}>删除</Text>
            </View>
          ))}
          {form.contacts.length < 10 && <Btn small kind='ghost' onTap={() => set({ contacts: [...form.contacts, { name: '', title: '', phone: '' }] })}>添加联系人</Btn>}
        </Field>
        <Btn block pending={save.pending} onTap={() => void save.run()}>保存</Btn>
      </View>
      {existing.data?.openGId && <Unbind project={existing.data} onUnbound={existing.setData} />}
      {existing.data && <History history={existing.data.history ?? []} />}
    </Screen>
  )
}
