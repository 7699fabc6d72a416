import type { projectsContract } from '../../src/domain/contract/projects'
import type { Handlers } from '../runtime/entry'
import { board } from './board'
import { digest, digestShared } from './digest'
import { createProject, getProject, listProjects, shareTicket, unbindGroup, updateProject } from './manage'

export const projectsHandlers: Handlers<typeof projectsContract> = {
  create: createProject,
  update: updateProject,
  get: getProject,
  list: listProjects,
  board,
  shareTicket,
  unbindGroup,
  digest,
  digestShared,
}
