import type { visitsContract } from '../../src/domain/contract/visits'
import type { Handlers } from '../runtime/entry'
import { checkIn, complete, coverage, getVisit, listByProject, myWeek, planWeekAction } from './handlers'

export const visitsHandlers: Handlers<typeof visitsContract> = {
  planWeek: planWeekAction,
  myWeek,
  get: getVisit,
  checkIn,
  complete,
  listByProject,
  coverage,
}
