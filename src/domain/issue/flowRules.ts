/**
 * Rules of the main path: triage, department work, review and the enterprise's confirmation.
 */
import { addWorkingDays, workingMsBetween } from '../calendar/workingTime'
import { type Result, fail, ok } from '../errors'
import type { Issue } from '../types'
import type { IssueCtx } from './context'
import type { EventDataMap } from './events'
import { lintReply } from './lint'
import type { Plan, Planner } from './plan'
import type { CommandOf } from './schemas'
import { answerDueFor, categoryOf, deadlinesFor, triageDueFor } from './sla'
import { spansEstimatedYear } from '../calendar/workingTime'

const plan = (p: Plan): Result<Plan | null> => ok(p)
const confirmDueFrom = (ctx: IssueCtx): number => addWorkingDays(ctx.calendar, ctx.now, ctx.config.autoCloseWorkingDays)

function checkDepartments(lead: string, assist: readonly string[]): Result<true> {
  if (assist.includes(lead)) return fail('INVALID_INPUT', '主办部门不能同时是协办部门')
  if (new Set(assist).size !== assist.length) return fail('INVALID_INPUT', '协办部门重复')
  return ok(true)
}

export const dispatch: Planner<CommandOf<'dispatch'>> = (issue, cmd, _actor, ctx) => {
  const category = categoryOf(ctx.config, cmd.category)
  if (!category) return fail('INVALID_INPUT', `没有这个问题类别：${cmd.category}`)
  const depts = checkDepartments(cmd.leadDepartmentId, cmd.assistDepartmentIds)
  if (!depts.ok) return depts
  const complexity = cmd.complexity ?? category.complexity
  const urgency = cmd.urgency ?? issue.urgency
  const d = deadlinesFor(ctx.calendar, ctx.config, ctx.now, urgency, complexity)
  const data: EventDataMap['dispatch'] = {
    leadDepartmentId: cmd.leadDepartmentId,
    assistDepartmentIds: cmd.assistDepartmentIds,
    category: category.id,
    complexity,
    urgency,
    ...d,
  }
  return plan({ to: 'dispatched', data })
}

export const solveOnSpot: Planner<CommandOf<'solve_on_spot'>> = (_issue, cmd, _actor, ctx) => {
  const data: EventDataMap['solve_on_spot'] = {
    text: cmd.text,
    files: cmd.files,
    ...(cmd.visitId ? { visitId: cmd.visitId } : {}),
    confirmDue: confirmDueFrom(ctx),
  }
  return plan({ to: 'resolved', data })
}

export const decline: Planner<CommandOf<'decline'>> = (_i, cmd) => plan({ to: 'declined', reason: cmd.reason })

export const withdraw: Planner<CommandOf<'withdraw'>> = (_i, cmd) =>
  plan({ to: 'withdrawn', ...(cmd.reason ? { reason: cmd.reason } : {}) })

export const signFor: Planner<CommandOf<'sign_for'>> = (issue, _cmd, actor, ctx) =>
  plan({ to: 'in_progress', onBehalfOf: actor.onBehalfOf, data: { late: ctx.now > (issue.signForDue ?? Infinity) } })

export const returnToDispatcher: Planner<CommandOf<'return'>> = (issue, cmd, actor, ctx) => {
  const data: EventDataMap['return'] = {
    departmentId: issue.leadDepartmentId as string,
    triageDue: triageDueFor(ctx.calendar, ctx.config, ctx.now, issue.urgency),
  }
  return plan({ to: 'submitted', reason: cmd.reason, onBehalfOf: actor.onBehalfOf, data })
}

export const requestMaterials: Planner<CommandOf<'request_materials'>> = (_i, cmd, actor) =>
  plan({ to: 'awaiting_materials', reason: cmd.reason, onBehalfOf: actor.onBehalfOf })

/** Paused working time since `pausedSince`, up to now. */
export const pausedSoFar = (issue: Issue, ctx: IssueCtx): number =>
  issue.pausedSince === undefined ? 0 : workingMsBetween(ctx.calendar, issue.pausedSince, ctx.now)

