import * as v from 'valibot'
import { clientRequestId } from './common'
import { RaiseInputSchema, UserCommandSchema } from '../issue/schemas'
import { cursor, id, keyword, pageSize } from './common'

export const raiseIssueInput = RaiseInputSchema
export const actOnIssueInput = v.object({
  issueId: id,
  /** The version the actor saw; a stale one is refused with CONFLICT instead of acting on a changed issue. */
  expectedVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** One per attempt of one step (kept across retries): a retry is answered, never applied twice. */
  clientRequestId,
  command: UserCommandSchema,
})
export const issueIdInput = v.object({ issueId: id })
export const listIssuesInput = v.object({
  projectId: v.optional(id),
  teamId: v.optional(id),
  departmentId: v.optional(id),
  /** Handlers: issues where their department leads (default) or assists. */
  departmentRole: v.optional(v.picklist(['lead', 'assist']), 'lead'),
  state: v.optional(
    v.picklist(['open', 'submitted', 'dispatched', 'in_progress', 'awaiting_materials', 'under_review', 'resolved', 'closed', 'withdrawn', 'declined']),
  ),
  overdue: v.optional(v.boolean()),
  supervised: v.optional(v.boolean()),
  ladder: v.optional(v.picklist(['blue', 'yellow', 'red'])),
  keyword: v.optional(keyword),
  cursor,
  pageSize,
})
