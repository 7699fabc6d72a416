/**
 * One issue: its detail, and acting on it with the version the user saw. A CONFLICT (someone acted
 * first) refreshes the page; a 部分解决/未解决 + 满意 confirmation asks once and resends on purpose.
 */
import Taro from '@tarojs/taro'
import { ApiError, call, describeError } from '../../api'
import type { IssueDetail } from '../../domain/contract/issues'
import { RATING_NAMES, RESOLUTION_NAMES } from '../../domain/issue/labels'
import type { UserCommandInput } from '../../domain/issue/schemas'
import { showError } from '../../components/States'
import { usePullRefresh, useQuery } from '../../hooks/useQuery'
import { randomId } from '../../platform/seamApi'

export const mismatchQuestion = (resolution: keyof typeof RESOLUTION_NAMES, rating: keyof typeof RATING_NAMES) =>
  `您选择了「${RESOLUTION_NAMES[resolution]}」却评价「${RATING_NAMES[rating]}」，确认提交吗？`

export function useIssue(issueId: string) {
  const detail = useQuery(() => call('issues', 'get', { issueId }), [issueId], { enabled: !!issueId })
  usePullRefresh(() => detail.reload())

  const send = (command: UserCommandInput, current: IssueDetail, clientRequestId: string) =>
    call('issues', 'act', { issueId, expectedVersion: current.issue.version, clientRequestId, command })

  /**
   * Resolves true when the command went through. `requestId` names this attempt: the sheet keeps it
   * while it is open, so a retry after a lost reply is answered, never applied twice.
   */
  const act = async (command: UserCommandInput, requestId: string = randomId(24)): Promise<boolean> => {
    const current = detail.data
    if (!current) return false
    try {
      detail.setData(await send(command, current, requestId))
      void Taro.showToast({ title: '已提交', icon: 'success' })
      return true
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFIRMATION_MISMATCH' && command.action === 'confirm') {
        const { confirm } = await Taro.showModal({ title: '请确认', content: mismatchQuestion(command.resolution, command.rating), confirmText: '确认提交', cancelText: '再改改' })
        if (!confirm) return false
        return act({ ...command, acknowledgeMismatch: true }, requestId)
      }
      if (e instanceof ApiError && (e.code === 'CONFLICT' || e.code === 'INVALID_TRANSITION')) {
        void Taro.showToast({ title: describeError(e).title, icon: 'none' })
        await detail.reload()
        return true
      }
      showError(e)
      return false
    }
  }

  return { detail, act }
}
