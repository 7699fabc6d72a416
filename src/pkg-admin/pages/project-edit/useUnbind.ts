/** 解绑微信群: a required reason, a confirm modal, then projects.unbindGroup (the updated project comes back). */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../../api'
import { showError } from '../../../components/States'
import { parseOrRefuse } from '../../../domain/messages/describe'
import { unbindGroupInput } from '../../../domain/schemas/projects'
import type { Project } from '../../../domain/types'
import { useAction } from '../../../hooks/useAction'

export function useUnbind(projectId: string, onUnbound: (p: Project) => void) {
  const [reason, setReason] = useState('')
  const unbind = useAction(async () => {
    const checked = parseOrRefuse(unbindGroupInput, { projectId, reason: reason.trim() })
    if (!checked.ok) return void Taro.showToast({ title: checked.error.message, icon: 'none' })
    const { confirm } = await Taro.showModal({ title: '解绑微信群', content: '解绑后该群的卡片不再打开本项目，需重新分享卡片到新群完成绑定。确定解绑？', confirmText: '解绑', confirmColor: '#cf1322' })
    if (!confirm) return
    try {
      onUnbound(await call('projects', 'unbindGroup', checked.value))
      setReason('')
      void Taro.showToast({ title: '已解绑', icon: 'success' })
    } catch (e) {
      showError(e)
    }
  })
  return { reason, setReason, unbind }
}
