import type { orgContract } from '../../src/domain/contract/org'
import type { Handlers } from '../runtime/entry'
import { getCalendar, setCalendarYear } from './calendar'
import { createInvite, listInvites } from './invites'
import { createTeam, listDepartments, listPeople, listTeams, upsertDepartment } from './teams'

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
