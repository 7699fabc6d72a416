import { issuesContract } from '../../src/domain/contract/issues'
import { issuesHandlers } from '../../server/issues'
import { defineFunction } from '../../server/runtime/entry'

export const main = defineFunction(issuesContract, issuesHandlers)
