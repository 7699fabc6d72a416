/**
 * The one entry for changing an issue: validate the command, resolve who acts, check the state
 * against the lifecycle table, let the action's rule plan the event, and apply it.
 *
 * Order of refusals: INVALID_INPUT (the command's shape) → FORBIDDEN (role, then relation to the
 * issue) → INVALID_TRANSITION (state) → the rule's own codes (SELF_REVIEW, EXTENSION_TOO_LATE,
 * CONFIRMATION_MISMATCH, INVALID_INPUT for data that contradicts the issue, …).
 *
 * User commands always yield `{ issue, event }` or an error. System commands (escalate, auto_close,
 * recompute_deadlines) yield `null` when there is nothing to do — including in a state where the
 * action has no effect (timers sweep; a closed issue never changes) — so running them twice is safe.
 */
import { type Result, fail, ok } from '../errors'
import { parseOrRefuse } from '../messages'
import type { Caller, Issue, SystemCaller, TimelineEvent } from '../types'
import { resolveActor } from './actingRole'
import type { IssueCtx } from './context'
import { apply } from './apply'
import { guard } from './guards'
import { type CommandAction, LIFECYCLE, isSystemAction } from './lifecycle'
import { STATE_NAMES } from './labels'
import type { Planner } from './plan'
import * as flow from './flowRules'
import * as manage from './manageRules'
import { type Command, CommandSchema, type SystemCommand, type UserCommandInput, type VisitCommand } from './schemas'

export interface Step {
  issue: Issue
  event: TimelineEvent
}

const RULES: { [A in CommandAction]: Planner<Extract<Command, { action: A }>> } = {
  dispatch: flow.dispatch,
  solve_on_spot: flow.solveOnSpot,
  decline: flow.decline,
  withdraw: flow.withdraw,
  sign_for: flow.signFor,
  return: flow.returnToDispatcher,
  request_materials: flow.requestMaterials,
  add_materials: flow.addMaterials,
  answer: flow.answer,
  review: flow.review,
  confirm: flow.confirm,
  request_extension: manage.requestExtension,
  decide_extension: manage.decideExtension,
  reassign: manage.reassign,
  force_close: manage.forceClose,
  supervise: manage.supervise,
  unsupervise: manage.unsupervise,
  note: manage.note,
  follow_up: manage.followUp,
  add_opinion: manage.addOpinion,
  link_repeat: manage.linkRepeat,
  unlink_repeat: manage.unlinkRepeat,
  escalate: manage.escalate,
  auto_close: manage.autoClose,
  recompute_deadlines: manage.recomputeDeadlines,
}

/** Parse a command as a client or a timer sent it; INVALID_INPUT names the first problem. */
export function parseCommand(input: unknown): Result<Command> {
  return parseOrRefuse(CommandSchema, input, { whole: '操作' })
}

export function transition(
  issue: Issue,
  command: UserCommandInput,
  caller: Caller | SystemCaller,
  ctx: IssueCtx,
): Result<Step>
export function transition(
  issue: Issue,
  command: VisitCommand,
  caller: Caller | SystemCaller,
  ctx: IssueCtx,
): Result<Step>
export function transition(
  issue: Issue,
  command: SystemCommand,
  caller: Caller | SystemCaller,
  ctx: IssueCtx,
): Result<Step | null>
export function transition(
  issue: Issue,
  command: unknown,
  caller: Caller | SystemCaller,
  ctx: IssueCtx,
): Result<Step | null> {
  const parsed = parseCommand(command)
  if (!parsed.ok) return parsed
  const cmd = parsed.value
  const action = cmd.action
  const rule = LIFECYCLE[action]
  const actor = resolveActor(issue, action, caller, ctx)
  if (!actor.ok) return actor
  if (!rule.from.includes(issue.state)) {
    if (isSystemAction(action)) return ok(null)
    return fail('INVALID_TRANSITION', `问题处于「${STATE_NAMES[issue.state]}」状态，不能${rule.label}`, {
      state: issue.state,
      action,
    })
  }
  const allowed = guard(action, issue, actor.value, ctx)
  if (!allowed.ok) return isSystemAction(action) ? ok(null) : allowed
  const planner = RULES[action] as Planner<Command>
  const planned = planner(issue, cmd, actor.value, ctx, caller)
  if (!planned.ok || planned.value === null) return planned as Result<null>
  const p = planned.value
  const onBehalfOf = p.onBehalfOf ?? actor.value.onBehalfOf
  const event: TimelineEvent = {
    action,
    by: actor.value.by,
    ...(ctx.actorName && actor.value.role !== 'system' ? { byName: ctx.actorName } : {}),
    role: actor.value.role,
    at: ctx.now,
    from: issue.state,
    to: p.to,
    ...(p.reason ? { reason: p.reason } : {}),
    ...(onBehalfOf ? { onBehalfOf } : {}),
    ...(p.data && Object.keys(p.data).length > 0 ? { data: p.data as Record<string, unknown> } : {}),
  }
  return ok({ issue: apply(issue, event), event })
}

export type { UserCommandInput, SystemCommand }
