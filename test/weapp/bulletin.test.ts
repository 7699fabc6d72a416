/**
 * Story on the weapp build, 王主任 reads the month's 通报: from home to 办理情况通报 (last month first),
 * one step on to November; a department's 收件 opens its issues on the drill page (the bulletin's
 * period, that department only, as many as the figure says); a 督办 row opens its issue; 生成通报文档 →
 * 打开通报 hands WeChat's document viewer a real .docx with the title, the page's ranking and no phone.
 */
import { readDocx } from '../support/docx'
import { DEMO, WEAPP_TIMEOUT, useWeappWorld } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

const world = useWeappWorld()

it('opens the bulletin, taps a figure to reach its issues, and opens the Word document', async () => {
  const app = await world.launch(DEMO.manager)
  await app.ui.tap('办理情况通报')
  expect(app.top.route).toBe('pkg-admin/pages/bulletin/index')
  app.ui.see('2026年10月企业诉求办理情况通报') // last month first (the clock: 2026-11-18)
  await app.ui.tap('›')
  app.ui.see('2026年11月企业诉求办理情况通报')
  app.ui.see(/全区新收企业诉求\d+件/)

  // The ranking as the page shows it: department names in order.
  const depts = app.ui.blocks('bul__dept')
  expect(depts.length).toBeGreaterThan(1)
  const names = depts.map((d) => app.ui.text(app.ui.block('bul__name', undefined, d)))
  const busiest = depts.find((d) => Number(app.ui.text(app.ui.block('bul__figvalue', undefined, app.ui.block('bul__fig', '收件', d)))) > 0)!
  const received = app.ui.block('bul__fig', '收件', busiest)
  const count = Number(app.ui.text(app.ui.block('bul__figvalue', undefined, received)))
  const name = app.ui.text(app.ui.block('bul__name', undefined, busiest))

  await app.ui.tap(received)
  expect(app.top.route).toBe('pkg-admin/pages/drill/index')
  app.ui.see(`2026年11月 · ${name} · 收件`)
  app.ui.see(`共 ${count} 件`)
  const asked = app.device.callsTo('cloud.callFunction').at(-1)!.args as { data: { action: string; input: Record<string, unknown> } }
  expect(asked.data).toMatchObject({ action: 'drill', input: { metric: 'returns', part: 'denominator', groupBy: 'department' } })
  await app.goBack()

  // A 督办 row (case number first) opens its issue.
  const supervised = app.ui.blocks('bul__line').find((el) => /^\d{4}-\d{6}/.test(app.ui.text(el)))
  expect(supervised).toBeDefined()
  const caseNo = app.ui.text(supervised!).slice(0, 11)
  await app.ui.tap(supervised!)
  expect(app.top.route).toBe('pages/issue/index')
  app.ui.see(caseNo)
  await app.goBack()

  await app.ui.tap('生成通报文档（Word）')
  app.ui.see(/通报文档已生成/)
  await app.ui.tap('打开通报')
  expect(app.device.callsTo('downloadFile')).toHaveLength(1)
  expect(app.device.openedDocuments).toHaveLength(1)
  const doc = readDocx(app.device.openedDocuments[0].bytes)
  expect(doc.paragraphs[0]).toBe('2026年11月企业诉求办理情况通报')
  expect(doc.tables[0].slice(1).map((row) => row[1])).toEqual(names)
  expect(doc.all.replace(/\s/g, '')).not.toMatch(/1[3-9]\d{9}/)
  expect(app.device.unscripted).toEqual([])
})
