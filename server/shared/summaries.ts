import type { Project } from '../../src/domain/types'
import type { ProjectSummary } from '../../src/domain/views'

export const summarizeProject = (p: Project): ProjectSummary => ({
  _id: p._id,
  enterpriseName: p.enterpriseName,
  name: p.name,
  teamId: p.teamId,
  status: p.status,
  bound: !!p.openGId,
})
