/** 督办 an issue from a list: a reason, then one command. */
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../api'
import { Btn } from '../../components/Buttons'
import { Field, TextArea } from '../../components/Fields'
import { Sheet } from '../../components/Sheet'
import { showError } from '../../components/States'
import { SuperviseSchema } from '../../domain/issue/schemas'
import { parseOrRefuse } from '../../domain/messages/describe'
import type { IssueCard } from '../../domain/views'
import { useAction } from '../../hooks/useAction'
import { randomId } from '../../platform/seamApi'

export function SuperviseSheet(props: { card: IssueCard; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('')
  const [requestId] = useState(() => randomId(24))
  const send = useAction(async () => {
    const command = parseOrRefuse(SuperviseSchema, { action: 'supervise', reason })
    if (!command.ok) return void Taro.showToast({ title: command.error.message, icon: 'none' })
    try {
      await call('issues', 'act', { issueId: props.card._id, expectedVersion: props.card.version, clientRequestId: requestId, command: command.value })
      void Taro.showToast({ title: '已督办', icon: 'success' })
      props.onDone()
      props.onClose()
    } catch (e) {
      showError(e)
    }
  })
  return (
    <Sheet title={`督办：${props.card.title}`} onClose={props.onClose}>
      <Field label='督办理由'>
        <TextArea name='reason' value={reason} limit={500} onChange={setReason} />
      </Field>
      <View className='sheet__actions'>
        <Btn pending={send.pending} onTap={() => void send.run()}>确认督办</Btn>
      </View>
    </Sheet>
  )
}
