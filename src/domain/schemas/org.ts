import * as v from 'valibot'
import { ArrangementShape } from '../calendar/validateArrangement'
import { withLabels } from '../messages/labels'
import { id, optionalText, phone, text } from './common'

export const createTeamInput = withLabels(v.object({ name: text(1, 30) }), { name: '专班名称' })
const inviteLabels = { kind: '邀请类型' }
export const createInviteInput = v.variant('kind', [
  withLabels(v.object({ kind: v.literal('staff'), teamId: id, maxUses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 10) }), inviteLabels),
  withLabels(v.object({ kind: v.literal('handler'), departmentId: id, maxUses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 10) }), inviteLabels),
  withLabels(v.object({ kind: v.literal('manager'), maxUses: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)), 1) }), inviteLabels),
])
export const upsertDepartmentInput = withLabels(
  v.object({
    departmentId: v.optional(id),
    name: text(1, 30),
    contactName: optionalText(20),
    contactPhone: v.optional(phone),
  }),
  { name: '部门名称' },
)
/** The arrangement's shape is checked at the entry; its consistency and the seven holidays by validateArrangementEntry. */
export const calendarYearInput = v.object({ arrangement: ArrangementShape })
