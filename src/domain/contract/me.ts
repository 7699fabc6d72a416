import { empty } from '../schemas/common'
import { acceptInviteInput, enterInput, registerLiaisonInput, subscribedInput } from '../schemas/me'
import type { WhoAmI, EnterResult } from '../views'
import { action } from './define'

export const meContract = {
  whoami: action<WhoAmI>()(empty),
  /** Opened from a WeChat group: the event carries the group's CloudID as top-level field `group`. */
  enter: action<EnterResult>()(enterInput),
  registerLiaison: action<WhoAmI>()(registerLiaisonInput),
  acceptInvite: action<WhoAmI>()(acceptInviteInput),
  /** Records send credits for the subscribe-message templates the user just accepted. */
  subscribed: action<{ credits: Record<string, number> }>()(subscribedInput),
}
