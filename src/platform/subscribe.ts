/**
 * Subscribe-message consent, asked for inside a tap (WeChat refuses it once the tap's turn has
 * passed). Template ids come from the server (whoami.templates), so client and sender agree.
 * What the user accepted is recorded with the server (me.subscribed): a one-time consent is one
 * send credit, and the server sends nothing it holds no credit for.
 */
import { call } from '../api/client'
import type { WhoAmI } from '../domain/views'
import { platform } from './seam'

export type Purpose = keyof WhoAmI['templates']

/** Call synchronously at the start of a tap handler; never rejects. */
export function askToSubscribe(who: WhoAmI | undefined, purposes: Purpose[]): Promise<Record<string, string>> {
  // One-time and long-term templates cannot share a request, and a second request would fall
  // outside the tap: ask for those of the same kind as the first purpose.
  const longTerm = new Set(who?.longTermTemplates ?? [])
  const kind = longTerm.has(purposes[0])
  const asked = purposes
    .filter((p) => longTerm.has(p) === kind)
    .map((p) => ({ purpose: p, id: who?.templates?.[p] }))
    .filter((x): x is { purpose: Purpose; id: string } => !!x.id)
    .slice(0, 3)
  if (!asked.length) return Promise.resolve({})
  return platform
    .requestSubscribe(asked.map((x) => x.id))
    .then(async (answers) => {
      const accepted = asked.filter((x) => answers[x.id] === 'accept' || answers[x.id] === 'acceptWithAudio').map((x) => x.purpose)
      if (accepted.length) await call('me', 'subscribed', { accepted }).catch(() => undefined)
      return answers
    })
    .catch(() => ({}))
}
