import type { User } from '../../src/domain/types'
import { command, getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'

/** Record that the caller was seen in a project's group: one write. */
export async function addMembership(openid: string, user: User | null, projectId: string, now: number): Promise<void> {
  const users = getDb().collection(COLLECTIONS.users)
  if (user) {
    if (user.projectIds.includes(projectId)) return
    await users.doc(openid).update({ data: { projectIds: command().addToSet(projectId), updatedAt: now } })
    return
  }
  await users.doc(openid).set({
    data: { name: '', roles: [], projectIds: [projectId], liaisonOf: [], createdAt: now, updatedAt: now },
  })
}
