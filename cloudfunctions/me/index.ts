import { meContract } from '../../src/domain/contract/me'
import { meHandlers } from '../../server/me'
import { defineFunction } from '../../server/runtime/entry'

export const main = defineFunction(meContract, meHandlers)
