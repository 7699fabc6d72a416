/** What a rule decides for one command: the target state and the event's payload. */
import type { Caller, Issue, IssueState, SystemCaller } from '../types'
import type { Result } from '../errors'
import type { Actor, IssueCtx } from './context'
import type { Command } from './schemas'

export interface Plan {
  to: IssueState
  reason?: string
  onBehalfOf?: string
  data?: object
}

/** A rule: refuses with a typed error, or plans one event; system rules may find nothing to do (null). */
export type Planner<C extends Command> = (
  issue: Issue,
  command: C,
  actor: Actor,
  ctx: IssueCtx,
  caller: Caller | SystemCaller,
) => Result<Plan | null>
