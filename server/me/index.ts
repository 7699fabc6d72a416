import type { meContract } from '../../src/domain/contract/me'
import type { Handlers } from '../runtime/entry'
import { enter } from './enter'
import { acceptInvite, registerLiaison } from './register'
import { subscribed } from './subscribed'
import { whoami } from './whoami'

export const meHandlers: Handlers<typeof meContract> = {
  whoami: async (_input, ctx) => whoami(ctx),
  enter,
  registerLiaison,
  acceptInvite,
  subscribed,
}
