/**
 * The weekly digest card and the record of its sharing. The figures come from the board itself
 * (one function), so the card a member shares says exactly what the board shows.
 */
import { requireRole, requireVisibleProject } from '../runtime/guards'
import { type DigestCard, type DigestShared, digestCard } from '../../src/domain/digest'
import { weekKey } from '../../src/domain/time'
import type { ActionContext } from '../runtime/entry'
import { loadProject, markDigestShared } from '../repo/projects'
import { board } from './board'

export async function digest(input: { projectId: string }, ctx: ActionContext): Promise<DigestCard> {
  requireRole(ctx.caller, 'projects.digest')
  const { project, digest: figures } = await board(input, ctx)
  return digestCard(project, figures)
}

/** Called after the share succeeded. The first share of the week is kept; later ones answer it. */
export async function digestShared(input: { projectId: string }, ctx: ActionContext): Promise<DigestShared> {
  requireRole(ctx.caller, 'projects.digestShared')
  const project = requireVisibleProject(ctx.caller, await loadProject(input.projectId))
  const key = weekKey(ctx.now)
  if (project.digestSharedWeek !== key && (await markDigestShared(project._id, key, ctx.openid, ctx.now))) {
    return { weekKey: key, sharedAt: ctx.now, sharedBy: ctx.openid, first: true }
  }
  const now = (await loadProject(project._id)) ?? project
  return { weekKey: key, sharedAt: now.digestSharedAt ?? ctx.now, sharedBy: now.digestSharedBy ?? ctx.openid, first: false }
}
