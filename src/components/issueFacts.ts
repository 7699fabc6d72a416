/**
 * What the issue screens show of the lifecycle, each read from the domain (never a copy kept here):
 * whether a state is done, whether its 督办 marks show, how an action's button looks. Pure, so a
 * unit test holds them equal to the domain's rules for every state and action
 * (test/unit/uiLifecycleFacts.test.ts). The deadline shown is the view's `due`, which the domain
 * computes (src/domain/issue/due.ts); the list filters are STATE_FILTERS and LADDER_FILTERS.
 */
import { type CommandAction, LIFECYCLE, TERMINAL_STATES } from '../domain/issue/lifecycle'
import type { IssueState, Ladder } from '../domain/types'

export interface StateTagFacts {
  /** The issue is over (closed, withdrawn, declined): the tag is greyed. */
  done: boolean
  /** The ladder colour beside the state; none once the issue is over. */
  ladder?: Exclude<Ladder, 'none'>
  /** The 督办 tag; none once the issue is over. */
  supervised: boolean
}

export function stateTagFacts(state: IssueState, ladder: Ladder = 'none', supervised = false): StateTagFacts {
  const done = TERMINAL_STATES.includes(state)
  return { done, ladder: !done && ladder !== 'none' ? ladder : undefined, supervised: !done && supervised }
}

/** An action's button: a warning for those that end or undo something (the lifecycle's `danger`). */
export const actionButtonKind = (action: CommandAction): 'danger' | 'primary' => (LIFECYCLE[action].danger ? 'danger' : 'primary')
