import type { LocalCloudClient } from '../devClient'

export const DEMO = {
  manager: 'o_demo_manager',
  staffA: 'o_demo_staff_a',
  staffB: 'o_demo_staff_b',
  handlerZj: 'o_demo_handler_zj',
  handlerSw: 'o_demo_handler_sw',
  liaison1: 'o_demo_liaison_1',
  liaison2: 'o_demo_liaison_2',
  newcomer: 'o_demo_newcomer',
} as const

export const DEPARTMENTS = [
  '发展改革局', '经济和信息化局', '科技局', '商务局', '财政局', '人力资源和社会保障局', '自然资源和规划分局',
  '住房和城乡建设局', '生态环境分局', '应急管理局', '市场监督管理局', '税务局', '行政审批局', '供电公司',
]

export interface DemoOrg {
  teamA: string
  teamB: string
  dept: Record<string, string>
  projects: { _id: string; name: string; teamId: string; group?: string; liaison?: string }[]
}

const PROJECTS = [
  { enterpriseName: '智造科技有限公司', name: '智能装备产业园', address: '高新区创新大道 1 号', team: 'A', visitWeekday: 3, liaison: DEMO.liaison1, liaisonName: '张总', phone: '13900000001' },
  { enterpriseName: '康宁生物医药有限公司', name: '生物医药中试基地', address: '高新区药谷路 18 号', team: 'A', visitWeekday: 2, memberName: '周经理', phone: '13900000003' },
  { enterpriseName: '云算数据科技有限公司', name: '数据中心二期', address: '高新区云谷 6 号', team: 'A', visitWeekday: 4, memberName: '吴总', phone: '13900000004' },
  { enterpriseName: '绿能新材料有限公司', name: '新材料基地', address: '高新区科技路 8 号', team: 'B', visitWeekday: 2, liaison: DEMO.liaison2, liaisonName: '孙经理', phone: '13900000002' },
  { enterpriseName: '恒储新能源有限公司', name: '新能源电池项目', address: '高新区储能大道 66 号', team: 'B', visitWeekday: 3, memberName: '郑主任', phone: '13900000005' },
  { enterpriseName: '芯联半导体有限公司', name: '半导体封测项目', address: '高新区芯城路 2 号', team: 'B', visitWeekday: 5, memberName: '钱经理', phone: '13900000006' },
]

/** The demo projects' sites, a kilometre or so apart. */
export const projectLocation = (i: number) => ({ latitude: 30.27 + i * 0.01, longitude: 120.15 + i * 0.01 })

async function join(c: LocalCloudClient, openid: string, name: string, invite: Record<string, unknown>) {
  const { code } = await c.call(DEMO.manager, 'org', 'createInvite', invite)
  await c.call(openid, 'me', 'acceptInvite', { code, name })
}

export async function seedOrg(c: LocalCloudClient): Promise<DemoOrg> {
  const m = DEMO.manager
  const teamA = (await c.call(m, 'org', 'createTeam', { name: '第一服务专班' }))._id
  const teamB = (await c.call(m, 'org', 'createTeam', { name: '第二服务专班' }))._id
  const dept: Record<string, string> = {}
  for (const name of DEPARTMENTS) dept[name] = (await c.call(m, 'org', 'upsertDepartment', { name, contactName: '办公室', contactPhone: '0571-88000000' }))._id
  await join(c, DEMO.staffA, '李明', { kind: 'staff', teamId: teamA })
  await join(c, DEMO.staffB, '赵敏', { kind: 'staff', teamId: teamB })
  await join(c, DEMO.handlerZj, '陈工', { kind: 'handler', departmentId: dept['住房和城乡建设局'] })
  await join(c, DEMO.handlerSw, '刘科', { kind: 'handler', departmentId: dept['商务局'] })
  await c.call(m, 'org', 'createInvite', { kind: 'staff', teamId: teamA, maxUses: 10 }) // one open invite to show
  const projects: DemoOrg['projects'] = []
  for (const [i, p] of PROJECTS.entries()) {
    const teamId = p.team === 'A' ? teamA : teamB
    const staff = p.team === 'A' ? DEMO.staffA : DEMO.staffB
    const created = await c.call(m, 'projects', 'create', {
      enterpriseName: p.enterpriseName, name: p.name, address: p.address, teamId, visitWeekday: p.visitWeekday,
      contacts: p.liaisonName ? [{ name: p.liaisonName, title: '总经理', phone: p.phone }] : [],
      // Where the visit records measure check-ins from (the last project has none: no distance shown).
      ...(i < PROJECTS.length - 1 ? { location: projectLocation(i) } : {}),
    })
    const group = await c.newGroup(`${p.name}项目群`)
    const ticket = await c.call(staff, 'projects', 'shareTicket', { projectId: created._id })
    const opener = p.liaison ?? `o_demo_member_${projects.length}`
    await c.call(opener, 'me', 'enter', { projectId: created._id, bindToken: ticket.bindToken }, { group: await c.groupCloudId(group) })
    // Whoever opened the card registers (name and phone): only registered members raise issues.
    await c.call(opener, 'me', 'registerLiaison', { projectId: created._id, name: p.liaisonName ?? p.memberName, phone: p.phone })
    projects.push({ _id: created._id, name: p.name, teamId, group, liaison: p.liaison })
  }
  return { teamA, teamB, dept, projects }
}
