/**
 * The project board. Opened from a group card (`?projectId=&bindToken=`), it first enters the group
 * with the group's CloudID (binding the group on the first opening), then reads the board.
 */
import { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { call } from '../../api'
import { absolutePath, links } from '../../domain/links'
import type { EnterResult, WhoAmI } from '../../domain/views'
import { fetchWhoAmI } from '../../hooks/useWhoAmI'
import { usePullRefresh, useQuery } from '../../hooks/useQuery'
import { platform } from '../../platform/seam'

export interface BoardContext {
  projectId?: string
  who: WhoAmI
  entered?: EnterResult
  enterError?: unknown
}

async function resolveContext(params: { projectId?: string; bindToken?: string }): Promise<BoardContext> {
  let entered: EnterResult | undefined
  let enterError: unknown
  if (platform.openedFromGroup()) {
    const group = await platform.groupCloudId()
    if (group) {
      const input = params.projectId && params.bindToken ? { projectId: params.projectId, bindToken: params.bindToken } : params.projectId ? { projectId: params.projectId } : {}
      try {
        entered = await call('me', 'enter', input, { group })
      } catch (e) {
        enterError = e
      }
    }
  }
  const who = await fetchWhoAmI(!!entered)
  const projectId = entered?.project?._id ?? params.projectId ?? (who.projects.length === 1 ? who.projects[0]._id : undefined)
  return { projectId, who, entered, enterError }
}

export function useBoard(params: { projectId?: string; bindToken?: string }) {
  const ctx = useQuery(() => resolveContext(params), [params.projectId, params.bindToken])
  const projectId = ctx.data?.projectId
  const board = useQuery(() => call('projects', 'board', { projectId: projectId! }), [projectId], { enabled: !!projectId })
  usePullRefresh(() => board.reload())

  const who = ctx.data?.who
  const canShareBinding = !!who && (who.roles.includes('staff') || who.roles.includes('manager'))
  const [sharePath, setSharePath] = useState<string | undefined>()

  useEffect(() => {
    if (!projectId) return
    platform.enableGroupShare()
    setSharePath(absolutePath(links.board({ projectId })))
    // A team member's card carries the one-time token that binds the group on its first opening.
    if (canShareBinding && board.data && !board.data.project.openGId) {
      call('projects', 'shareTicket', { projectId })
        .then((t) => setSharePath(t.path))
        .catch(() => undefined)
    }
  }, [projectId, canShareBinding, board.data])

  // The weekly digest card: title built by the server from the board's live figures.
  const canShareDigest = !!who && who.roles.some((r) => r === 'staff' || r === 'liaison' || r === 'manager')
  const digest = useQuery(() => call('projects', 'digest', { projectId: projectId! }), [projectId, board.data], { enabled: !!projectId && canShareDigest && !!board.data })

  useShareAppMessage((res) => {
    const fromDigestButton = res?.from === 'button' && (res.target as { dataset?: { share?: string } } | undefined)?.dataset?.share === 'digest'
    if (fromDigestButton && digest.data && projectId) {
      // WeChat reports no share outcome; the tap that opens the share sheet is the best evidence.
      call('projects', 'digestShared', { projectId }).catch(() => undefined)
      return { title: digest.data.title, path: digest.data.path }
    }
    return {
      title: board.data ? `${board.data.project.enterpriseName} · ${board.data.project.name} 服务看板` : '企业周走访',
      path: sharePath ?? absolutePath(links.home({})),
    }
  })

  const register = async (input: { name: string; phone: string }) => {
    await call('me', 'registerLiaison', { projectId: projectId!, name: input.name.trim(), phone: input.phone.trim() })
    const fresh = await fetchWhoAmI(true)
    if (ctx.data) ctx.setData({ ...ctx.data, who: fresh })
  }

  return { ctx, board, register, sharePath, digest }
}
