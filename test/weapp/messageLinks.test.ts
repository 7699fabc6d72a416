/**
 * Story: every way back into the mini-program that the product hands out opens the page it is
 * about. A liaison who allowed notifications on 提交 hears when the issue is dispatched, and the
 * message opens that issue (scene 1014). A team member's share card binds a new group on its first
 * opening and opens that project's board (scene 1044); the weekly digest card opens the board too.
 */
import { links } from '../../src/domain/links'
import type { MiniApp } from './support/miniapp'
import { expectState } from './support/story'
import { DEMO, WEAPP_TIMEOUT, useWeappWorld } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

const world = useWeappWorld()

async function raiseFromGroup(title: string): Promise<{ app: MiniApp; issueId: string }> {
  const group = await world.group('智能装备产业园')
  const app = await world.launch(DEMO.liaison1, (d) => d.openFromGroup(group.openGId))
  await app.ui.tap('我要反映问题')
  await app.ui.tap('用工招聘')
  await app.ui.type('title', title)
  await app.ui.type('description', '新招的 20 名技术工人需要办理人才公寓入住，希望了解申请流程。')
  await app.ui.tap('提交')
  expectState(app, '待受理')
  return { app, issueId: app.top.query.id }
}

it('a liaison who allowed notifications on 提交 is told of the dispatch, and the message opens the issue', async () => {
  const title = '技术工人人才公寓申请'
  const { app: raising, issueId } = await raiseFromGroup(title)
  // The prompt came on the tap and was accepted.
  expect(raising.device.callsTo('requestSubscribeMessage').map((c) => c.inTap)).toEqual([true])

  const departments = await world.db('departments')
  const hr = departments.find((d) => d.name === '人力资源和社会保障局')
  await world.client.step(DEMO.staffA, issueId, { action: 'dispatch', leadDepartmentId: hr._id, category: 'hiring', complexity: 'normal' })

  const toLiaison = (await world.outbox()).filter((m) => m.touser === DEMO.liaison1 && m.errcode === 0)
  expect(toLiaison).toHaveLength(1)
  const message = toLiaison[0]
  expect(JSON.stringify(message.data)).toContain(title)

  // 张总 taps the service notification: WeChat opens the message's page with its query.
  const app = await world.launch(DEMO.liaison1, (d) => d.openFromMessage(message.page))
  expect(app.stack.map((p) => p.route)).toEqual(['pages/issue/index'])
  app.ui.see(title)
  expectState(app, '部门办理中')
  expect(app.device.unscripted).toEqual([])
})

it("a team member's share card binds a new group on its first opening, and the digest card opens the board", async () => {
  // A project without a group yet, made by the manager.
  const teamA = (await world.db('teams')).find((t) => t.name === '第一服务专班')
  const project = await world.client.call(DEMO.manager, 'projects', 'create', { enterpriseName: '远航物流有限公司', name: '智慧物流园', address: '高新区港湾路 9 号', teamId: teamA._id, visitWeekday: 2, contacts: [] })

  // 李明 opens its board and shares it from the menu: the card carries the one-time bind token.
  const staff = await world.launch(DEMO.staffA, (d) => d.openFromMessage(links.board({ projectId: project._id })))
  staff.ui.see('智慧物流园')
  staff.ui.see('本项目尚未绑定微信群')
  const card = await staff.ui.share({ from: 'menu' })
  expect(card.title).toContain('智慧物流园')
  expect(card.path).toMatch(/^\/pages\/board\/index\?/)
  expect(staff.device.callsTo('showShareMenu').length).toBeGreaterThan(0)

  // The first member of the new group opens the card: the group is bound to the project.
  const groupId = await world.client.newGroup('智慧物流园项目群')
  const [path, search] = card.path!.replace(/^\//, '').split('?')
  const member = await world.launch('o_weapp_member_1', (d) => d.openFromGroup(groupId, path, Object.fromEntries(new URLSearchParams(search))))
  expect(member.top.route).toBe('pages/board/index')
  member.ui.see('本群已绑定到此项目')
  member.ui.see('智慧物流园')
  expect((await world.db('projects')).find((p) => p._id === project._id).openGId).toBe(groupId)

  // The weekly digest, shared from the board's button: its card opens the same board.
  const sharing = await world.launch(DEMO.staffA, (d) => d.openFromGroup(groupId, path, { projectId: project._id }))
  const digestButton = sharing.ui.find(/^分享本周简报到项目群$/)
  const digest = await sharing.ui.share({ from: 'button', button: digestButton.closest('wx-button')! })
  expect(digest.title).toMatch(/^本周.*｜在办 \d+ · 本周办结 \d+ · 超期 \d+$/)
  const [digestPath, digestSearch] = digest.path!.replace(/^\//, '').split('?')
  const reader = await world.launch('o_weapp_member_1', (d) => d.openFromGroup(groupId, digestPath, Object.fromEntries(new URLSearchParams(digestSearch))))
  expect(reader.top.route).toBe('pages/board/index')
  reader.ui.see('智慧物流园')
  reader.ui.notSee('未找到项目')
  expect((await world.db('projects')).find((p) => p._id === project._id).digestSharedBy).toBe(DEMO.staffA)
})
