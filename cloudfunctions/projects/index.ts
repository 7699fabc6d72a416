import { projectsContract } from '../../src/domain/contract/projects'
import { defineFunction } from '../../server/runtime/entry'
import { projectsHandlers } from '../../server/projects'

export const main = defineFunction(projectsContract, projectsHandlers)
