/**
 * Story on the weapp build: 陈工 (住房和城乡建设局) reads his department's queue — 待签收 / 已超期 /
 * 答复审核中 and the 督办 marks — narrows it to 只看超期, opens a newly dispatched issue, signs for it
 * and answers it vaguely; 李明 reviews it: the four questions and the lint on 尽快 / 近期; he sends it
 * back (a note is required); 陈工 reads the note and revises; 李明 passes it.
 */
import { links } from '../../src/domain/links'
import { byClass } from './support/screen'
import { actionsOffered, expectState, openAction } from './support/story'
import type { MiniApp } from './support/miniapp'
import { DEMO, WEAPP_TIMEOUT, useWeappWorld } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

const world = useWeappWorld()

const FOUR_QUESTIONS = ['问题是否已解决或有明确解决方案？', '企业的每一项诉求是否都已答复？', '部门是否已与企业沟通联系？', '未尽事项是否给出了办理时间？']

const rowOf = (app: MiniApp, title: string) => app.ui.blocks('issue-row').find((r) => app.ui.text(app.ui.block('issue-row__title', undefined, r)) === title)
const tagsOf = (app: MiniApp, title: string) => byClass(rowOf(app, title)!, 'tag').map((t) => app.ui.text(t))

it("the handler's queue, sign-for and answer; the reviewer's four questions, lint, one send-back, then a pass", async () => {
  const zj = (await world.db('departments')).find((d) => d.name === '住房和城乡建设局')
  const issue = (await world.db('issues')).find((i) => i.title === '希望增加公交线路')
  expect(issue.state).toBe('submitted')
  await world.client.step(DEMO.staffA, issue._id, { action: 'dispatch', leadDepartmentId: zj._id, category: 'other', complexity: 'normal' })

  // 陈工's home is his department's queue.
  let app = await world.launch(DEMO.handlerZj)
  expect(app.top.route).toBe('pkg-work/pages/queue/index')
  app.ui.see('本部门主办')
  expect(tagsOf(app, '希望增加公交线路')).toEqual(['待签收'])
  expect(tagsOf(app, '新厂房施工许可办理缓慢')).toEqual(['已超期', '红牌', '督办'])
  expect(tagsOf(app, '厂区周边道路破损')).toEqual(['答复审核中'])
  expect(app.ui.text(app.ui.block('due--overdue', undefined, rowOf(app, '新厂房施工许可办理缓慢')))).toMatch(/已超期 \d+ 个工作日/)
  await app.ui.tap('只看超期')
  expect(rowOf(app, '新厂房施工许可办理缓慢')).toBeDefined()
  expect(rowOf(app, '希望增加公交线路')).toBeUndefined()
  await app.ui.tap('只看超期')
  await app.ui.tap(rowOf(app, '希望增加公交线路')!)

  // He signs for it and answers — vaguely.
  expectState(app, '待签收')
  app.ui.see('签收期限')
  await app.ui.tap('确认签收', await openAction(app, '签收'))
  expectState(app, '办理中')
  app.ui.see('答复期限')
  const vague = '已转相关部门，近期将尽快协调公交公司研究研究。'
  let sheet = await openAction(app, '答复')
  await app.ui.type('text', vague, sheet)
  await app.ui.tap('提交答复', sheet)
  expectState(app, '答复审核中')
  expect(actionsOffered(app)).not.toContain('答复')
  expect(actionsOffered(app)).not.toContain('签收')

  // 李明 reviews: the four questions and the lint; he sends it back — with a note, which is required.
  app = await world.launch(DEMO.staffA, (d) => d.openFromMessage(links.issue({ id: issue._id })))
  expectState(app, '待审核')
  app.ui.see(vague)
  sheet = await openAction(app, '督核')
  const lint = app.ui.text(app.ui.block('notice', '答复中有需要留意的措辞', sheet))
  expect(lint).toContain('「尽快」')
  expect(lint).toContain('「近期」')
  for (const q of FOUR_QUESTIONS) app.ui.find(q, sheet)
  await app.ui.tap(FOUR_QUESTIONS[2], sheet)
  await app.ui.tap('退回部门修改', sheet)
  await app.ui.tap('提交督核', sheet)
  expect(app.device.toasts).toContain('退回时请写明意见')
  const note = '请写明开通线路的具体时间和公交公司联系人'
  await app.ui.type('note', note, sheet)
  await app.ui.tap('提交督核', sheet)
  expectState(app, '办理中')
  app.ui.see(`督核退回（李明）：${note}`)
  app.ui.see('张总 13900000001') // the team calls the enterprise back

  // 陈工 reads the note and revises; he sees who raised it, with the phone masked.
  app = await world.launch(DEMO.handlerZj, (d) => d.openFromMessage(links.issue({ id: issue._id })))
  expectState(app, '办理中')
  app.ui.see(`督核退回（李明）：${note}`)
  app.ui.see('张总 139****0001')
  app.ui.notSee('13900000001')
  sheet = await openAction(app, '答复')
  const revised = '已与市公交公司确认：12 月 1 日起 K12 路延伸至园区东门，公交公司联系人李科 0571-88003456，已电话告知企业。'
  await app.ui.type('text', revised, sheet)
  await app.ui.tap('提交答复', sheet)
  expectState(app, '答复审核中')

  // 李明 passes the revised answer: no lint this time.
  app = await world.launch(DEMO.staffA, (d) => d.openFromMessage(links.issue({ id: issue._id })))
  expectState(app, '待审核')
  app.ui.see(revised)
  sheet = await openAction(app, '督核')
  expect(app.ui.blocks('notice', '答复中有需要留意的措辞', sheet)).toEqual([])
  for (const q of FOUR_QUESTIONS) await app.ui.tap(q, sheet)
  await app.ui.tap('通过，发给企业', sheet)
  await app.ui.tap('提交督核', sheet)
  expectState(app, '待企业确认')
  app.ui.see('督核通过（李明）')

  const stored = (await world.db('issues')).find((i) => i._id === issue._id)
  expect(stored.timeline.filter((e: { action: string }) => e.action === 'review')).toHaveLength(2)
  expect(stored.timeline.filter((e: { action: string }) => e.action === 'answer')).toHaveLength(2)
  expect(stored).toMatchObject({ state: 'resolved', answer: { text: revised }, review: { passed: true } })
  expect(app.device.unscripted).toEqual([])
})
