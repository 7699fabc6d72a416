import type { visitsContract } from '../../src/domain/contract/visits'
import type { Handlers } from '../runtime/entry'
import { checkIn, complete, coverage, getVisit, myWeek, planWeekAction } from './handlers'
import { listByProject, visitRecord } from './record'

export const visitsHandlers: Handlers<typeof visitsContract> = {
  planWeek: planWeekAction,
  myWeek,
  get: getVisit,
  record: visitRecord,
  checkIn,
  complete,
  listByProject,
  coverage,
}
