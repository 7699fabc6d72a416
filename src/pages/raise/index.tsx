import { Text, View } from '@tarojs/components'
import { Btn } from '../../components/Buttons'
import { Chips, Field, TextArea, TextInput } from '../../components/Fields'
import { PhotoPicker } from '../../components/PhotoPicker'
import { Screen } from '../../components/Screen'
import { EmptyState } from '../../components/States'
import { TEXT_LIMITS } from '../../domain/issue/schemas'
import { CATEGORIES } from '../../domain/issue/sla'
import type { Urgency } from '../../domain/types'
import { links } from '../../domain/links'
import { useLink } from '../../hooks/useLink'
import { useRaise } from './useRaise'
import './index.scss'

const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c.id, label: c.name }))
const URGENCY_OPTIONS: { value: Urgency; label: string }[] = [
  { value: 'normal', label: '一般' },
  { value: 'urgent', label: '紧急（2 小时内签收）' },
]

function RaiseForm(props: { projectId: string; source: 'group' | 'visit'; visitId?: string }) {
  const { draft, update, resumed, submit } = useRaise(props)
  return (
    <View className='raise'>
      {resumed && <View className='notice'>已恢复您上次未提交的内容</View>}
      <View className='card'>
        <Field label='问题类别'>
          <Chips options={CATEGORY_OPTIONS} value={draft.category ? [draft.category] : []} onChange={([category]) => update({ category })} />
        </Field>
        <Field label='标题'>
          <TextInput name='title' value={draft.title} limit={TEXT_LIMITS.title} placeholder='一句话说明问题' onChange={(title) => update({ title })} />
        </Field>
        <Field label='问题描述'>
          <TextArea name='description' value={draft.description} limit={TEXT_LIMITS.description} placeholder='发生了什么、希望政府协调什么、有无时间要求' onChange={(description) => update({ description })} />
        </Field>
        <Field label={`照片（最多 9 张，已选 ${draft.photos.length} 张）`}>
          <PhotoPicker folder='issues' value={draft.photos} onChange={(photos) => update({ photos })} />
        </Field>
        <Field label='紧急程度'>
          <Chips options={URGENCY_OPTIONS} value={[draft.urgency]} onChange={([urgency]) => update({ urgency })} />
        </Field>
      </View>
      <View className='raise__submit'>
        <Btn block pending={submit.pending} onTap={() => void submit.run()}>
          提交
        </Btn>
        <Text className='muted'>提交后服务专班会在 1 个工作日内交办；办理进度将通过微信通知您。</Text>
      </View>
    </View>
  )
}

export default function Raise() {
  const p = useLink(links.raise)
  if (!p) return <Screen><EmptyState title='缺少项目' hint='请从项目看板进入' /></Screen>
  const source = p.source === 'visit' ? 'visit' : 'group'
  return (
    <Screen>
      <RaiseForm projectId={p.projectId} source={source} visitId={p.visitId || undefined} />
    </Screen>
  )
}
