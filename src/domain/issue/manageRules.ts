/**
 * Rules beside the main path: extensions, managers' powers, notes and opinions, and the system's
 * timed actions (which return ok(null) when there is nothing to do).
 */
import { addWorkingMs } from '../calendar/workingTime'
import { type Result, fail, ok } from '../errors'
import { DAY_MS } from '../time'
import type { Caller, Extension } from '../types'
import { answerDueNow, pendingExtension } from './guards'
import { behalfCandidates } from './actingRole'
import type { DeadlineSet, EventDataMap } from './events'
import { LADDER_RANK, assessLadder } from './ladder'
import { answerDueOf, pausedSoFar } from './flowRules'
import type { Plan, Planner } from './plan'
import type { CommandOf } from './schemas'
import { categoryOf, deadlinesFor, liveDeadlines } from './sla'

const plan = (p: Plan): Result<Plan | null> => ok(p)
const nothingToDo = (): Result<Plan | null> => ok(null)

// Preconditions (a pending extension, 逾期不得延期, already supervised …) are checked before these rules: guards.ts.

export const requestExtension: Planner<CommandOf<'request_extension'>> = (issue, cmd, actor, ctx) => {
  const due = answerDueNow(issue, ctx)
  const data: EventDataMap['request_extension'] = {
    workingDays: cmd.workingDays,
    until: addWorkingMs(ctx.calendar, due, cmd.workingDays * DAY_MS),
  }
  return plan({ to: issue.state, reason: cmd.reason, onBehalfOf: actor.onBehalfOf, data })
}

export const decideExtension: Planner<CommandOf<'decide_extension'>> = (issue, cmd, _actor, ctx) => {
  const pending = pendingExtension(issue) as Extension
  const reason = cmd.note ? { reason: cmd.note } : {}
  if (!cmd.approved)
    return plan({ to: issue.state, ...reason, data: { approved: false, extensionWorkingMs: issue.extensionWorkingMs } })
  const extensionWorkingMs = issue.extensionWorkingMs + pending.workingDays * DAY_MS
  const answerDue = answerDueOf(issue, ctx, issue.pausedWorkingMs, extensionWorkingMs)
  const data: EventDataMap['decide_extension'] = { approved: true, extensionWorkingMs, answerDue, until: answerDue }
  return plan({ to: issue.state, ...reason, data })
}

export const reassign: Planner<CommandOf<'reassign'>> = (issue, cmd, _actor, ctx) => {
  if (cmd.leadDepartmentId === issue.leadDepartmentId) return fail('INVALID_INPUT', '改派须指定另一个主办部门')
  const assist = (cmd.assistDepartmentIds ?? issue.assistDepartmentIds).filter((d) => d !== cmd.leadDepartmentId)
  if (new Set(assist).size !== assist.length) return fail('INVALID_INPUT', '协办部门重复')
  const complexity = cmd.complexity ?? issue.complexity ?? categoryOf(ctx.config, issue.category)?.complexity ?? 'normal'
  const data: EventDataMap['reassign'] = {
    leadDepartmentId: cmd.leadDepartmentId,
    assistDepartmentIds: assist,
    category: issue.category,
    complexity,
    urgency: issue.urgency,
    ...deadlinesFor(ctx.calendar, ctx.config, ctx.now, issue.urgency, complexity),
    ...(issue.leadDepartmentId ? { previousLeadDepartmentId: issue.leadDepartmentId } : {}),
  }
  return plan({ to: 'dispatched', reason: cmd.reason, data })
}

export const forceClose: Planner<CommandOf<'force_close'>> = (issue, cmd, _actor, ctx) =>
  plan({ to: 'closed', reason: cmd.reason, data: { pausedWorkingMs: issue.pausedWorkingMs + pausedSoFar(issue, ctx) } })

export const supervise: Planner<CommandOf<'supervise'>> = (issue, cmd) => plan({ to: issue.state, reason: cmd.reason })

export const unsupervise: Planner<CommandOf<'unsupervise'>> = (issue, cmd) =>
  plan({ to: issue.state, ...(cmd.reason ? { reason: cmd.reason } : {}) })

/**
 * 重复反映 is the dispatcher's decision: link to the original (its root, when it is itself a repeat),
 * which the function loaded as `ctx.repeatTarget`; unlink with a reason.
 */
