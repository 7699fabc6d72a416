/**
 * Issues in every state and every 督办 colour, each driven through the real functions at the
 * time it happened (the local cloud's clock is moved for each step).
 */
import type { LocalCloudClient } from '../devClient'
import { HOUR_MS } from '../../src/domain/time'
import { workingDaysAgo } from './clock'
import { DEMO, type DemoOrg } from './org'

const CHECKS = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }
type Detail = { issue: { _id: string; version: number } }

export async function seedIssues(c: LocalCloudClient, org: DemoOrg, now: number): Promise<void> {
  let n = 0
  const [p1, p2, p3, p4, p5, p6] = org.projects
  const d = (name: string) => org.dept[name]
  const wd = (k: number, hour = 10) => workingDaysAgo(now, k, hour)

  const raise = async (who: string, projectId: string, title: string, category: string, at: number, description = title): Promise<Detail> => {
    await c.setClock(at)
    return c.call(who, 'issues', 'raise', {
      projectId, source: 'group', category, title, description: `${description}，请协调解决。`, photos: [], urgency: 'normal', clientRequestId: `seed_issue_${n++}`,
    })
  }
  // Each issue's latest version, as the person acting would have seen it.
  const versions = new Map<string, number>()
  let step = 0
  const act = async (who: string, issue: Detail, at: number, command: Record<string, unknown>): Promise<Detail> => {
    await c.setClock(at)
    const issueId = issue.issue._id
    const expectedVersion = versions.get(issueId) ?? issue.issue.version
    const after: Detail = await c.call(who, 'issues', 'act', { issueId, expectedVersion, clientRequestId: `seed_step_${step++}`, command })
    versions.set(issueId, after.issue.version)
    return after
  }
  const dispatch = (staff: string, issue: Detail, at: number, dept: string, category: string, complexity = 'normal') =>
    act(staff, issue, at, { action: 'dispatch', leadDepartmentId: d(dept), category, complexity })
  /** Sign for, answer, pass review: the department (or the team on its behalf) resolves it. */
  const resolve = async (worker: string, reviewer: string, issue: Detail, from: number, text: string) => {
    await act(worker, issue, from, { action: 'sign_for' })
    await act(worker, issue, from + 2 * HOUR_MS, { action: 'answer', text, files: [] })
    return act(reviewer, issue, from + 3 * HOUR_MS, { action: 'review', passed: true, checklist: CHECKS })
  }
  const A = DEMO.staffA
  const B = DEMO.staffB

  // 红: dispatched long ago, never signed for.
  const permit = await raise(DEMO.liaison1, p1._id, '新厂房施工许可办理缓慢', 'approval', wd(12), '新厂房施工许可材料已交两周仍未批复')
  await dispatch(A, permit, wd(11), '住房和城乡建设局', 'approval')
  // 重复反映 of the same matter: suggested at raise time, linked by the team.
  const again = await raise(DEMO.liaison1, p1._id, '施工许可仍未办理', 'approval', wd(2, 15), '再次反映施工许可问题')
  await act(A, again, wd(2, 16), { action: 'link_repeat', repeatOf: permit.issue._id })
  // 黄 + 督办: answer overdue, supervised by hand.
  const power = await raise(DEMO.liaison1, p1._id, '二期用电增容', 'utilities', wd(7), '二期投产需要增容 2000 千伏安')
  await dispatch(A, power, wd(6), '供电公司', 'utilities', 'simple')
  await act(A, power, wd(6, 14), { action: 'sign_for' })
  await act(DEMO.manager, power, wd(0, 9), { action: 'supervise', reason: '影响企业投产，列入督办' })
  // 蓝: sign-for due by the end of today.
  const school = await raise(DEMO.liaison1, p1._id, '员工子女入学咨询', 'policy', wd(1, 9), '新引进人才子女入学政策')
  await dispatch(A, school, wd(1, 10), '人力资源和社会保障局', 'policy', 'simple')
  // 待补充材料.
  const rnd = await raise(DEMO.liaison1, p1._id, '研发费用加计扣除申报', 'finance', wd(5), '研发费用加计扣除申报口径不清')
  await dispatch(A, rnd, wd(5, 14), '税务局', 'finance')
  await act(A, rnd, wd(4), { action: 'sign_for' })
  await act(A, rnd, wd(4, 11), { action: 'request_materials', reason: '请补充 2025 年研发项目立项材料' })
  // 待审核, with vague words for the reviewer's lint.
  const road = await raise(DEMO.liaison1, p1._id, '厂区周边道路破损', 'safety', wd(4), '厂区东侧道路破损，货车通行困难')
  await dispatch(A, road, wd(4, 11), '住房和城乡建设局', 'safety')
  await act(DEMO.handlerZj, road, wd(3), { action: 'sign_for' })
  await act(DEMO.handlerZj, road, wd(1, 15), { action: 'answer', text: '已转相关部门，近期将安排维修，尽快处理', files: [] })
  // 待确认.
  const hiring = await raise(DEMO.liaison1, p1._id, '招聘技术工人', 'hiring', wd(3), '急需数控技术工人 30 名')
  await dispatch(A, hiring, wd(3, 11), '人力资源和社会保障局', 'hiring')
  await resolve(A, DEMO.manager, hiring, wd(2), '已安排 12 月 3 日专场招聘会，人社局联系人王科 0571-88001234，已电话告知企业')
  // 已办结, satisfied.
  const fair = await raise(DEMO.liaison1, p1._id, '外贸订单展会对接', 'market', wd(15), '希望参加广交会')
  await dispatch(A, fair, wd(15, 11), '商务局', 'market')
  await resolve(DEMO.handlerSw, A, fair, wd(14), '已推荐参加第 139 届广交会，展位已协调，已与企业电话确认')
  await act(DEMO.liaison1, fair, wd(13), { action: 'confirm', resolution: 'solved', rating: 'satisfied', comment: '很及时' })
  // Reopened (部分解决 + 不满意), then closed.
  const fire = await raise(DEMO.liaison1, p1._id, '消防验收', 'safety', wd(14), '新车间消防验收排期')
  await dispatch(A, fire, wd(14, 11), '应急管理局', 'safety')
  await resolve(A, DEMO.manager, fire, wd(13), '已协调消防验收，11 月 10 日现场验收，已通知企业')
  await act(DEMO.liaison1, fire, wd(12), { action: 'confirm', resolution: 'partly', rating: 'unsatisfied', comment: '验收意见还有两项未整改' })
  await act(A, fire, wd(11), { action: 'answer', text: '两项整改已于 11 月 14 日复核通过，已告知企业', files: [] })
  await act(DEMO.manager, fire, wd(11, 14), { action: 'review', passed: true, checklist: CHECKS })
  await act(DEMO.liaison1, fire, wd(10), { action: 'confirm', resolution: 'solved', rating: 'basically' })
  // 待交办 and 已撤回.
  await raise(DEMO.liaison1, p1._id, '希望增加公交线路', 'other', Math.max(wd(0, 9), now - 2 * HOUR_MS), '员工通勤不便')
  const flat = await raise(DEMO.liaison1, p1._id, '咨询人才公寓', 'policy', wd(6))
  await act(DEMO.liaison1, flat, wd(6, 11), { action: 'withdraw', reason: '已自行了解' })
  // A 25-working-day limit from now ends in 2027, whose arrangement is not entered yet: estimated.
  const land = await raise(DEMO.liaison1, p1._id, '用地指标调整', 'land', wd(0, 9), '三期用地指标需要调整')
  await dispatch(A, land, Math.max(wd(0, 9) + HOUR_MS, now - HOUR_MS), '自然资源和规划分局', 'land', 'major')

  // Second project: declined, auto-closed later by the timer, a mismatch acknowledged, dispatched today.
  const fee = await raise(DEMO.liaison2, p4._id, '申请减免物业费', 'other', wd(9))
  await act(B, fee, wd(9, 11), { action: 'decline', reason: '物业费属企业与园区合同约定事项，不在受理范围' })
  const permitEnv = await raise(DEMO.liaison2, p4._id, '排污许可续期', 'environment', wd(16))
  await dispatch(B, permitEnv, wd(16, 11), '生态环境分局', 'environment', 'simple')
  await resolve(B, DEMO.manager, permitEnv, wd(15), '排污许可已续期至 2031 年，电子证照已发送企业邮箱')
  const tax = await raise(DEMO.liaison2, p4._id, '出口退税进度', 'finance', wd(10))
  await dispatch(B, tax, wd(10, 11), '税务局', 'finance')
  await resolve(B, DEMO.manager, tax, wd(9), '第一批退税已到账，第二批 12 月 5 日前办结，已电话告知企业')
  await act(DEMO.liaison2, tax, wd(8), { action: 'confirm', resolution: 'partly', rating: 'satisfied', acknowledgeMismatch: true })
  const expo = await raise(DEMO.liaison2, p4._id, '新品发布会场地', 'market', wd(0, 9))
  await dispatch(B, expo, Math.max(wd(0, 10), now - HOUR_MS), '商务局', 'market', 'simple')

  // A little history elsewhere for the dashboard's breakdowns.
  for (const [i, p] of [p2, p3, p5, p6].entries()) {
    const staff = p.teamId === org.teamA ? A : B
    const member = `o_demo_member_${org.projects.indexOf(p)}`
    // Raising needs registration as the project's liaison (name and phone), not only membership.
    await c.call(member, 'me', 'registerLiaison', { projectId: p._id, name: ['钱经理', '吴主任', '郑总', '冯经理'][i], phone: `1390000001${i}` })
    const x = await raise(member, p._id, ['实验室环评', '网络专线', '储能电站并网', '洁净厂房验收'][i], ['environment', 'utilities', 'utilities', 'safety'][i], wd(20 - i))
    await dispatch(staff, x, wd(19 - i), ['生态环境分局', '经济和信息化局', '供电公司', '应急管理局'][i], 'utilities', 'normal')
    await resolve(staff, DEMO.manager, x, wd(18 - i), '已办结，已电话告知企业，相关手续 11 月底前全部完成')
    await act(member, x, wd(17 - i), { action: 'confirm', resolution: i === 2 ? 'partly' : 'solved', rating: i === 2 ? 'basically' : 'satisfied' })
  }
}
