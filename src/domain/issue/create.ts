/**
 * Raising an issue: the first timeline event ('raise'). Liaisons raise from the project's group;
 * the service team raises during a visit (or records one heard in the group); managers may too.
 */
import * as v from 'valibot'
import { type Result, fail, ok } from '../errors'
import { parseOrRefuse } from '../messages'
import type { Caller, Issue, Role, TimelineEvent } from '../types'
import type { IssueCtx } from './context'
import { issueFromRaise } from './apply'
import type { RaiseData } from './events'
import { type RepeatCandidate, suggestRepeatOf } from './repeats'
import { IdSchema, type RaiseInput, RaiseInputSchema } from './schemas'
import { categoryOf, triageDueFor } from './sla'

export interface CreateIssueCtx extends IssueCtx {
  /** The new document's id (chosen by the function). */
  id: string
  /** Open issues of the same project, to suggest a likely repeat (重复反映). */
  repeatCandidates?: readonly RepeatCandidate[]
  /** The case number the function reserved for it (2026-000123). */
  caseNo?: string
  /** The raiser as registered: name and phone, kept on the record. */
  raiser?: { name: string; phone?: string }
  /** Digest of the request's body (a retry with the same clientRequestId must carry the same body). */
  requestDigest?: string
}

/** Who may raise, in order of preference. */
export const RAISE_ROLES: readonly Role[] = ['liaison', 'staff', 'manager']

function raiserRole(caller: Caller, projectId: string, teamId: string): Role | undefined {
  return RAISE_ROLES.find(
    (r) =>
      caller.roles.includes(r) &&
      (r === 'manager' ||
        (r === 'liaison' && caller.projectIds.includes(projectId) && (caller.registeredIn ?? []).includes(projectId)) ||
        (r === 'staff' && !!caller.teamId && caller.teamId === teamId)),
  )
}

export function createIssue(input: unknown, caller: Caller, ctx: CreateIssueCtx): Result<Issue> {
  const { teamId, ...rest } = (input ?? {}) as { teamId?: unknown }
  const parsed = parseOrRefuse(RaiseInputSchema, rest, { whole: '问题' })
  if (!parsed.ok) return parsed
  if (!v.is(IdSchema, teamId) || !v.is(IdSchema, ctx.id)) return fail('INVALID_INPUT', '缺少服务团队或问题编号')
  const raw: RaiseInput = parsed.value
  const role = raiserRole(caller, raw.projectId, teamId)
  if (!role) {
    const unregistered = caller.roles.includes('liaison') && caller.projectIds.includes(raw.projectId)
    return unregistered
      ? fail('FORBIDDEN', '请先登记姓名和联系电话，登记后即可反映问题')
      : fail('FORBIDDEN', '只有该项目的企业联络员、服务专员或管理者可以提出问题')
  }
  if (raw.source === 'visit' && !raw.visitId) return fail('INVALID_INPUT', '走访中提出的问题须关联走访记录')
  if (!categoryOf(ctx.config, raw.category)) return fail('INVALID_INPUT', `没有这个问题类别：${raw.category}`)
  const suggestedRepeatOf = ctx.repeatCandidates
    ? suggestRepeatOf({ _id: ctx.id, ...raw }, ctx.repeatCandidates, ctx.now, ctx.config.repeatWindowDays)
    : undefined
  const data: RaiseData = {
    id: ctx.id,
    ...(ctx.caseNo ? { caseNo: ctx.caseNo } : {}),
    ...(ctx.raiser ? { raiser: ctx.raiser } : {}),
    ...(ctx.requestDigest ? { requestDigest: ctx.requestDigest } : {}),
    projectId: raw.projectId,
    teamId,
    source: raw.source,
    ...(raw.visitId ? { visitId: raw.visitId } : {}),
    category: raw.category,
    title: raw.title,
    description: raw.description,
    photos: raw.photos,
    urgency: raw.urgency,
    clientRequestId: raw.clientRequestId,
    ...(suggestedRepeatOf ? { suggestedRepeatOf } : {}),
    triageDue: triageDueFor(ctx.calendar, ctx.config, ctx.now, raw.urgency),
  }
  const event: TimelineEvent = {
    action: 'raise',
    by: caller.openid,
    ...(ctx.raiser?.name ? { byName: ctx.raiser.name } : {}),
    role,
    at: ctx.now,
    from: 'submitted',
    to: 'submitted',
    data: data as unknown as Record<string, unknown>,
  }
  return ok(issueFromRaise(event))
}
