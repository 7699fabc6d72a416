import type { User } from '../../src/domain/types'
import { addProjectMembership, saveUser } from '../repo/users'

/** Record that the caller was seen in a project's group: one write. */
export async function addMembership(openid: string, user: User | null, projectId: string, now: number): Promise<void> {
  if (user) {
    if (user.projectIds.includes(projectId)) return
    await addProjectMembership(openid, projectId, now)
    return
  }
  await saveUser({ _id: openid, name: '', roles: [], projectIds: [projectId], liaisonOf: [], createdAt: now, updatedAt: now })
}
