import * as v from 'valibot'
import { id, optionalText, phone, text } from './common'

export const createTeamInput = v.object({ name: text(1, 30) })
export const createInviteInput = v.variant('kind', [
  v.object({ kind: v.literal('staff'), teamId: id, maxUses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 10) }),
  v.object({ kind: v.literal('handler'), departmentId: id, maxUses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 10) }),
  v.object({ kind: v.literal('manager'), maxUses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)), 1) }),
])
export const upsertDepartmentInput = v.object({
  departmentId: v.optional(id),
  name: text(1, 30),
  contactName: optionalText(20),
  contactPhone: v.optional(phone),
})
export const calendarYearInput = v.object({ arrangement: v.unknown() })
