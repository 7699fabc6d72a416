/**
 * Story on the production weapp build: 张总 opens the mini-program from 智能装备产业园's group card,
 * raises an issue with a photo (chooseMedia → cloud.uploadFile into the local cloud's storage; the
 * subscribe prompt only on the 提交 tap); 李明 dispatches it to 商务局; 刘科 signs for it and answers;
 * 李明 passes the review; 张总 first picks 部分解决 + 满意 (the app asks, he goes back to change it),
 * then confirms 解决 + 满意 — and 王主任's dashboard moves: 满意率's numerator and denominator and
 * this week's 新增 / 办结 bars; the figure drills down to the issue; pull-down refreshes it.
 */
import { links } from '../../src/domain/links'
import { weekKey } from '../../src/domain/time'
import type { MiniApp } from './support/miniapp'
import { byClass, prop } from './support/screen'
import { PNG, chipOn, expectState, openAction } from './support/story'
import { DEMO, WEAPP_TIMEOUT, useWeappWorld } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

const world = useWeappWorld()

interface DashboardReading {
  numerator: number
  denominator: number
  opened: number
  closed: number
}

/** The 满意率 figure (its label reads exactly that). */
const satisfaction = (app: MiniApp): Element => app.ui.blocks('dash__fig').find((f) => app.ui.text(app.ui.block('dash__label', undefined, f)) === '满意率')!

/** 王主任's home → 数据看板: the 满意率 figure and this week's 新增 / 办结 columns. */
async function readDashboard(): Promise<{ app: MiniApp; reading: DashboardReading }> {
  const app = await world.launch(DEMO.manager)
  await app.ui.tap('数据看板')
  expect(app.top.route).toBe('pkg-admin/pages/dashboard/index')
  const fig = satisfaction(app)
  const frac = /^(\d+) \/ (\d+)$/.exec(app.ui.text(app.ui.block('dash__frac', undefined, fig)))
  if (!frac) throw new Error(`满意率 reads ${app.ui.text(fig)}`)
  const label = weekKey(await world.cloud.now()).slice(5)
  const column = app.ui.blocks('chart__group').filter((g) => app.ui.text(app.ui.block('chart__label', undefined, g)) === label)
  expect(column).toHaveLength(1)
  const [opened, closed] = byClass(column[0], 'chart__val').map((v) => Number(v.textContent))
  return { app, reading: { numerator: Number(frac[1]), denominator: Number(frac[2]), opened, closed } }
}

