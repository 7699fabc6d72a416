import type { issuesContract } from '../../src/domain/contract/issues'
import type { Handlers } from '../runtime/entry'
import { act } from './act'
import { get } from './handlers'
import { list } from './list'
import { raise } from './raise'

export const issuesHandlers: Handlers<typeof issuesContract> = { raise, act, get, list }
