import * as v from 'valibot'
import { clientRequestId, cursor, fileIds, id, location, pageSize, text, weekKey } from './common'

export const planWeekInput = v.object({ weekKey: v.optional(weekKey) })
export const myWeekInput = v.object({ weekKey: v.optional(weekKey) })
export const visitIdInput = v.object({ visitId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}_\d{4}-W\d{2}$/, '走访编号不正确')) })
export const checkInInput = v.object({ visitId: visitIdInput.entries.visitId, location })
export const attendee = v.object({
  name: text(1, 20),
  side: v.picklist(['government', 'enterprise'], '请选择政府方或企业方'),
  title: v.optional(text(0, 30), ''),
})
export const completeVisitInput = v.object({
  visitId: visitIdInput.entries.visitId,
  clientRequestId,
  checkIn: v.optional(location),
  attendees: v.pipe(v.array(attendee), v.minLength(1, '请至少登记一位参加人'), v.maxLength(30, '参加人最多 30 位')),
  minutes: text(1, 5000),
  photos: fileIds(9),
  followUps: v.optional(v.pipe(v.array(v.object({ issueId: id, note: text(1, 500) })), v.maxLength(50)), []),
})
export const listVisitsInput = v.object({ projectId: id, cursor, pageSize })
export const coverageInput = v.object({ fromWeek: weekKey, toWeek: weekKey })
