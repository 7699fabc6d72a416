/** A small zone built through the functions themselves: the setup every story starts from. */
import type { Project, Team } from '../../../src/domain/types'
import { type App, type Caller, MANAGER } from './app'

export interface World {
  manager: Caller
  teamA: Team
  teamB: Team
  staffA: Caller
  staffB: Caller
  handlerZj: Caller
  departments: Record<'zj' | 'sw' | 'fg', string>
  project: Project
  otherProject: Project
  liaison: Caller
  otherLiaison: Caller
  groupId: string
  otherGroupId: string
  /** The local cloud's time when the world was built (tests never read the wall clock). */
  now: number
}

let counter = 0
/** A fresh client request id (unique within the test process, as a phone's would be). */
export const requestId = (): string => `req_${process.pid.toString(36)}_${(counter++).toString(36)}_${Math.random().toString(36).slice(2, 8)}`

let uploads = 0
/** What wx.cloud.uploadFile does from the mini-program: the client door, as `openid`, under its own prefix. Answers the fileID. */
export async function uploadAs(app: App, openid: string, folder: 'issues' | 'visits' | 'materials' = 'visits', ext = 'jpg'): Promise<string> {
  const name = `Photo${process.pid.toString(36)}${String(uploads++).padStart(8, '0')}Xy`
  const cloudPath = `uploads/${openid}/${folder}/202611/${name}.${ext}`
  const { status, body } = await app.cloud.fetchJson(`/dev/upload?cloudPath=${cloudPath}`, { method: 'POST', body: `bytes of ${cloudPath}`, headers: { 'x-wx-openid': openid } })
  if (status !== 200) throw new Error(`upload refused: ${JSON.stringify(body)}`)
  return body.fileID
}

export async function join(app: App, who: Caller, kind: 'staff' | 'handler', target: string, name: string): Promise<void> {
  const invite = await app.as(MANAGER).call('org', 'createInvite', kind === 'staff' ? { kind, teamId: target } : { kind, departmentId: target })
  await who.call('me', 'acceptInvite', { code: invite.code, name })
}

export async function newGroup(app: App, name: string): Promise<string> {
  const { body } = await app.cloud.fetchJson('/dev/groups', { method: 'POST', body: JSON.stringify({ name }), headers: { 'content-type': 'application/json' } })
  return body.openGId
}

export async function groupCloudId(app: App, openGId: string): Promise<{ $cloudID: string }> {
  const { body } = await app.cloud.fetchJson(`/dev/groups/${openGId}/cloudid`, { method: 'POST' })
  return { $cloudID: body.cloudID }
}

/** A staff member shares the card into the group; `opener` opens it there. */
export async function bindAndEnter(app: App, staff: Caller, opener: Caller, projectId: string, openGId: string) {
  const ticket = await staff.call('projects', 'shareTicket', { projectId })
  return opener.call('me', 'enter', { projectId, bindToken: ticket.bindToken || undefined }, { group: await groupCloudId(app, openGId) })
}

export async function buildWorld(app: App): Promise<World> {
  const manager = app.as(MANAGER)
  const teamA = await manager.call('org', 'createTeam', { name: '第一服务专班' })
  const teamB = await manager.call('org', 'createTeam', { name: '第二服务专班' })
  const zj = await manager.call('org', 'upsertDepartment', { name: '住建局', contactName: '陈工', contactPhone: '13800000001' })
  const sw = await manager.call('org', 'upsertDepartment', { name: '商务局' })
  const fg = await manager.call('org', 'upsertDepartment', { name: '发改局' })
  const staffA = app.as('o_staff_a')
  const staffB = app.as('o_staff_b')
  const handlerZj = app.as('o_handler_zj')
  await join(app, staffA, 'staff', teamA._id, '李明')
  await join(app, staffB, 'staff', teamB._id, '赵敏')
  await join(app, handlerZj, 'handler', zj._id, '陈工')
  const project = await manager.call('projects', 'create', {
    enterpriseName: '智造科技有限公司', name: '智能装备产业园', address: '高新区创新大道 1 号', teamId: teamA._id, visitWeekday: 3,
    contacts: [{ name: '张总', phone: '13900000001' }],
  })
  const otherProject = await manager.call('projects', 'create', {
    enterpriseName: '绿能新材料有限公司', name: '新材料基地', address: '高新区科技路 8 号', teamId: teamB._id, visitWeekday: 2,
  })
  const liaison = app.as('o_liaison_1')
  const otherLiaison = app.as('o_liaison_2')
  const groupId = await newGroup(app, '智能装备产业园项目群')
  const otherGroupId = await newGroup(app, '新材料基地项目群')
  await bindAndEnter(app, staffA, liaison, project._id, groupId)
  await liaison.call('me', 'registerLiaison', { projectId: project._id, name: '张总', phone: '13900000001' })
  await bindAndEnter(app, staffB, otherLiaison, otherProject._id, otherGroupId)
  await otherLiaison.call('me', 'registerLiaison', { projectId: otherProject._id, name: '孙经理', phone: '13900000002' })
  return { now: await app.now(), manager, teamA, teamB, staffA, staffB, handlerZj, departments: { zj: zj._id, sw: sw._id, fg: fg._id }, project, otherProject, liaison, otherLiaison, groupId, otherGroupId }
}
