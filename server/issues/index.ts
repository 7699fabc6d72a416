import type { issuesContract } from '../../src/domain/contract/issues'
import type { Handlers } from '../runtime/entry'
import { act, get, raise } from './handlers'
import { list } from './list'

export const issuesHandlers: Handlers<typeof issuesContract> = { raise, act, get, list }
