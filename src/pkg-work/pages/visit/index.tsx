/** 走访记录: check in, attendees, minutes, photos, 回头看 on open issues, issues raised during the visit. */
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { Async } from '../../../components/Async'
import { Btn } from '../../../components/Buttons'
import { Field, TextArea } from '../../../components/Fields'
import { PhotoPicker } from '../../../components/PhotoPicker'
import { Screen } from '../../../components/Screen'
import { formatDateTime } from '../../../components/format'
import { go, useLink } from '../../../hooks/useLink'
import { links } from '../../../domain/links'
import { VISIT_TEXT_LIMITS } from '../../../domain/visits'
import { Attendees } from './Attendees'
import { useVisitLog } from './useVisitLog'
import '../../work.scss'

export default function VisitPage() {
  const { visitId = '' } = useLink(links.visit) ?? {}
  const log = useVisitLog(visitId)
  const { draft, update } = log
  // Back from raising an issue during the visit: both the visit and the project's open issues (回头看) changed.
  useDidShow(() => {
    if (log.visit.data) void log.visit.reload()
    if (log.board.data) void log.board.reload()
  })

  return (
    <Screen className='work'>
      <Async query={log.visit}>
        {(v) => (
          <>
            <View className='card'>
              <Text className='card__title'>{v.weekKey} 走访 · 计划 {v.plannedDate}</Text>
              {v.status === 'done' && <Text className='tag tag--done'>已完成 {v.completedAt ? formatDateTime(v.completedAt) : ''}</Text>}
              {v.status === 'done' && <Text className='work__link' onClick={() => go(links.visitRecord({ visitId: v._id }))}>查看走访记录 ›</Text>}
              {v.agendaDraft.length > 0 && <Text className='muted'>议程建议：{v.agendaDraft.join('；')}</Text>}
            </View>
            {log.resumed && v.status !== 'done' && <View className='notice'>已恢复本机保存的走访草稿</View>}
            {log.submitFailed && <View className='notice notice--error'>提交失败，草稿已保存在本机，网络恢复后可再次提交</View>}
            {v.status !== 'done' && (
              <>
                <View className='card'>
                  <Field label='签到'>
                    {draft.checkIn ? (
                      <Text>
                        已签到 {formatDateTime(draft.checkIn.at)} · 精度 {draft.checkIn.accuracy ?? '—'} 米
                      </Text>
                    ) : (
                      <Btn small pending={log.checkIn.pending} onTap={() => void log.checkIn.run()}>定位签到</Btn>
                    )}
                  </Field>
                  <Field label='参加人'>
                    <Attendees value={draft.attendees} onChange={(attendees) => update({ attendees })} />
                  </Field>
                  <Field label='走访纪要'>
                    <TextArea name='minutes' value={draft.minutes} limit={VISIT_TEXT_LIMITS.minutes} placeholder='交流内容、企业经营情况、诉求与答复' onChange={(minutes) => update({ minutes })} />
                  </Field>
                  <Field label='照片'>
                    <PhotoPicker folder='visits' value={draft.photos} onChange={(photos) => update({ photos })} />
                  </Field>
                </View>
                <Text className='section'>回头看：项目未办结的问题</Text>
                <Async query={log.board} empty={(b) => b.openIssues.length === 0} emptyTitle='项目没有未办结的问题'>
                  {(b) =>
                    b.openIssues.map((i) => (
                      <View key={i._id} className='card'>
                        <Text>{i.title}</Text>
                        <Text className='muted'>{i.label}</Text>
                        <TextArea name={`followUp-${i._id}`} value={draft.followUps[i._id] ?? ''} limit={VISIT_TEXT_LIMITS.followUpNote} placeholder='本次走访了解到的进展（写入该问题的办理过程）' onChange={(note) => update((d) => ({ ...d, followUps: { ...d.followUps, [i._id]: note } }))} />
                      </View>
                    ))
                  }
                </Async>
              </>
            )}
            <View className='card'>
              <Text className='card__title'>本次走访提出的问题（{v.issueIds.length}）</Text>
              {v.issues.map((i) => (
                <Text key={i._id} className='work__link' onClick={() => go(links.issue({ id: i._id }))}>{i.caseNo} {i.title} · {i.label} ›</Text>
              ))}
              {v.status !== 'done' && (
                <Btn small kind='ghost' onTap={() => go(links.raise({ projectId: v.projectId, source: 'visit', visitId: v._id }))}>记录企业提出的问题</Btn>
              )}
            </View>
            {v.status !== 'done' && (
              <View className='work__submit'>
                <Btn block pending={log.submit.pending} onTap={() => void log.submit.run()}>提交走访记录</Btn>
              </View>
            )}
          </>
        )}
      </Async>
    </Screen>
  )
}
