/** 解绑微信群: a required reason, a confirm modal, then projects.unbindGroup (the updated project comes back). */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../../api'
import { showError } from '../../../components/States'
import type { Project } from '../../../domain/types'
import { useAction } from '../../../hooks/useAction'

export function useUnbind(projectId: string, onUnbound: (p: Project) => void) {
  const [reason, setReason] = useState('')
  const unbind = useAction(async () => {
    if (!reason.trim()) return void Taro.showToast({ title: '请填写解绑原因', icon: 'none' })
    const { confirm } = await Taro.showModal({ title: '解绑微信群', content: '解绑后该群的卡片不再打开本项目，需重新分享卡片到新群完成绑定。确定解绑？', confirmText: '解绑', confirmColor: '#cf1322' })
    if (!confirm) return
    try {
      onUnbound(await call('projects', 'unbindGroup', { projectId, reason: reason.trim() }))
      setReason('')
      void Taro.showToast({ title: '已解绑', icon: 'success' })
    } catch (e) {
      showError(e)
    }
  })
  return { reason, setReason, unbind }
}
