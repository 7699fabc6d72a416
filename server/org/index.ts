import type { orgContract } from '../../src/domain/contract/org'
import type { Handlers } from '../runtime/entry'
import { getCalendar, setCalendarYear } from './calendar'
import { createInvite, createTeam, listDepartments, listInvites, listPeople, listTeams, upsertDepartment } from './teams'

export const orgHandlers: Handlers<typeof orgContract> = {
  listTeams,
  createTeam,
  createInvite,
  listInvites,
  listDepartments,
  upsertDepartment,
  listPeople,
  getCalendar,
  setCalendarYear,
}
