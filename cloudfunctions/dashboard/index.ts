import { dashboardContract } from '../../src/domain/contract/dashboard'
import { dashboardHandlers } from '../../server/dashboard'
import { defineFunction } from '../../server/runtime/entry'

export const main = defineFunction(dashboardContract, dashboardHandlers)