export const linkRepeat: Planner<CommandOf<'link_repeat'>> = (issue, cmd, _actor, ctx) => {
  const target = ctx.repeatTarget
  if (cmd.repeatOf === issue._id) return fail('INVALID_INPUT', '不能关联到问题自身')
  if (!target || target._id !== cmd.repeatOf || target.projectId !== issue.projectId)
    return fail('INVALID_INPUT', '只能关联到本项目的问题')
  const root = target.repeatOf ?? target._id
  if (root === issue._id) return fail('INVALID_INPUT', '不能关联到以本问题为原件的重复反映')
  const data: EventDataMap['link_repeat'] = { repeatOf: root }
  return plan({ to: issue.state, ...(cmd.reason ? { reason: cmd.reason } : {}), data })
}

export const unlinkRepeat: Planner<CommandOf<'unlink_repeat'>> = (issue, cmd) =>
  plan({ to: issue.state, reason: cmd.reason, data: { previous: issue.repeatOf as string } })

export const note: Planner<CommandOf<'note'>> = (issue, cmd) =>
  plan({ to: issue.state, data: { text: cmd.text, files: cmd.files, ...(cmd.forEnterprise ? { forEnterprise: true } : {}) } })

/** 回头看: the note the team took on the issue during a visit, tied to that visit. */
export const followUp: Planner<CommandOf<'follow_up'>> = (issue, cmd) =>
  plan({ to: issue.state, data: { visitId: cmd.visitId, text: cmd.text } })

/** 协办意见: by the assisting department's handler, or by the service team for one that has no handler. */
export const addOpinion: Planner<CommandOf<'add_opinion'>> = (issue, cmd, actor, ctx, caller) => {
  let departmentId: string
  if (actor.role === 'handler') {
    departmentId = (caller as Caller).departmentId as string
    if (cmd.departmentId && cmd.departmentId !== departmentId) return fail('FORBIDDEN', '只能填写本部门的协办意见')
  } else {
    if (!cmd.departmentId) return fail('INVALID_INPUT', '请指定代为填写意见的协办部门')
    if (!behalfCandidates(issue, 'team_for_assist', ctx).includes(cmd.departmentId))
      return fail('FORBIDDEN', '只能代暂无经办人的协办部门填写意见')
    departmentId = cmd.departmentId
  }
  const data: EventDataMap['add_opinion'] = { departmentId, text: cmd.text, files: cmd.files }
  return plan({ to: issue.state, ...(actor.role === 'staff' ? { onBehalfOf: departmentId } : {}), data })
}

/** The reason recorded when the timer puts an issue under 督办. */
export const ESCALATED_REASON = '超期升级为红色督办，自动列入督办'

export const escalate: Planner<CommandOf<'escalate'>> = (issue, _cmd, _actor, ctx) => {
  const a = assessLadder(issue, ctx.now, ctx.calendar, ctx.config)
  if (LADDER_RANK[a.ladder] <= LADDER_RANK[issue.ladder]) return nothingToDo()
  const data: EventDataMap['escalate'] = { ladder: a.ladder, previous: issue.ladder, overdueStages: a.overdueStages }
  // 红 is the escalation to managers: the same event marks the issue supervised (督办), so the
  // timeline records it and a replay reproduces it. A manager may still lift it by hand.
  if (a.ladder === 'red' && !issue.supervised) return plan({ to: issue.state, reason: ESCALATED_REASON, data: { ...data, supervise: true } })
  return plan({ to: issue.state, data })
}

export const autoClose: Planner<CommandOf<'auto_close'>> = (issue, _cmd, _actor, ctx) =>
  issue.confirmDue === undefined || ctx.now < issue.confirmDue
    ? nothingToDo()
    : plan({ to: 'closed', data: { confirmDue: issue.confirmDue } })

/** Recompute the live deadlines under ctx.calendar (the new one); an event only when one moved. */
export const recomputeDeadlines: Planner<CommandOf<'recompute_deadlines'>> = (issue, _cmd, _actor, ctx) => {
  const live = liveDeadlines(ctx.calendar, ctx.config, issue)
  const before: DeadlineSet = {}
  const after: DeadlineSet = {}
  for (const k of ['triageDue', 'signForDue', 'answerDue', 'confirmDue', 'dueEstimated'] as const) {
    if (live[k] === undefined || live[k] === issue[k]) continue
    Object.assign(before, { [k]: issue[k] })
    Object.assign(after, { [k]: live[k] })
  }
  return Object.keys(after).length === 0 ? nothingToDo() : plan({ to: issue.state, data: { before, after } })
}
