/** The project's WeChat group (解绑 with a reason) and its history: 绑定 / 解绑 / 修改, newest first. */
import { Text, View } from '@tarojs/components'
import { Btn } from '../../../components/Buttons'
import { Field, TextArea } from '../../../components/Fields'
import { formatDateTime } from '../../../components/format'
import type { Project, ProjectHistoryEntry } from '../../../domain/types'
import { useUnbind } from './useUnbind'

const WHAT: Record<ProjectHistoryEntry['what'], string> = { created: '创建', group_bound: '绑定微信群', group_unbound: '解绑微信群', updated: '修改' }
const HISTORY_SHOWN = 30

export function Unbind(props: { project: Project; onUnbound: (p: Project) => void }) {
  const { reason, setReason, unbind } = useUnbind(props.project._id, props.onUnbound)
  return (
    <View className='card admin__form'>
      <Text className='card__title'>项目群</Text>
      <Text className='muted'>本项目已绑定微信群。群解散或绑错群时可解绑，解绑后重新分享卡片到新群即可绑定。</Text>
      <Field label='解绑原因（必填）'>
        <TextArea name='unbindReason' value={reason} limit={200} placeholder='如：原项目群已解散' onChange={setReason} />
      </Field>
      <Btn block kind='danger' pending={unbind.pending} onTap={() => void unbind.run()}>解绑微信群</Btn>
    </View>
  )
}

export function History(props: { history: ProjectHistoryEntry[] }) {
  const entries = [...props.history].sort((a, b) => b.at - a.at).slice(0, HISTORY_SHOWN)
  if (entries.length === 0) return null
  return (
    <View className='card'>
      <Text className='card__title'>项目记录</Text>
      {entries.map((h, i) => (
        <View key={`${h.at}-${i}`} className='admin__item'>
          <Text>{WHAT[h.what] ?? h.what}{h.note ? `：${h.note}` : ''}</Text>
          <Text className='muted'>{formatDateTime(h.at)}</Text>
        </View>
      ))}
    </View>
  )
}
