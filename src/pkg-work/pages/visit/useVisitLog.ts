/**
 * The visit log. The whole draft is written to the device on every change, so a crash, a lost
 * connection or a failed submit loses nothing; it is sent once, under one clientRequestId.
 */
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { call, serverNow } from '../../../api'
import { showError } from '../../../components/States'
import type { Attendee, GeoPoint } from '../../../domain/types'
import { useAction } from '../../../hooks/useAction'
import { useDraft } from '../../../hooks/useDraft'
import { useQuery } from '../../../hooks/useQuery'
import { platform } from '../../../platform/seam'
import { randomId } from '../../../platform/seamApi'
import { parseOrRefuse } from '../../../domain/messages/describe'
import { completeVisitInput } from '../../../domain/schemas/visits'
import { visitTextProblem } from '../../../domain/visits'

export interface VisitDraft {
  checkIn?: GeoPoint & { at: number }
  attendees: Attendee[]
  minutes: string
  photos: string[]
  /** 回头看: issueId → note. */
  followUps: Record<string, string>
  clientRequestId: string
}

export const freshVisitDraft = (): VisitDraft => ({ attendees: [], minutes: '', photos: [], followUps: {}, clientRequestId: randomId(24) })

/** The 回头看 notes worth sending: the non-empty ones, trimmed. */
export const followUpsOf = (d: VisitDraft) =>
  Object.entries(d.followUps)
    .filter(([, note]) => note.trim())
    .map(([issueId, note]) => ({ issueId, note: note.trim() }))

/** The body visits.complete receives for this draft. */
export const completionOf = (visitId: string, d: VisitDraft) => ({
  visitId,
  clientRequestId: d.clientRequestId,
  ...(d.checkIn ? { checkIn: { latitude: d.checkIn.latitude, longitude: d.checkIn.longitude, accuracy: d.checkIn.accuracy } } : {}),
  attendees: d.attendees,
  minutes: d.minutes.trim(),
  photos: d.photos,
  followUps: followUpsOf(d),
})

/**
 * Why the draft cannot be sent yet, or undefined: the function's own input schema first (the same
 * sentence it would answer), then the text limits it judges, naming the issue a note is about.
 */
export function validateVisit(visitId: string, d: VisitDraft, titleOf: (issueId: string) => string | undefined = () => undefined): string | undefined {
  const parsed = parseOrRefuse(completeVisitInput, completionOf(visitId, d))
  if (!parsed.ok) return parsed.error.message
  const { followUps } = parsed.value
  return visitTextProblem(parsed.value, (i) => {
    const title = titleOf(followUps[i].issueId)
    return title ? `「${title}」的记录` : `第 ${i + 1} 条`
  })
}

export function useVisitLog(visitId: string) {
  const visit = useQuery(() => call('visits', 'get', { visitId }), [visitId])
  const projectId = visit.data?.projectId
  const board = useQuery(() => call('projects', 'board', { projectId: projectId! }), [projectId], { enabled: !!projectId })
  const draft = useDraft<VisitDraft>(`visit:${visitId}`, freshVisitDraft)
  const [submitFailed, setSubmitFailed] = useState(false)

  const checkIn = useAction(async () => {
    try {
      const point = await platform.getLocation()
      draft.update({ checkIn: { ...point, at: serverNow() } })
      await call('visits', 'checkIn', { visitId, location: point }).catch(() => {
        void Taro.showToast({ title: '签到位置已保存，将随纪要一起提交', icon: 'none' })
      })
    } catch {
      void Taro.showToast({ title: '未能获取位置，请在设置中允许定位后重试', icon: 'none' })
    }
  })

  const submit = useAction(async () => {
    const d = draft.draft
    const problem = validateVisit(visitId, d, (id) => board.data?.openIssues.find((i) => i._id === id)?.title)
    // A modal, not a toast: the sentence (which text, how long, the limit) is longer than a toast shows.
    if (problem) return void Taro.showModal({ title: '暂不能提交', content: problem, showCancel: false })
    try {
      const done = await call('visits', 'complete', completionOf(visitId, d))
      draft.clear()
      setSubmitFailed(false)
      visit.setData({ ...visit.data!, ...done })
      void Taro.showToast({ title: '走访已记录', icon: 'success' })
    } catch (e) {
      setSubmitFailed(true)
      showError(e)
    }
  })

  return { visit, board, ...draft, checkIn, submit, submitFailed }
}
