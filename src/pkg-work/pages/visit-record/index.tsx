/**
 * 走访记录 (read mode): who, when, where, attendees, minutes, photos, issues raised, 回头看. The page
 * shows what the reply holds: the function leaves out every part the reader may not see (a liaison
 * receives attendees and minutes only), so nothing here decides who sees what.
 */
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Async } from '../../../components/Async'
import { Screen } from '../../../components/Screen'
import { VISIT_STATUS } from '../../../components/VisitCard'
import { formatDateTime } from '../../../components/format'
import { formatDistance } from '../../../domain/geo'
import { STATE_LABELS } from '../../../domain/issue/labels'
import type { CheckInView, IssueRef, VisitRecord } from '../../../domain/visitRecord'
import { links } from '../../../domain/links'
import { go, useLink } from '../../../hooks/useLink'
import { useVisitRecord } from './useVisitRecord'
import '../../work.scss'
import './index.scss'

const SIDE_NAMES = { government: '政府方', enterprise: '企业方' } as const

function CheckIn(props: { checkIn: CheckInView }) {
  const c = props.checkIn
  return (
    <View className='card'>
      <Text className='card__title'>签到地点</Text>
      <Text>签到于 {formatDateTime(c.at)}{c.accuracy !== undefined ? ` · 定位精度 ${Math.round(c.accuracy)} 米` : ''}</Text>
      {c.distanceMeters === undefined ? (
        <Text className='muted record__line'>项目未设置位置，无法计算签到距离</Text>
      ) : (
        <Text className='record__line'>距项目地址 {formatDistance(c.distanceMeters)}</Text>
      )}
      {c.far && <Text className='tag tag--supervised record__far'>签到地点距项目超过 {formatDistance(c.farMeters ?? 1000)}</Text>}
      <Text className='muted record__line'>{c.latitude.toFixed(5)}, {c.longitude.toFixed(5)}</Text>
    </View>
  )
}

function IssueLink(props: { issue: IssueRef; viewer: VisitRecord['viewer'] }) {
  const i = props.issue
  return (
    <View className='record__issue' onClick={() => go(links.issue({ id: i._id }))}>
      <Text className='record__case'>{i.caseNo}</Text>
      <Text className='record__title'>{i.title}</Text>
      <Text className='muted'>{STATE_LABELS[i.state][props.viewer]} ›</Text>
    </View>
  )
}

function Record(props: { r: VisitRecord }) {
  const r = props.r
  const urls = (r.photos ?? []).flatMap((p) => (p.url ? [p.url] : []))
  return (
    <>
      <View className='card'>
        <View className='row'>
          <Text className='card__title'>{r.weekKey} 走访</Text>
          <Text className={`tag ${r.status === 'done' ? 'tag--done' : r.status === 'missed' ? 'tag--supervised' : ''}`}>{VISIT_STATUS[r.status]}</Text>
        </View>
        <Text>{r.enterpriseName} · {r.projectName}</Text>
        <Text className='muted record__line'>{r.completedAt ? `完成于 ${formatDateTime(r.completedAt)}` : `计划 ${r.plannedDate}`}</Text>
        {r.author && (
          <Text className='muted record__line'>
            {r.author.teamName}
            {r.author.completedBy ? ` · ${r.author.completedBy} 提交` : ''}
          </Text>
        )}
      </View>
      {r.status !== 'done' && <View className='notice'>本周走访尚未完成，完成后这里显示走访记录</View>}
      {r.checkIn && <CheckIn checkIn={r.checkIn} />}
      {r.attendees && r.attendees.length > 0 && (
        <View className='card'>
          <Text className='card__title'>参加人（{r.attendees.length}）</Text>
          {r.attendees.map((a, n) => (
            <Text key={`${a.name}-${n}`} className='record__attendee'>
              {a.name}
              {a.title ? `（${a.title}）` : ''} · {SIDE_NAMES[a.side]}
            </Text>
          ))}
        </View>
      )}
      {r.minutes && (
        <View className='card'>
          <Text className='card__title'>走访纪要</Text>
          <Text className='record__minutes'>{r.minutes}</Text>
        </View>
      )}
      {r.photos && r.photos.length > 0 && (
        <View className='card'>
          <Text className='card__title'>照片（{r.photos.length}）</Text>
          <View className='photos'>
            {r.photos.map((p) =>
              p.url ? (
                <Image key={p.id} className='photos__img photos__item' src={p.url} mode='aspectFill' onClick={() => void Taro.previewImage({ urls, current: p.url! }).catch(() => undefined)} />
              ) : (
                <View key={p.id} className='photos__item record__gone'><Text className='muted'>照片已失效</Text></View>
              ),
            )}
          </View>
        </View>
      )}
      {r.issuesRaised && r.issuesRaised.length > 0 && (
        <View className='card'>
          <Text className='card__title'>本次走访提出的问题（{r.issuesRaised.length}）</Text>
          {r.issuesRaised.map((i) => <IssueLink key={i._id} issue={i} viewer={r.viewer} />)}
        </View>
      )}
      {r.followUps && r.followUps.length > 0 && (
        <View className='card'>
          <Text className='card__title'>回头看（{r.followUps.length}）</Text>
          {r.followUps.map((f) => (
            <View key={f.issue._id} className='record__follow'>
              <IssueLink issue={f.issue} viewer={r.viewer} />
              <Text className='record__note'>{f.note}</Text>
            </View>
          ))}
        </View>
      )}
    </>
  )
}

export default function VisitRecordPage() {
  const { visitId = '' } = useLink(links.visitRecord) ?? {}
  const record = useVisitRecord(visitId)
  return (
    <Screen className='work'>
      <Async query={record}>{(r) => <Record r={r} />}</Async>
    </Screen>
  )
}