it('a liaison raises an issue from the group card; it is dispatched, answered, reviewed, confirmed — and the dashboard moves', async () => {
  const before = (await readDashboard()).reading

  // 张总 opens the group's card: home → that project's board (scene 1044, shareTicket, group CloudID).
  const group = await world.group('智能装备产业园')
  const liaison = await world.launch(DEMO.liaison1, (d) => d.openFromGroup(group.openGId))
  expect(liaison.stack.map((p) => p.route)).toEqual(['pages/index/index', 'pages/board/index'])
  liaison.ui.see('智能装备产业园')
  expect(liaison.device.callsTo('getGroupEnterInfo')).toHaveLength(1)
  await liaison.ui.tap('我要反映问题')
  expect(liaison.top.route).toBe('pages/raise/index')
  await liaison.ui.tap('市场拓展')
  const title = '海外展会参展补贴咨询'
  await liaison.ui.type('title', title)
  await liaison.ui.type('description', '计划参加明年汉诺威工业博览会，想了解展位费补贴的申报条件和时间。')
  liaison.device.photos.push([{ name: 'booth.png', bytes: PNG }])
  await liaison.ui.tap(liaison.ui.block('photos__add'))
  liaison.ui.see('已选 1 张')
  expect(liaison.ui.blocks('photos__img')).toHaveLength(1)
  // No subscribe prompt so far: not on the board's load, not on the form's.
  expect(liaison.device.callsTo('requestSubscribeMessage')).toEqual([])
  await liaison.ui.tap('提交')
  const prompts = liaison.device.callsTo('requestSubscribeMessage')
  expect(prompts.map((p) => ({ page: p.page, inTap: p.inTap }))).toEqual([{ page: 'pages/raise/index', inTap: true }])
  expect(liaison.top.route).toBe('pages/issue/index')
  expectState(liaison, '待受理')
  liaison.ui.see(title)
  const issueId = liaison.top.query.id
  expect(liaison.ui.blocks('photos__img')).toHaveLength(1)

  // The photo went through cloud.uploadFile into the local cloud's storage and is on the issue.
  const raised = (await world.db('issues')).find((i) => i._id === issueId)
  expect(raised).toMatchObject({ title, state: 'submitted', source: 'group', raisedBy: DEMO.liaison1 })
  expect(raised.photos).toHaveLength(1)
  const upload = liaison.device.callsTo('cloud.uploadFile')[0].args as { cloudPath: string }
  expect(raised.photos[0]).toMatch(new RegExp(`/${upload.cloudPath.replace(/[.]/g, '\\.')}$`))
  // It went under 张总's own folder, and opens only through the link the function issued with the view.
  expect(upload.cloudPath).toMatch(new RegExp(`^uploads/${DEMO.liaison1}/`))
  expect((await fetch(`${world.cloud.url}/files/${upload.cloudPath}`)).status).toBe(403)
  const src = String(prop(liaison.ui.blocks('photos__img')[0], 'src'))
  expect(src).toMatch(/[?&]sign=/)
  const photo = await fetch(src)
  expect(Buffer.from(await photo.arrayBuffer())).toEqual(PNG)

  // 李明 (第一服务专班) opens it from his queue and dispatches it to 商务局.
  const staff = await world.launch(DEMO.staffA)
  await staff.ui.tap('问题队列 ›')
  await staff.ui.tap(staff.ui.block('issue-row', title))
  expectState(staff, '待交办')
  let sheet = await openAction(staff, '交办')
  await staff.ui.tap('商务局', sheet)
  expect(chipOn(staff, '市场拓展', sheet)).toBe(true)
  await staff.ui.tap('确认交办', sheet)
  expectState(staff, '待签收')
  staff.ui.see('主办：商务局')

  // 刘科 (商务局): his queue → sign for → answer.
  const handler = await world.launch(DEMO.handlerSw)
  expect(handler.top.route).toBe('pkg-work/pages/queue/index')
  await handler.ui.tap(handler.ui.block('issue-row', title))
  expectState(handler, '待签收')
  await handler.ui.tap('确认签收', await openAction(handler, '签收'))
  expectState(handler, '办理中')
  const answerText = '已与企业电话沟通：展位费补贴按实际费用 50% 申报，12 月 15 日前提交申请表，商务局联系人王科 0571-88002345。'
  sheet = await openAction(handler, '答复')
  await handler.ui.type('text', answerText, sheet)
  await handler.ui.tap('提交答复', sheet)
  expectState(handler, '答复审核中')
  // The desk's consents were asked on those taps, never on a load.
  expect(handler.device.callsTo('requestSubscribeMessage').every((c) => c.inTap)).toBe(true)

  // 李明 reviews it against the four questions and passes it.
  const reviewer = await world.launch(DEMO.staffA, (d) => d.openFromMessage(links.issue({ id: issueId })))
  expectState(reviewer, '待审核')
  reviewer.ui.see(answerText)
  sheet = await openAction(reviewer, '督核')
  for (const q of ['问题是否已解决或有明确解决方案？', '企业的每一项诉求是否都已答复？', '部门是否已与企业沟通联系？', '未尽事项是否给出了办理时间？']) await reviewer.ui.tap(q, sheet)
  await reviewer.ui.tap('通过，发给企业', sheet)
  await reviewer.ui.tap('提交督核', sheet)
  expectState(reviewer, '待企业确认')

  // 张总 confirms: 部分解决 with 满意 makes the app ask; he goes back (再改改), then 解决 + 满意.
  const confirmer = await world.launch(DEMO.liaison1, (d) => d.openFromMessage(links.issue({ id: issueId })))
  expectState(confirmer, '待您确认')
  confirmer.ui.see(answerText)
  sheet = await openAction(confirmer, '确认评价')
  await confirmer.ui.tap('部分解决', sheet)
  await confirmer.ui.tap('满意', sheet)
  confirmer.device.modalAnswers.push({ confirm: false })
  await confirmer.ui.tap('提交评价', sheet)
  expect(confirmer.device.modals.map((m) => m.title)).toEqual(['请确认'])
  expect(confirmer.device.modals[0].content).toContain('部分解决')
  expectState(confirmer, '待您确认')
  await confirmer.ui.tap('解决', sheet)
  await confirmer.ui.tap('提交评价', sheet)
  expectState(confirmer, '已办结')
  confirmer.ui.see('解决 · 满意')
  expect(confirmer.device.unscripted).toEqual([])
  const closed = (await world.db('issues')).find((i) => i._id === issueId)
  expect(closed).toMatchObject({ state: 'closed', confirmation: { resolution: 'solved', rating: 'satisfied' } })

  // The manager's dashboard moved; the figure drills down to the issue.
  const { app: manager, reading: after } = await readDashboard()
  expect(after).toEqual({ numerator: before.numerator + 1, denominator: before.denominator + 1, opened: before.opened + 1, closed: before.closed + 1 })
  const callsBefore = manager.device.callsTo('cloud.callFunction').length
  await manager.ui.pullDown()
  expect(manager.device.callsTo('cloud.callFunction').length).toBe(callsBefore + 1)
  expect(manager.device.callsTo('stopPullDownRefresh')).toHaveLength(1)
  await manager.ui.tap(satisfaction(manager))
  expect(manager.top.route).toBe('pkg-admin/pages/drill/index')
  manager.ui.see(title)
  for (const app of [liaison, staff, handler, reviewer, confirmer, manager]) expect(app.device.unscripted).toEqual([])
})
