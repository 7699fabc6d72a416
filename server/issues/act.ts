/**
 * One step of the lifecycle in three round trips on the reply's path: (1) the caller, the issue, the
 * calendar, the zone's departments and — when linking a repeat — the original, all at once; (2) one
 * conditional update (version) that also stores the step's notices; (3) the reply's reads. The
 * notices are sent after the reply.
 *
 * A request id names one attempt of one step: a retry after a timeout finds its step in the
 * timeline and is answered with the issue as it is (never applied twice); the same id with another
 * body is IDEMPOTENCY_MISMATCH. A step on a version the actor did not see is CONFLICT.
 */
import type * as v from 'valibot'
import { AppError } from '../../src/domain/errors'
import { transition } from '../../src/domain/issue'
import type { actOnIssueInput } from '../../src/domain/schemas/issues'
import { checkAttachments } from '../files'
import { type ActionContext, type PrefetchContext, withPrefetch } from '../runtime/entry'
import { loadCalendar } from '../repo/calendars'
import { deskConfig } from '../shared/config'
import { loadAllDepartments } from '../shared/departments'
import { requestDigest, requireSameRequest } from '../shared/requestDigest'
import { VIEWER_OF_ROLE, issueDepartmentIds, requireVisibleIssue } from './detail'
import { maintainRollup } from '../repo/rollups'
import { sendLeftovers, sendStepNotices } from './notices'
import { replyFor } from './reply'
import { commitStep, loadIssue } from '../repo/issueDesk'

type ActInput = v.InferOutput<typeof actOnIssueInput>

async function prefetch(input: ActInput, _at: PrefetchContext) {
  const cmd = input.command as Record<string, unknown>
  const repeatOf = cmd.action === 'link_repeat' && typeof cmd.repeatOf === 'string' ? cmd.repeatOf : undefined
  const [issue, { calendar }, departments, repeatTarget] = await Promise.all([
    loadIssue(input.issueId),
    loadCalendar(),
    loadAllDepartments(),
    repeatOf ? loadIssue(repeatOf) : undefined,
  ])
  return { issue, calendar, departments, repeatTarget }
}

async function run(input: ActInput, ctx: ActionContext, pre: Awaited<ReturnType<typeof prefetch>>) {
  const { calendar, departments } = pre
  const issue = requireVisibleIssue(pre.issue, ctx.caller)
  const digest = requestDigest({ issueId: input.issueId, expectedVersion: input.expectedVersion, command: input.command })
  const done = issue.timeline.find((e) => e.requestId === input.clientRequestId)
  if (done) {
    if (done.by !== ctx.openid) throw new AppError('CONFLICT', '请求编号重复，请重新提交')
    requireSameRequest(done.requestDigest, digest)
    sendLeftovers(issue, ctx.after, ctx.now)
    return replyFor(issue, ctx, { calendar, departments, actedAs: done.role === 'system' ? undefined : VIEWER_OF_ROLE[done.role] })
  }
  if (input.expectedVersion !== issue.version) {
    throw new AppError('CONFLICT', '该问题已被他人处理，请查看最新状态', { state: issue.state, version: issue.version })
  }
  const cmd = input.command as Record<string, unknown>
  const mentioned = [
    ...issueDepartmentIds(issue),
    ...(typeof cmd.leadDepartmentId === 'string' ? [cmd.leadDepartmentId] : []),
    ...(Array.isArray(cmd.assistDepartmentIds) ? (cmd.assistDepartmentIds as string[]) : []),
  ]
  for (const id of mentioned) if (!departments.exists(id)) throw new AppError('INVALID_INPUT', '所选部门不存在')
  const step = transition(issue, input.command as never, ctx.caller, {
    now: ctx.now,
    calendar,
    config: deskConfig(),
    departmentHasHandler: departments.hasHandler,
    ...(ctx.user?.name ? { actorName: ctx.user.name } : {}),
    ...(pre.repeatTarget ? { repeatTarget: pre.repeatTarget } : {}),
  })
  if (!step.ok) throw step.error
  // Allowed to act; the files it cites must be the caller's own uploads (photos or documents).
  if (Array.isArray(cmd.files)) checkAttachments(cmd.files as string[], ctx.openid, 'materials')
  // The request id travels with the step, so a retry is recognised (the event object is the timeline's last).
  Object.assign(step.value.event, { requestId: input.clientRequestId, requestDigest: digest })
  const after = await commitStep(issue, step.value, calendar)
  const { notice } = after
  if (notice) ctx.after(() => sendStepNotices(after, notice, ctx.now))
  ctx.after(() => maintainRollup(after._id))
  const role = step.value.event.role
  return replyFor(after, ctx, { calendar, departments, actedAs: role === 'system' ? undefined : VIEWER_OF_ROLE[role] })
}

export const act = withPrefetch({ prefetch, run })
