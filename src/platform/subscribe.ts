/**
 * Subscribe-message consent, asked for inside a tap (WeChat refuses it once the tap's turn has
 * passed). Template ids come from the server (whoami.templates), so client and sender agree.
 */
import type { WhoAmI } from '../domain/views'
import { platform } from './seam'

export type Purpose = keyof WhoAmI['templates']

/** Call synchronously at the start of a tap handler; never rejects. */
export function askToSubscribe(who: WhoAmI | undefined, purposes: Purpose[]): Promise<Record<string, string>> {
  // One-time and long-term templates cannot share a request, and a second request would fall
  // outside the tap: ask for those of the same kind as the first purpose.
  const longTerm = new Set(who?.longTermTemplates ?? [])
  const kind = longTerm.has(purposes[0])
  const ids = purposes
    .filter((p) => longTerm.has(p) === kind)
    .map((p) => who?.templates?.[p])
    .filter((id): id is string => !!id)
  if (!ids.length) return Promise.resolve({})
  return platform.requestSubscribe(ids.slice(0, 3)).catch(() => ({}))
}
