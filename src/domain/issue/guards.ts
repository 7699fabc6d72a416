/**
 * What must hold, beyond the state, for an action to be possible now. `transition` checks these
 * before the action's rule, and `availableActions` filters with the same functions — so the UI offers
 * exactly the buttons the domain would accept (no 审批延期 with nothing pending, no 督办 on a
 * supervised issue, no 申请延期 once the deadline has passed, no 督核 of one's own answer).
 */
import { type Result, fail, ok } from '../errors'
import type { Extension, Issue } from '../types'
import type { Actor, IssueCtx } from './context'
import type { CommandAction } from './lifecycle'
import { answerDueOf, pausedSoFar } from './flowRules'

export type Guard = (issue: Issue, actor: Actor, ctx: IssueCtx) => Result<true>

const OK: Result<true> = ok(true)

/** The extension awaiting a manager's decision, if any. */
export const pendingExtension = (issue: Issue): Extension | undefined => {
  const last = issue.extensions[issue.extensions.length - 1]
  return last && !last.decision ? last : undefined
}

/**
 * The answer deadline as it stands now: while paused (待补充材料) the stored one is pushed by the
 * working time paused so far, so an extension is judged against the real date, not the stored one.
 */
export const answerDueNow = (issue: Issue, ctx: IssueCtx): number =>
  issue.pausedSince === undefined
    ? (issue.answerDue as number)
    : answerDueOf(issue, ctx, issue.pausedWorkingMs + pausedSoFar(issue, ctx), issue.extensionWorkingMs)

export const GUARDS: Partial<Record<CommandAction, Guard>> = {
  review: (issue, actor) =>
    issue.answer?.by === actor.by ? fail('SELF_REVIEW', '不能审核自己录入的答复，请由其他服务专员或管理者督核') : OK,
  request_extension: (issue, _actor, ctx) => {
    if (pendingExtension(issue)) return fail('INVALID_TRANSITION', '已有待审批的延期申请')
    if (ctx.now >= answerDueNow(issue, ctx)) return fail('EXTENSION_TOO_LATE', '已超过办理期限，不能再申请延期（逾期不得延期）')
    return OK
  },
  decide_extension: (issue) => (pendingExtension(issue) ? OK : fail('INVALID_TRANSITION', '没有待审批的延期申请')),
  supervise: (issue) => (issue.supervised ? fail('INVALID_TRANSITION', '该问题已在督办中') : OK),
  unsupervise: (issue) => (issue.supervised ? OK : fail('INVALID_TRANSITION', '该问题未被督办')),
  link_repeat: (issue) => (issue.repeatOf ? fail('INVALID_TRANSITION', '该问题已关联为重复反映') : OK),
  unlink_repeat: (issue) => (issue.repeatOf ? OK : fail('INVALID_TRANSITION', '该问题未关联为重复反映')),
}

export const guard = (action: CommandAction, issue: Issue, actor: Actor, ctx: IssueCtx): Result<true> =>
  GUARDS[action]?.(issue, actor, ctx) ?? OK
