/**
 * Story: a liaison opens the mini-program from the project's WeChat group and raises an issue with a
 * photo; the service team dispatches it to 商务局; the department's handler signs for and answers it;
 * the service team reviews it against the four questions; the liaison confirms 解决 + 满意 — and the
 * manager's dashboard moves: the satisfaction figure (numerator / denominator) and this week's bars.
 */
import type { Page } from 'playwright-core'
import { weekKey } from '../../src/domain/time'
import { DEMO, E2E_TIMEOUT, makePng, useE2E } from './support/harness'
import { addPhoto, allowSubscribeIfAsked, button, chip, chipOn, exactly, hashParam, onRoute, openAction, see, stateIs, top, type } from './support/ui'

jest.setTimeout(E2E_TIMEOUT)

const e2e = useE2E('liaisonToManager', { subscribe: 'ask' })

interface DashboardReading {
  satisfaction: string
  numerator: number
  denominator: number
  week: string
  opened: number
  closed: number
}

/** The manager's dashboard: the 满意率 figure and this week's 新增 / 办结 bars. */
async function readDashboard(page: Page, shotName: string): Promise<DashboardReading> {
  await e2e.open(page, DEMO.manager, 'pkg-admin/pages/dashboard/index')
  const fig = top(page).locator('[data-metric=satisfaction]')
  await fig.waitFor({ state: 'visible' })
  await see(page, '每周新增与办结')
  const frac = (await fig.locator('.dash__frac').innerText()).trim()
  const m = /^(\d+)\s*\/\s*(\d+)$/.exec(frac)
  if (!m) throw new Error(`满意率 figure reads "${frac}"`)
  // This week's bars (labelled like "W48").
  const label = weekKey(await e2e.cloud.now()).slice(5)
  const thisWeek = top(page).locator('.chart__columns .chart__group').filter({ has: page.locator('.chart__label', { hasText: exactly(label) }) })
  expect(await thisWeek.count()).toBe(1)
  const values = await thisWeek.locator('.chart__val').allInnerTexts()
  await e2e.shot(page, shotName)
  return {
    satisfaction: (await fig.innerText()).replace(/\s+/g, ' ').trim(),
    numerator: Number(m[1]),
    denominator: Number(m[2]),
    week: label,
    opened: Number(values[0]),
    closed: Number(values[1]),
  }
}

