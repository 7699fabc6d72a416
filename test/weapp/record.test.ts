/**
 * Story on the production weapp build — what one person enters, the next reads on their own screen,
 * and no one else: 陈工 (住房和城乡建设局, lead) asks 张总 for materials; 张总 supplies a text and a
 * photo; 陈工 reads both, with 张总's name and a masked number, and the case number; 刘科 (商务局,
 * assisting) writes an opinion; 陈工 records one note for the enterprise and one for inside only;
 * 李明 (the team) reads all of it; 张总 reads the enterprise's note and nothing internal.
 */
import { links } from '../../src/domain/links'
import type { MiniApp } from './support/miniapp'
import { byClass, prop } from './support/screen'
import { PNG, expectState, openAction } from './support/story'
import { DEMO, WEAPP_TIMEOUT, useWeappWorld } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

const world = useWeappWorld()

/** The issue page's card whose first title reads exactly `title` (补充材料, 反映人, 协办意见…). */
const section = (app: MiniApp, title: string): Element | undefined =>
  app.ui.blocks('card').find((card) => (byClass(card, 'card__title')[0]?.textContent ?? '').trim() === title)
const sectionText = (app: MiniApp, title: string): string => {
  const el = section(app, title)
  return el ? app.ui.text(el) : ''
}

it('materials, opinions and notes reach the people the table names, on their own pages, and no one else', async () => {
  const projects = await world.db('projects')
  const park = projects.find((p) => p.name === '智能装备产业园')
  const depts = await world.db('departments')
  const zj = depts.find((d) => d.name === '住房和城乡建设局')._id
  const sw = depts.find((d) => d.name === '商务局')._id
  const title = '新建仓库消防设计审查'
  const raised = await world.client.call(DEMO.liaison1, 'issues', 'raise', {
    projectId: park._id, source: 'group', category: 'approval', title, description: '消防设计审查已提交三周，请协调。', photos: [], urgency: 'normal', clientRequestId: 'weapp_record_raise_01',
  })
  const id = raised.issue._id
  const caseNo: string = raised.issue.caseNo
  expect(caseNo).toMatch(/^\d{4}-\d{6}$/)
  await world.client.step(DEMO.staffA, id, { action: 'dispatch', leadDepartmentId: zj, assistDepartmentIds: [sw], category: 'approval', complexity: 'normal' })
  await world.client.step(DEMO.handlerZj, id, { action: 'sign_for' })
  await world.client.step(DEMO.handlerZj, id, { action: 'request_materials', reason: '请补充消防设计图纸首页' })

  // 张总 supplies a text and a photo from his issue page.
  const liaison = await world.launch(DEMO.liaison1, (d) => d.openFromMessage(links.issue({ id })))
  expectState(liaison, '待您补充材料')
  liaison.ui.see('请补充消防设计图纸首页')
  let sheet = await openAction(liaison, '补充材料')
  const supplied = '图纸首页已拍照上传，原件可到公司查看。'
  await liaison.ui.type('text', supplied, sheet)
  liaison.device.photos.push([{ name: 'drawing.png', bytes: PNG }])
  await liaison.ui.tap(liaison.ui.block('photos__add', undefined, sheet))
  await liaison.ui.tap('提交材料', sheet)
  expectState(liaison, '部门办理中')

  // 陈工 reads them: the text, the photo (through a signed link), who raised it — masked — and the case number.
  let handler = await world.launch(DEMO.handlerZj, (d) => d.openFromMessage(links.issue({ id })))
  expectState(handler, '办理中')
  handler.ui.see(caseNo)
  expect(sectionText(handler, '补充材料')).toContain(supplied)
  const img = section(handler, '补充材料')!.querySelector('.photos__img, [class*="photos__img"]')
  expect(img).not.toBeNull()
  const src = String(prop(img!, 'src'))
  expect(src).toMatch(/[?&]sign=/)
  expect(Buffer.from(await (await fetch(src)).arrayBuffer())).toEqual(PNG)
  expect(sectionText(handler, '反映人')).toContain('张总 139****0001')
  handler.ui.notSee('13900000001')

  // 刘科 (assisting) writes an opinion.
  const assist = await world.launch(DEMO.handlerSw, (d) => d.openFromMessage(links.issue({ id })))
  const opinion = '商务局意见：该仓库属于招商重点项目，建议优先排期。'
  sheet = await openAction(assist, '协办意见')
  await assist.ui.type('text', opinion, sheet)
  await assist.ui.tap('确认协办意见', sheet)
  expect(sectionText(assist, '协办意见')).toContain(opinion)

  // 陈工 records one note for the enterprise and one for inside only.
  handler = await world.launch(DEMO.handlerZj, (d) => d.openFromMessage(links.issue({ id })))
  expect(sectionText(handler, '协办意见')).toContain(opinion)
  const publicNote = '已与消防大队约定下周二现场踏勘。'
  const internalNote = '消防大队反映图纸有两处需修改，待与设计院沟通。'
  sheet = await openAction(handler, '记录进展')
  await handler.ui.type('text', publicNote, sheet)
  // The chip, not the field's label (both read 企业可见).
  await handler.ui.tap(handler.ui.blocks('chip', '企业可见', sheet).find((c) => (c.textContent ?? '').trim() === '企业可见')!)
  await handler.ui.tap('保存进展', sheet)
  sheet = await openAction(handler, '记录进展')
  await handler.ui.type('text', internalNote, sheet)
  await handler.ui.tap('保存进展', sheet)
  const notes = sectionText(handler, '协办意见')
  expect(notes).toContain(publicNote)
  expect(notes).toContain(internalNote)

  // 李明 (the team) reads all of it, the raiser's number in full.
  const staff = await world.launch(DEMO.staffA, (d) => d.openFromMessage(links.issue({ id })))
  staff.ui.see(caseNo)
  for (const text of [supplied, opinion, publicNote, internalNote]) staff.ui.see(text)
  expect(sectionText(staff, '反映人')).toContain('13900000001')

  // 张总 reads the note meant for him, and nothing internal.
  const back = await world.launch(DEMO.liaison1, (d) => d.openFromMessage(links.issue({ id })))
  back.ui.see(caseNo)
  back.ui.see(publicNote)
  back.ui.see(supplied)
  back.ui.notSee(internalNote)
  back.ui.notSee(opinion)
  back.ui.notSee('企业可见')
  // …and the issue is found by its case number in his list.
  expect(back.device.unscripted).toEqual([])
})
