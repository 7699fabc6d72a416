/**
 * Story (the issue desk's tracker, "In Chromium: the department handler's list and answer page, and
 * the reviewer's four questions"): 陈工 (住房和城乡建设局) sees his department's queue with the labels
 * he reads (待签收 / 已超期 / 答复审核中) and the 督办 colour; opens a newly dispatched issue, signs
 * for it and answers it; 李明 reviews it — the four questions, and the lint warning for vague words
 * (尽快, 近期) — sends it back once with a note; 陈工 revises; 李明 passes it.
 */
import { LADDER_COLOURS } from '../../src/domain/issue/labels'
import { DEMO, E2E_TIMEOUT, useE2E } from './support/harness'
import { button, chip, exactly, onRoute, openAction, see, stateIs, top, type } from './support/ui'

jest.setTimeout(E2E_TIMEOUT)

const e2e = useE2E('departmentDesk')

const FOUR_QUESTIONS = ['问题是否已解决或有明确解决方案？', '企业的每一项诉求是否都已答复？', '部门是否已与企业沟通联系？', '未尽事项是否给出了办理时间？']

/** The rgb() Chromium reports for a #rrggbb colour. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`

it("the handler's queue, sign-for and answer; the reviewer's four questions, lint, one send-back, then a pass", async () => {
  const started = performance.now()
  // Arrange: the service team dispatches 希望增加公交线路 (still 待交办 in the demo data) to 住建局.
  const zj = (await e2e.db('departments')).find((d) => d.name === '住房和城乡建设局')
  const issue = (await e2e.db('issues')).find((i) => i.title === '希望增加公交线路')
  expect(issue.state).toBe('submitted')
  await e2e.client.call(DEMO.staffA, 'issues', 'act', { issueId: issue._id, command: { action: 'dispatch', leadDepartmentId: zj._id, category: 'other', complexity: 'normal' } })

  // 陈工's home is his department's queue.
  const page = await e2e.page()
  await e2e.open(page, DEMO.handlerZj, 'pages/index/index')
  await onRoute(page, 'pkg-work/pages/queue/index')
  await see(page, '本部门主办')
  const row = (title: string) => top(page).locator('.issue-row').filter({ hasText: title }).first()
  await row('希望增加公交线路').waitFor({ state: 'visible' })
  const tags = async (title: string) => (await row(title).locator('.tag').allInnerTexts()).map((t) => t.trim())
  expect(await tags('希望增加公交线路')).toEqual(['待签收'])
  expect(await tags('新厂房施工许可办理缓慢')).toEqual(['已超期', '红牌', '督办'])
  expect(await tags('厂区周边道路破损')).toEqual(['答复审核中'])
  // The 督办 colour beside the state.
  const red = row('新厂房施工许可办理缓慢').locator('.tag--ladder')
  expect(await red.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(LADDER_COLOURS.red))
  expect(await row('新厂房施工许可办理缓慢').locator('.due--overdue').innerText()).toMatch(/已超期 \d+ 天/)
  // 只看超期 narrows the list to the late one.
  await chip(top(page), '只看超期')
  await row('新厂房施工许可办理缓慢').waitFor({ state: 'visible' })
  await row('希望增加公交线路').waitFor({ state: 'hidden' })
  await e2e.shot(page, 'handler-queue-overdue')
  await chip(top(page), '只看超期')
  await row('希望增加公交线路').waitFor({ state: 'visible' })
  await e2e.shot(page, 'handler-queue')

  // He opens the new one, signs for it and answers — vaguely.
  await row('希望增加公交线路').click()
  await onRoute(page, 'pages/issue/index')
  await stateIs(page, '待签收')
  await see(page, '签收期限')
  await button(await openAction(page, '签收'), '确认签收').click()
  await stateIs(page, '办理中')
  await see(page, '答复期限')
  const vague = '已转相关部门，近期将尽快协调公交公司研究研究。'
  let sheet = await openAction(page, '答复')
  await type(sheet, 'text', vague)
  await e2e.shot(page, 'handler-answer-vague')
  await button(sheet, '提交答复').click()
  await stateIs(page, '答复审核中')
  const handlerActions = (await top(page).locator('[data-testid=actions] taro-button-core').allInnerTexts()).map((t) => t.trim())
  expect(handlerActions).not.toContain('答复')
  expect(handlerActions).not.toContain('签收')

  // 李明 reviews: the four questions and the lint warning; he sends it back with a note.
  await e2e.open(page, DEMO.staffA, `pages/issue/index?id=${issue._id}`)
  await stateIs(page, '待审核')
  await see(page, vague)
  sheet = await openAction(page, '督核')
  const lint = sheet.locator('[data-testid=lint]')
  await lint.waitFor({ state: 'visible' })
  const lintText = await lint.innerText()
  expect(lintText).toContain('答复中有需要留意的措辞')
  expect(lintText).toContain('「尽快」')
  expect(lintText).toContain('「近期」')
  for (const q of FOUR_QUESTIONS) await sheet.locator('.chip').filter({ hasText: exactly(q) }).waitFor({ state: 'visible' })
  await chip(sheet, FOUR_QUESTIONS[2])
  await chip(sheet, '退回部门修改')
  await e2e.shot(page, 'reviewer-four-questions-lint')
  // The note is required to send it back.
  await button(sheet, '提交督核').click()
  await page.getByText('退回时请写明意见').first().waitFor({ state: 'visible' })
  const note = '请写明开通线路的具体时间和公交公司联系人'
  await type(sheet, 'note', note)
  await button(sheet, '提交督核').click()
  await stateIs(page, '办理中')
  await see(page, `督核：退回修改（${note}）`)

  // 陈工 sees the note and revises.
  await e2e.open(page, DEMO.handlerZj, `pages/issue/index?id=${issue._id}`)
  await stateIs(page, '办理中')
  await see(page, `督核：退回修改（${note}）`)
  sheet = await openAction(page, '答复')
  const revised = '已与市公交公司确认：12 月 1 日起 K12 路延伸至园区东门，公交公司联系人李科 0571-88003456，已电话告知企业。'
  await type(sheet, 'text', revised)
  await button(sheet, '提交答复').click()
  await stateIs(page, '答复审核中')

  // 李明 passes the revised answer: no lint this time.
  await e2e.open(page, DEMO.staffA, `pages/issue/index?id=${issue._id}`)
  await stateIs(page, '待审核')
  await see(page, revised)
  sheet = await openAction(page, '督核')
  await sheet.locator('.chip').first().waitFor({ state: 'visible' })
  expect(await sheet.locator('[data-testid=lint]').count()).toBe(0)
  for (const q of FOUR_QUESTIONS) await chip(sheet, q)
  await chip(sheet, '通过，发给企业')
  await button(sheet, '提交督核').click()
  await stateIs(page, '待企业确认')
  await see(page, '督核：通过')
  await e2e.shot(page, 'reviewer-passed')

  const stored = (await e2e.db('issues')).find((i) => i._id === issue._id)
  const reviews = stored.timeline.filter((ev: { action: string }) => ev.action === 'review')
  expect(reviews).toHaveLength(2)
  expect(stored).toMatchObject({ state: 'resolved', answer: { text: revised }, review: { passed: true } })
  expect(stored.timeline.filter((ev: { action: string }) => ev.action === 'answer')).toHaveLength(2)
  expect(e2e.pageErrors()).toEqual([])
  console.log(`departmentDesk story: ${((performance.now() - started) / 1000).toFixed(1)} s in the browser`)
})
