/** Who the caller is (roles, team, department, projects), loaded once per launch and shared by pages. */
import { call } from '../api'
import type { WhoAmI } from '../domain/views'
import { useQuery } from './useQuery'

let cached: Promise<WhoAmI> | undefined

export function fetchWhoAmI(force = false): Promise<WhoAmI> {
  if (!cached || force) {
    cached = call('me', 'whoami', {})
    cached.catch(() => {
      cached = undefined
    })
  }
  return cached
}

export const forgetWhoAmI = (): void => {
  cached = undefined
}

export function useWhoAmI() {
  return useQuery(() => fetchWhoAmI(), [])
}