it('a liaison raises an issue from the group; it is dispatched, answered, reviewed, confirmed — and the dashboard moves', async () => {
  const started = performance.now()
  const page = await e2e.page()
  const before = await readDashboard(page, 'dashboard-before')

  // The liaison opens the mini-program from 智能装备产业园's group: home → that project's board.
  const group = await e2e.group('智能装备产业园')
  await e2e.open(page, DEMO.liaison1, 'pages/index/index', { group: group.openGId })
  await onRoute(page, 'pages/board/index')
  await see(page, '智能装备产业园')
  await button(top(page), '我要反映问题').click()
  await onRoute(page, 'pages/raise/index')
  const form = top(page)
  await chip(form, '市场拓展')
  const title = `E2E 海外展会参展补贴咨询 ${process.pid.toString(36)}`
  await type(form, 'title', title)
  await type(form, 'description', '计划参加明年汉诺威工业博览会，想了解展位费补贴的申报条件和时间。')
  await addPhoto(page, form, makePng(), 'booth.png')
  await form.locator('.photos__img').first().waitFor({ state: 'visible' })
  await see(page, '已选 1 张')
  await e2e.shot(page, 'liaison-raise')
  await button(form, '提交').click()
  // The simulated subscribe-message prompt, asked on the tap.
  expect(await allowSubscribeIfAsked(page, 5_000)).toBe(true)
  await onRoute(page, 'pages/issue/index')
  await see(page, title)
  await stateIs(page, '待受理')
  const issueId = hashParam(page, 'id')!
  expect(issueId).toBeTruthy()
  await top(page).locator('.photos__img').first().waitFor({ state: 'visible' })
  await e2e.shot(page, 'liaison-raised')

  // The photo went through the client upload door, under 张总's own prefix, and is on the issue.
  const raised = (await e2e.db('issues')).find((i) => i._id === issueId)
  expect(raised).toMatchObject({ title, state: 'submitted', source: 'group' })
  expect(raised.photos).toHaveLength(1)
  const photoPath = /^cloud:\/\/[^/]+\/(.+)$/.exec(raised.photos[0])![1]
  expect(photoPath).toMatch(new RegExp(`^uploads/${DEMO.liaison1}/issues/\\d{6}/[A-Za-z0-9]{24}\\.png$`))
  // Nobody reads it by path; a function-issued (signed) link opens it.
  expect((await fetch(`${e2e.cloudUrl}/files/${photoPath}`)).status).toBe(403)
  const issued = await fetch(`${e2e.cloudUrl}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'storage.batchGetDownloadUrl', file_list: [{ fileid: raised.photos[0], max_age: 60 }] }),
  })
  const photo = await fetch((await issued.json()).data.download_list[0].tempFileURL)
  expect(photo.status).toBe(200)
  expect(Buffer.from(await photo.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG')

  // 李明 (第一服务专班) dispatches it to 商务局.
  await e2e.open(page, DEMO.staffA, `pages/issue/index?id=${issueId}`)
  await stateIs(page, '待交办')
  const dispatch = await openAction(page, '交办')
  await see(page, '商务局')
  await chip(dispatch, '商务局')
  expect(await chipOn(dispatch, '市场拓展')).toBe(true)
  await e2e.shot(page, 'staff-dispatch')
  await button(dispatch, '确认交办').click()
  await stateIs(page, '待签收')
  await see(page, '主办：商务局')

  // 刘科 (商务局) signs for it and answers.
  await e2e.open(page, DEMO.handlerSw, `pages/issue/index?id=${issueId}`)
  await stateIs(page, '待签收')
  await button(await openAction(page, '签收'), '确认签收').click()
  await stateIs(page, '办理中')
  const answer = await openAction(page, '答复')
  const answerText = '已与企业电话沟通：展位费补贴按实际费用 50% 申报，12 月 15 日前提交申请表，商务局联系人王科 0571-88002345。'
  await type(answer, 'text', answerText)
  await e2e.shot(page, 'handler-answer')
  await button(answer, '提交答复').click()
  await stateIs(page, '答复审核中')

  // 李明 reviews it against the four questions and passes it.
  await e2e.open(page, DEMO.staffA, `pages/issue/index?id=${issueId}`)
  await stateIs(page, '待审核')
  await see(page, answerText)
  const review = await openAction(page, '督核')
  for (const q of ['问题是否已解决或有明确解决方案？', '企业的每一项诉求是否都已答复？', '部门是否已与企业沟通联系？', '未尽事项是否给出了办理时间？']) await chip(review, q)
  await chip(review, '通过，发给企业')
  await e2e.shot(page, 'staff-review')
  await button(review, '提交督核').click()
  await stateIs(page, '待企业确认')

  // 张总 confirms 解决 + 满意.
  await e2e.open(page, DEMO.liaison1, `pages/issue/index?id=${issueId}`, { group: group.openGId })
  await stateIs(page, '待您确认')
  await see(page, answerText)
  const confirm = await openAction(page, '确认评价')
  await chip(confirm, '解决')
  await chip(confirm, '满意')
  await button(confirm, '提交评价').click()
  await allowSubscribeIfAsked(page, 1_000) // asked once per session: already answered
  await stateIs(page, '已办结')
  await see(page, '解决 · 满意')
  await e2e.shot(page, 'liaison-confirmed')

  const closed = (await e2e.db('issues')).find((i) => i._id === issueId)
  expect(closed).toMatchObject({ state: 'closed', confirmation: { resolution: 'solved', rating: 'satisfied' } })

  // The manager's dashboard moved.
  const after = await readDashboard(page, 'dashboard-after')
  console.log(`liaisonToManager: 满意率 before "${before.satisfaction}" → after "${after.satisfaction}"; ${before.week} 新增/办结 ${before.opened}/${before.closed} → ${after.opened}/${after.closed}`)
  expect(after.numerator).toBe(before.numerator + 1)
  expect(after.denominator).toBe(before.denominator + 1)
  expect(after.satisfaction).not.toBe(before.satisfaction)
  expect(after.opened).toBe(before.opened + 1)
  expect(after.closed).toBe(before.closed + 1)
  expect(e2e.pageErrors()).toEqual([])
  console.log(`liaisonToManager story: ${((performance.now() - started) / 1000).toFixed(1)} s in the browser`)
})
