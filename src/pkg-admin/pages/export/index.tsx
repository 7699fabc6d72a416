/** 导出报表: the period's issues and visits as an xlsx (no phone numbers). */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../../api'
import type { Output } from '../../../api'
import { Btn } from '../../../components/Buttons'
import { Chips } from '../../../components/Fields'
import { Screen } from '../../../components/Screen'
import { showError } from '../../../components/States'
import { useAction } from '../../../hooks/useAction'
import { platform } from '../../../platform/seam'
import { PERIOD_OPTIONS, type PeriodKind } from '../../../domain/period'
import '../../admin.scss'

export default function ExportPage() {
  const [kind, setKind] = useState<PeriodKind>('month')
  const [result, setResult] = useState<Output<'dashboard', 'export'> | null>(null)
  const run = useAction(async () => {
    setResult(null)
    try {
      setResult(await call('dashboard', 'export', { period: { kind } }))
    } catch (e) {
      showError(e)
    }
  })
  const open = async () => {
    if (!result) return
    try {
      await platform.openDocument(result.tempFileURL)
    } catch {
      void Taro.setClipboardData({ data: result.tempFileURL })
    }
  }
  return (
    <Screen className='admin'>
      <View className='card admin__form'>
        <Text className='card__title'>导出期间</Text>
        <Chips options={PERIOD_OPTIONS} value={[kind]} onChange={([k]) => { setKind(k); setResult(null) }} />
        <Btn block pending={run.pending} onTap={() => void run.run()}>生成报表</Btn>
      </View>
      {result && (
        <View className='card admin__form'>
          <Text className='card__title'>报表已生成</Text>
          <Text>问题 {result.issues} 件 · 走访 {result.visits} 次（不含电话号码）</Text>
          <Btn block onTap={() => void open()}>打开报表</Btn>
          <Text className='admin__link' onClick={() => void Taro.setClipboardData({ data: result.tempFileURL })}>复制下载链接</Text>
        </View>
      )}
    </Screen>
  )
}
