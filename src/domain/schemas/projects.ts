import * as v from 'valibot'
import { withLabels } from '../messages/labels'
import { contact, cursor, id, keyword, location, pageSize, text } from './common'

const projectFields = {
  enterpriseName: text(1, 50),
  name: text(1, 50),
  address: text(1, 100),
  location: v.optional(location),
  teamId: id,
  visitWeekday: v.pipe(v.number('应为数字'), v.integer(), v.minValue(1), v.maxValue(7)),
  contacts: v.optional(v.pipe(v.array(contact), v.maxLength(10, '最多 10 位联系人')), []),
}

const projectLabels = { name: '项目名称', teamId: '服务专班' }
export const createProjectInput = withLabels(v.object(projectFields), projectLabels)
export const updateProjectInput = v.object({
  projectId: id,
  // A list is an object to valibot; refuse it before every field turns out optional and it passes as {}.
  patch: v.pipe(
    v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x), '应为对象'),
    withLabels(v.partial(v.object({ ...projectFields, status: v.picklist(['active', 'paused', 'archived']) })), projectLabels),
  ),
})
export const projectIdInput = v.object({ projectId: id })
export const listProjectsInput = v.object({
  teamId: v.optional(id),
  keyword: v.optional(keyword),
  cursor,
  pageSize,
})
export const unbindGroupInput = withLabels(v.object({ projectId: id, reason: text(1, 200) }), { reason: '解绑理由' })
