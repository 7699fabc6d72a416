/** Where each user starts: the page the home page sends them to once it knows who they are. Paths come from the link table. */
import { links } from './links'
import type { WhoAmI } from './views'

export type Home =
  | { kind: 'newcomer' }
  | { kind: 'go'; url: string }
  | { kind: 'projects' }
  | { kind: 'manager' }
  | { kind: 'multi' }

/**
 * The page a user lands on after the home page learns who they are.
 * @example homeFor({ roles: ['staff'], … }) // { kind: 'go', url: links.week({}) }
 */
export function homeFor(who: WhoAmI): Home {
  const roles = who.roles
  if (roles.includes('manager')) return { kind: 'manager' }
  const work = roles.filter((r) => r === 'staff' || r === 'handler')
  if (work.length > 1 || (work.length === 1 && roles.includes('liaison'))) return { kind: 'multi' }
  if (roles.includes('staff')) return { kind: 'go', url: links.week({}) }
  if (roles.includes('handler')) return { kind: 'go', url: links.queue({}) }
  if (roles.includes('liaison') || who.projects.length > 0) {
    return who.projects.length === 1 ? { kind: 'go', url: links.board({ projectId: who.projects[0]._id }) } : { kind: 'projects' }
  }
  return { kind: 'newcomer' }
}
