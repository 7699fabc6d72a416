/**
 * H5 dev settings: which local cloud, which demo persona, which simulated group.
 * Imported only by seam.h5.ts and the h5 dev tools, so it never reaches the weapp bundle.
 */
import { absolutePath, links } from '../../domain/links'

export interface Persona {
  openid: string
  name: string
  what: string
}

export const PERSONAS: readonly Persona[] = [
  { openid: 'o_demo_manager', name: '王主任', what: '管理者' },
  { openid: 'o_demo_staff_a', name: '李明', what: '服务专员 · 第一服务专班' },
  { openid: 'o_demo_staff_b', name: '赵敏', what: '服务专员 · 第二服务专班' },
  { openid: 'o_demo_handler_zj', name: '陈工', what: '部门经办人 · 住建局' },
  { openid: 'o_demo_handler_sw', name: '刘科', what: '部门经办人 · 商务局' },
  { openid: 'o_demo_liaison_1', name: '张总', what: '企业联络员 · 智能装备产业园' },
  { openid: 'o_demo_liaison_2', name: '孙经理', what: '企业联络员' },
  { openid: 'o_demo_newcomer', name: '新用户', what: '尚无角色' },
]

const KEYS = { cloud: 'dev.cloud', persona: 'dev.persona', group: 'dev.group' }
const DEFAULT_PERSONA = 'o_demo_newcomer'

/** Reads `name` from the page's query, before or after the hash. */
function queryParam(name: string): string | null {
  if (typeof window === 'undefined') return null
  const fromSearch = new URLSearchParams(window.location.search).get(name)
  if (fromSearch) return fromSearch
  const hashQuery = window.location.hash.split('?')[1]
  return hashQuery ? new URLSearchParams(hashQuery).get(name) : null
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn()
  } catch {
    return fallback
  }
}

export function cloudUrl(): string {
  const fromQuery = queryParam('cloud')
  if (fromQuery) {
    safe(() => sessionStorage.setItem(KEYS.cloud, fromQuery), undefined)
    return fromQuery.replace(/\/+$/, '')
  }
  const remembered = safe(() => sessionStorage.getItem(KEYS.cloud), null)
  return (remembered || LOCAL_CLOUD_URL).replace(/\/+$/, '')
}

export function personaOpenid(): string {
  const fromQuery = queryParam('persona')
  if (fromQuery) safe(() => localStorage.setItem(KEYS.persona, fromQuery), undefined)
  return fromQuery || safe(() => localStorage.getItem(KEYS.persona), null) || DEFAULT_PERSONA
}

export function setPersona(openid: string): void {
  safe(() => localStorage.setItem(KEYS.persona, openid), undefined)
}

export const personaName = (openid: string): string =>
  PERSONAS.find((p) => p.openid === openid)?.name ?? openid

/** The simulated group the app is "opened from" (openGId), or '' for none. */
export function groupOpenGId(): string {
  const fromQuery = queryParam('group')
  if (fromQuery !== null) safe(() => localStorage.setItem(KEYS.group, fromQuery), undefined)
  return fromQuery ?? safe(() => localStorage.getItem(KEYS.group), null) ?? ''
}

export function setGroup(openGId: string): void {
  safe(() => localStorage.setItem(KEYS.group, openGId), undefined)
}

/** Reloads the app at its home page (after a persona or group switch). */
export function reloadAtHome(): void {
  window.location.hash = `#${absolutePath(links.home({}))}`
  window.location.reload()
}
