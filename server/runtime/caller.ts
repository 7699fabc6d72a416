import type { Caller, Role, User } from '../../src/domain/types'
import { loadUser } from '../repo/users'

/** Managers bootstrap from the function environment (set in the cloud console); more are added as user roles. */
export function configuredManagers(): Set<string> {
  return new Set((process.env.MANAGER_OPENIDS || '').split(',').map((s) => s.trim()).filter(Boolean))
}

export function callerFromUser(openid: string, user: User | null): Caller {
  const roles = new Set<Role>(user?.roles ?? [])
  if (configuredManagers().has(openid)) roles.add('manager')
  // The group is the boundary: whoever was seen in a project's group is its member and may act as liaison.
  if (user && user.projectIds.length > 0) roles.add('liaison')
  return {
    openid,
    roles: [...roles],
    teamId: user?.teamId,
    departmentId: user?.departmentId,
    projectIds: user?.projectIds ?? [],
    registeredIn: user?.liaisonOf ?? [],
  }
}

/** One database round trip: the user's own document, keyed by OPENID. */
export async function resolveCaller(openid: string): Promise<{ caller: Caller; user: User | null }> {
  const user = await loadUser(openid)
  return { caller: callerFromUser(openid, user), user }
}