/** The answer deadline from the issue's bases, with the given paused and extension totals. */
export function answerDueOf(issue: Issue, ctx: IssueCtx, paused: number, extension: number): number {
  if (issue.answerClockFrom === undefined || !issue.sla) throw new Error(`issue ${issue._id} has no answer clock`)
  return answerDueFor(ctx.calendar, issue.answerClockFrom, issue.sla.answerWorkingDays, paused, extension)
}

export const addMaterials: Planner<CommandOf<'add_materials'>> = (issue, cmd, _actor, ctx) => {
  if (!cmd.text && cmd.files.length === 0) return fail('INVALID_INPUT', '请填写说明或上传材料')
  const pausedMs = pausedSoFar(issue, ctx)
  const pausedWorkingMs = issue.pausedWorkingMs + pausedMs
  const data: EventDataMap['add_materials'] = {
    ...(cmd.text ? { text: cmd.text } : {}),
    files: cmd.files,
    pausedMs,
    pausedWorkingMs,
    answerDue: answerDueOf(issue, ctx, pausedWorkingMs, issue.extensionWorkingMs),
  }
  return plan({ to: 'in_progress', data })
}

export const answer: Planner<CommandOf<'answer'>> = (_issue, cmd, actor) => {
  const data: EventDataMap['answer'] = {
    text: cmd.text,
    files: cmd.files,
    lint: lintReply(cmd.text).map(({ word, hint }) => ({ word, hint })),
  }
  return plan({ to: 'under_review', onBehalfOf: actor.onBehalfOf, data })
}

export const review: Planner<CommandOf<'review'>> = (_issue, cmd, _actor, ctx) => {
  const c = cmd.checklist
  if (cmd.passed && !(c.allAsksAnswered && c.enterpriseContacted && (c.solved || c.dateForRemaining)))
    return fail('INVALID_INPUT', '通过督核须：逐项答复、已联系企业，并且已解决或给出剩余事项的办理日期')
  if (!cmd.passed && !cmd.note) return fail('INVALID_INPUT', '退回答复须说明理由')
  const data: EventDataMap['review'] = {
    passed: cmd.passed,
    checklist: c,
    ...(cmd.passed ? { confirmDue: confirmDueFrom(ctx) } : {}),
  }
  return plan({ to: cmd.passed ? 'resolved' : 'in_progress', ...(cmd.note ? { reason: cmd.note } : {}), data })
}

/** 部分解决/未解决 rated 满意 contradicts itself. */
export const isMismatch = (resolution: string, rating: string): boolean =>
  resolution !== 'solved' && rating === 'satisfied'

export const confirm: Planner<CommandOf<'confirm'>> = (issue, cmd, _actor, ctx) => {
  const { resolution, rating } = cmd
  if (isMismatch(resolution, rating) && !cmd.acknowledgeMismatch)
    return fail('CONFIRMATION_MISMATCH', '您选择了“部分解决/未解决”，评价却是“满意”，请确认后再提交', {
      resolution,
      rating,
    })
  const reopen = resolution === 'unsolved' || rating === 'unsatisfied'
  if (reopen && !cmd.comment) return fail('INVALID_INPUT', '请说明未解决或不满意的原因，问题将重新办理')
  const base = {
    resolution,
    rating,
    reopen,
    ...(isMismatch(resolution, rating) ? { acknowledgedMismatch: true } : {}),
  }
  const reason = cmd.comment ? { reason: cmd.comment } : {}
  if (!reopen) return plan({ to: 'closed', ...reason, data: base })
  // Solved on the spot (never dispatched): back to triage. Otherwise the department works it again.
  if (!issue.sla || issue.leadDepartmentId === undefined)
    return plan({ to: 'submitted', ...reason, data: { ...base, triageDue: triageDueFor(ctx.calendar, ctx.config, ctx.now, issue.urgency) } })
  const answerDue = answerDueFor(ctx.calendar, ctx.now, issue.sla.answerWorkingDays)
  const data: EventDataMap['confirm'] = {
    ...base,
    answerDue,
    dueEstimated: spansEstimatedYear(ctx.calendar, ctx.now, answerDue),
  }
  return plan({ to: 'in_progress', ...reason, data })
}
