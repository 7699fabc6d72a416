import { orgContract } from '../../src/domain/contract/org'
import { orgHandlers } from '../../server/org'
import { defineFunction } from '../../server/runtime/entry'

export const main = defineFunction(orgContract, orgHandlers)
