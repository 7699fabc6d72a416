/**
 * Create an invite code for a service-team member, a department handler or a manager, and list codes:
 * usable ones first, each marked as the server judges it (已过期 / 已用完 on its clock); only a usable
 * code can be copied to send on.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../../api'
import type { InviteStatus, InviteView } from '../../../domain/contract/org'
import type { Department, Team } from '../../../domain/types'
import { Async } from '../../../components/Async'
import { Btn } from '../../../components/Buttons'
import { Chips, Field } from '../../../components/Fields'
import { showError } from '../../../components/States'
import { formatDay } from '../../../components/format'
import { useAction } from '../../../hooks/useAction'
import { useQuery } from '../../../hooks/useQuery'

const KINDS = [
  { value: 'staff' as const, label: '服务专员' },
  { value: 'handler' as const, label: '部门经办人' },
  { value: 'manager' as const, label: '管理者' },
]
export const KIND_NAMES = { staff: '服务专员', handler: '部门经办人', manager: '管理者' }
const STATUS_NAMES: Record<InviteStatus, string> = { active: '可用', expired: '已过期', used_up: '已用完' }

const copy = (code: string) => void Taro.setClipboardData({ data: code })

/** Usable codes first; the server's order (newest first) within each part. */
const usableFirst = (list: InviteView[]) => [...list.filter((i) => i.status === 'active'), ...list.filter((i) => i.status !== 'active')]

function InviteRow(props: { invite: InviteView }) {
  const i = props.invite
  const usable = i.status === 'active'
  return (
    <View className='admin__item' data-testid={`invite-${i.code}`}>
      <View className='row'>
        <Text className={usable ? '' : 'muted'}>{i.code} · {KIND_NAMES[i.kind]}</Text>
        <Text className={usable ? 'tag' : 'tag tag--done'}>{STATUS_NAMES[i.status]}</Text>
        {usable && <Text className='admin__link' onClick={() => copy(i.code)}>复制</Text>}
      </View>
      <Text className='muted'>
        已用 {i.used}/{i.maxUses} · {i.status === 'expired' ? `${formatDay(i.expiresAt)} 已过期` : `${formatDay(i.expiresAt)} 到期`}
      </Text>
    </View>
  )
}

export function Invites(props: { teams: Team[]; departments: Department[] }) {
  const [kind, setKind] = useState<InviteView['kind']>('staff')
  const [target, setTarget] = useState<string>('')
  const [created, setCreated] = useState<InviteView | null>(null)
  const list = useQuery(() => call('org', 'listInvites', {}), [])
  const create = useAction(async () => {
    try {
      const input =
        kind === 'staff' ? { kind, teamId: target } : kind === 'handler' ? { kind, departmentId: target } : { kind }
      if (kind !== 'manager' && !target) return void Taro.showToast({ title: kind === 'staff' ? '请选择专班' : '请选择部门', icon: 'none' })
      setCreated(await call('org', 'createInvite', input))
      void list.reload()
    } catch (e) {
      showError(e)
    }
  })
  const targets = kind === 'staff' ? props.teams.map((t) => ({ value: t._id, label: t.name })) : kind === 'handler' ? props.departments.map((d) => ({ value: d._id, label: d.name })) : []
  return (
    <>
      <View className='card admin__form'>
        <Field label='邀请加入为'>
          <Chips options={KINDS} value={[kind]} onChange={([k]) => { setKind(k); setTarget('') }} />
        </Field>
        {targets.length > 0 && (
          <Field label={kind === 'staff' ? '服务专班' : '部门'}>
            <Chips options={targets} value={target ? [target] : []} onChange={([t]) => setTarget(t)} />
          </Field>
        )}
        <Btn block pending={create.pending} onTap={() => void create.run()}>生成邀请码</Btn>
        {created && (
          <View>
            <Text className='admin__code' onClick={() => copy(created.code)}>{created.code}</Text>
            <Text className='muted'>把邀请码发给对方，在小程序首页填写即可加入（可用 {created.maxUses} 次，{formatDay(created.expiresAt)} 前有效；点邀请码可复制）</Text>
          </View>
        )}
      </View>
      <Text className='section'>已发出的邀请码</Text>
      <Async query={list} empty={(l) => l.length === 0} emptyTitle='还没有邀请码'>
        {(l) => (
          <View className='card'>
            {usableFirst(l).map((i) => <InviteRow key={i.code} invite={i} />)}
          </View>
        )}
      </Async>
    </>
  )
}
