/** 办理情况通报: the month's (or quarter's) bulletin, each figure one tap from its issues, and its Word document. */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../../api'
import type { Input, Output } from '../../../api'
import { Async } from '../../../components/Async'
import { Btn } from '../../../components/Buttons'
import { Chips } from '../../../components/Fields'
import { Screen } from '../../../components/Screen'
import { showError } from '../../../components/States'
import { formatDateTime } from '../../../components/format'
import { BULLETIN_KEY } from '../../../domain/bulletin/period'
import { links } from '../../../domain/links'
import { useAction } from '../../../hooks/useAction'
import { useLink } from '../../../hooks/useLink'
import { usePullRefresh, useQuery } from '../../../hooks/useQuery'
import { platform } from '../../../platform/seam'
import { Boards, Hotspots, Ranking, Supervision, Teams, Zone } from './Sections'
import '../../admin.scss'
import './bulletin.scss'

type Period = Input<'dashboard', 'bulletin'>['period']
type Doc = NonNullable<Output<'dashboard', 'bulletin'>['document']>

const KINDS = [{ value: 'month' as const, label: '月度' }, { value: 'quarter' as const, label: '季度' }]

async function open(url: string) {
  try {
    await platform.openDocument(url)
  } catch {
    void Taro.setClipboardData({ data: url })
  }
}

export default function BulletinPage() {
  const p = useLink(links.bulletin)
  const [period, setPeriod] = useState<Period>(p?.period && BULLETIN_KEY.test(p.period) ? p.period : { kind: 'month', previous: true })
  const [doc, setDoc] = useState<Doc | null>(null)
  const q = useQuery(() => call('dashboard', 'bulletin', { period }), [JSON.stringify(period)])
  usePullRefresh(q.reload)
  const show = (next: Period) => { setDoc(null); setPeriod(next) }
  const write = useAction(async () => {
    try {
      const v = await call('dashboard', 'bulletin', { period: q.data?.key ?? period, document: true })
      setDoc(v.document ?? null)
    } catch (e) {
      showError(e)
    }
  })
  const kind = q.data?.kind ?? (typeof period === 'string' ? (period.includes('Q') ? 'quarter' : 'month') : period.kind)

  return (
    <Screen className='admin'>
      <View className='admin__bar'>
        <Chips options={KINDS} value={[kind]} onChange={([k]) => show({ kind: k, previous: true })} />
      </View>
      <Async query={q}>
        {(b) => (
          <>
            <View className='bul__nav'>
              <Text className='bul__step' onClick={() => show(b.previous.key)}>‹</Text>
              <Text className='bul__period'>{b.label}</Text>
              <Text className={`bul__step ${b.nextKey ? '' : 'bul__step--off'}`} onClick={() => b.nextKey && show(b.nextKey)}>›</Text>
            </View>
            <View className='card'>
              <Text className='card__title'>{b.title}</Text>
              <Text className='bul__summary'>{b.summary}</Text>
              <Text className='bul__note'>数据截至 {formatDateTime(b.now)}；逾期与督办为当时情况</Text>
            </View>
            <View className='card admin__form'>
              {b.prepared && (
                <>
                  <Text className='muted'>本期通报已于 {formatDateTime(b.prepared.at)} 生成</Text>
                  <Btn block kind='ghost' onTap={() => void open(b.prepared!.tempFileURL)}>打开已生成的通报</Btn>
                </>
              )}
              {doc ? (
                <>
                  <Text className='muted'>通报文档已生成（{Math.ceil(doc.bytes / 1024)} KB，不含电话号码）</Text>
                  <Btn block onTap={() => void open(doc.tempFileURL)}>打开通报</Btn>
                </>
              ) : (
                <Btn block pending={write.pending} onTap={() => void write.run()}>生成通报文档（Word）</Btn>
              )}
            </View>
            <Zone b={b} />
            <Ranking b={b} />
            <Boards b={b} />
            <Supervision b={b} />
            <Teams b={b} />
            <Hotspots b={b} />
          </>
        )}
      </Async>
    </Screen>
  )
}
