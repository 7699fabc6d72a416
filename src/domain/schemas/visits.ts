import * as v from 'valibot'
import { VISIT_TEXT_LIMITS } from '../visits'
import { clientRequestId, noControlChars, cursor, fileIds, id, location, pageSize, text, weekKey } from './common'

export const planWeekInput = v.object({ weekKey: v.optional(weekKey) })
export const myWeekInput = v.object({ weekKey: v.optional(weekKey) })
export const visitIdInput = v.object({ visitId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}_\d{4}-W\d{2}$/, '走访编号不正确')) })
export const checkInInput = v.object({ visitId: visitIdInput.entries.visitId, location })
export const attendee = v.object({
  name: text(1, 20),
  side: v.picklist(['government', 'enterprise'], '请选择政府方或企业方'),
  title: v.optional(text(0, 30), ''),
})
/**
 * The minutes and 回头看 notes are bounded here only against abuse (4× their limits); the limits
 * themselves (VISIT_TEXT_LIMITS) are judged by completeVisit, which refuses with the count in a sentence.
 */
const boundedText = (what: string, limit: number) =>
  v.pipe(v.string('应为文本'), noControlChars, v.trim(), v.minLength(1, `请填写${what}`), v.maxLength(limit * 4, `${what}过长`))
export const completeVisitInput = v.object({
  visitId: visitIdInput.entries.visitId,
  clientRequestId,
  checkIn: v.optional(location),
  attendees: v.pipe(v.array(attendee), v.minLength(1, '请至少登记一位参加人'), v.maxLength(30, '参加人最多 30 位')),
  minutes: boundedText('走访纪要', VISIT_TEXT_LIMITS.minutes),
  photos: fileIds(9),
  followUps: v.optional(v.pipe(v.array(v.object({ issueId: id, note: boundedText('回头看记录', VISIT_TEXT_LIMITS.followUpNote) })), v.maxLength(50)), []),
})
export const listVisitsInput = v.object({ projectId: id, cursor, pageSize })
export const coverageInput = v.object({ fromWeek: weekKey, toWeek: weekKey })
