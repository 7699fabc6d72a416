/**
 * Story on the weapp build, 王主任's desk: 导出报表 makes the month's xlsx and 打开报表 hands WeChat's
 * document viewer a real workbook (downloadFile + openDocument) whose sheets hold the issues and
 * visits the page counted; 解绑微信群 asks first — 取消 changes nothing, 解绑 unbinds the group and
 * the project's record says so.
 */
import { unzipText } from './support/unzip'
import { DEMO, WEAPP_TIMEOUT, useWeappWorld } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

const world = useWeappWorld()

it('exports the month as an xlsx that opens in the document viewer', async () => {
  const app = await world.launch(DEMO.manager)
  await app.ui.tap('导出报表')
  expect(app.top.route).toBe('pkg-admin/pages/export/index')
  await app.ui.tap('生成报表')
  app.ui.see('报表已生成')
  const counted = /问题 (\d+) 件 · 走访 (\d+) 次/.exec(app.ui.text())
  expect(counted).not.toBeNull()
  await app.ui.tap('打开报表')

  expect(app.device.callsTo('downloadFile')).toHaveLength(1)
  expect(app.device.openedDocuments).toHaveLength(1)
  const xlsx = unzipText(app.device.openedDocuments[0].bytes)
  expect(xlsx.get('xl/workbook.xml')).toMatch(/name="诉求"[\s\S]*name="走访"/)
  const rows = (sheet: string) => (xlsx.get(sheet)?.match(/<row /g) ?? []).length - 1 // minus the header
  expect([rows('xl/worksheets/sheet1.xml'), rows('xl/worksheets/sheet2.xml')]).toEqual([Number(counted![1]), Number(counted![2])])
  // No phone number leaves in the export.
  expect([...xlsx.values()].some((text) => /1[3-9]\d{9}/.test(text))).toBe(false)
  expect(app.device.unscripted).toEqual([])
})

it('asks before unbinding a project group: 取消 keeps it, 解绑 unbinds it with the reason on record', async () => {
  const project = (await world.db('projects')).find((p) => p.name === '半导体封测项目')
  expect(project.openGId).toBeTruthy()
  const app = await world.launch(DEMO.manager)
  await app.ui.tap('项目管理')
  await app.ui.tap(app.ui.block('card', '半导体封测项目'))
  expect(app.top.route).toBe('pkg-admin/pages/project-edit/index')
  const reason = '原项目群已解散'
  await app.ui.type('unbindReason', reason)

  app.device.modalAnswers.push({ confirm: false })
  await app.ui.tap('解绑微信群')
  expect(app.device.modals.map((m) => m.title)).toEqual(['解绑微信群'])
  expect((await world.db('projects')).find((p) => p._id === project._id).openGId).toBe(project.openGId)

  app.device.modalAnswers.push({ confirm: true })
  await app.ui.tap('解绑微信群')
  expect(app.device.modals.map((m) => m.answer)).toEqual([false, true])
  expect(app.device.toasts).toContain('已解绑')
  app.ui.see(`解绑微信群：${reason}`)
  const after = (await world.db('projects')).find((p) => p._id === project._id)
  expect(after.openGId).toBeUndefined()
  expect(app.device.unscripted).toEqual([])
})
