/**
 * Raising an issue. The draft lives on the device until it is sent; its clientRequestId is made once
 * per draft, so a retried submit (or a double tap) can never create two issues.
 */
import Taro from '@tarojs/taro'
import { call } from '../../api'
import { showError } from '../../components/States'
import { RaiseInputSchema } from '../../domain/issue/schemas'
import { parseOrRefuse } from '../../domain/messages/describe'
import { CATEGORIES } from '../../domain/issue/sla'
import { links } from '../../domain/links'
import type { Urgency } from '../../domain/types'
import { useAction } from '../../hooks/useAction'
import { useDraft } from '../../hooks/useDraft'
import { redirect } from '../../hooks/useLink'
import { askToSubscribe } from '../../platform/subscribe'
import { useWhoAmI } from '../../hooks/useWhoAmI'
import { randomId } from '../../platform/seamApi'

export interface RaiseDraft {
  category: string
  title: string
  description: string
  photos: string[]
  urgency: Urgency
  clientRequestId: string
}

export const freshRaiseDraft = (): RaiseDraft => ({
  category: '',
  title: '',
  description: '',
  photos: [],
  urgency: 'normal',
  clientRequestId: randomId(24),
})

/** The body issues.raise receives for this draft. */
export const raiseOf = (p: { projectId: string; source: 'group' | 'visit'; visitId?: string }, d: RaiseDraft) => ({
  projectId: p.projectId,
  source: p.source,
  ...(p.visitId ? { visitId: p.visitId } : {}),
  category: d.category,
  title: d.title.trim(),
  description: d.description.trim(),
  photos: d.photos,
  urgency: d.urgency,
  clientRequestId: d.clientRequestId,
})

/** Why the draft cannot be sent yet (the function's own schema, in its words), or undefined. */
export function validateRaise(p: Parameters<typeof raiseOf>[0], d: RaiseDraft): string | undefined {
  if (!CATEGORIES.some((c) => c.id === d.category)) return '请选择问题类别'
  const parsed = parseOrRefuse(RaiseInputSchema, raiseOf(p, d))
  return parsed.ok ? undefined : parsed.error.message
}

export function useRaise(p: { projectId: string; source: 'group' | 'visit'; visitId?: string }) {
  const key = `raise:${p.projectId}:${p.visitId ?? p.source}`
  const draft = useDraft<RaiseDraft>(key, freshRaiseDraft)
  const who = useWhoAmI()

  const submit = useAction(async () => {
    const problem = validateRaise(p, draft.draft)
    if (problem) {
      void Taro.showToast({ title: problem, icon: 'none' })
      return
    }
    // Subscribe first, inside the tap: WeChat refuses the request once the tap's turn has passed.
    const subscribed = askToSubscribe(who.data, ['status'])
    const d = draft.draft
    try {
      await subscribed
      const detail = await call('issues', 'raise', raiseOf(p, d))
      draft.clear()
      void Taro.showToast({ title: '已提交', icon: 'success' })
      redirect(links.issue({ id: detail.issue._id }))
    } catch (e) {
      showError(e) // the draft (and its clientRequestId) stays for a retry
    }
  })

  return { ...draft, submit }
}
