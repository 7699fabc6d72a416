import { visitsContract } from '../../src/domain/contract/visits'
import { defineFunction } from '../../server/runtime/entry'
import { visitsHandlers } from '../../server/visits'

export const main = defineFunction(visitsContract, visitsHandlers)
