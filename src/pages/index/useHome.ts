/** Home: who am I, then (once per mount) go where my role starts; opened from a group → that project's board. */
import { useEffect, useRef } from 'react'
import { call } from '../../api'
import { links } from '../../domain/links'
import { go } from '../../hooks/useLink'
import { fetchWhoAmI } from '../../hooks/useWhoAmI'
import { usePullRefresh, useQuery } from '../../hooks/useQuery'
import { platform } from '../../platform/seam'
import { homeFor } from '../../domain/home'

export function useHome() {
  const who = useQuery(() => fetchWhoAmI(true), [])
  const routed = useRef(false)
  usePullRefresh(() => fetchWhoAmI(true).then((d) => who.setData(d)))

  useEffect(() => {
    const me = who.data
    if (!me || routed.current) return
    routed.current = true
    if (platform.openedFromGroup()) {
      // The board enters the group (binding, membership) itself.
      go(links.board({}))
      return
    }
    const home = homeFor(me)
    if (home.kind === 'go') go(home.url)
  }, [who.data])

  return who
}

export function acceptInvite(input: { code: string; name: string; phone?: string }) {
  return call('me', 'acceptInvite', { code: input.code.trim().toUpperCase(), name: input.name.trim(), ...(input.phone ? { phone: input.phone.trim() } : {}) })
}
