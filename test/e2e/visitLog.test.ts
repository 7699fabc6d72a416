/**
 * Story: 李明 (第一服务专班) logs this week's visit to a project whose visit is still planned — checks
 * in with the location, records attendees, minutes and a photo, records an issue the enterprise
 * raised — loses the connection as he submits (the draft stays and the page says so), reloads (the
 * draft is resumed from the device), is back online and submits once: one done visit, one new issue.
 */
import { weekKey } from '../../src/domain/time'
import { DEMO, E2E_TIMEOUT, makePng, useE2E } from './support/harness'
import { addPhoto, button, chip, hashParam, onRoute, see, stateIs, top, type } from './support/ui'

jest.setTimeout(E2E_TIMEOUT)

// The demo data leaves two of 第一服务专班's visits this week still to do.
const e2e = useE2E('visitLog')

const SAVED_OFFLINE = '提交失败，草稿已保存在本机，网络恢复后可再次提交'
const RESUMED = '已恢复本机保存的走访草稿'

it('logs a planned visit with a photo and an issue, survives a lost connection and a reload, and submits once', async () => {
  const started = performance.now()
  const now = await e2e.cloud.now()
  const week = weekKey(now)
  const issuesBefore = await e2e.db('issues')
  await e2e.context.grantPermissions(['geolocation'])
  await e2e.context.setGeolocation({ latitude: 34.8107, longitude: 117.3236, accuracy: 18 })
  const page = await e2e.page()

  // 本周走访: pick a visit that is still 待走访.
  await e2e.open(page, DEMO.staffA, 'pkg-work/pages/week/index')
  await see(page, week)
  const planned = top(page).locator('.card').filter({ has: page.locator('.tag', { hasText: /^\s*待走访\s*$/ }) }).first()
  await planned.waitFor({ state: 'visible' })
  const projectName = (await planned.locator('.card__title').innerText()).trim()
  await e2e.shot(page, 'week')
  await planned.click()
  await onRoute(page, 'pkg-work/pages/visit/index')
  const visitId = hashParam(page, 'visitId')!
  expect(visitId).toMatch(new RegExp(`_${week}$`))
  const visitBefore = (await e2e.db('visits')).find((v) => v._id === visitId)
  expect(visitBefore).toMatchObject({ status: 'planned', weekKey: week })

  // Check in (the browser's location), attendees, minutes, a photo.
  await see(page, `${week} 走访`)
  await button(top(page), '定位签到').click()
  await see(page, /已签到 .* 精度 18 米/)
  const form = top(page)
  await chip(form, '政府方')
  await type(form, 'attendeeName', '李明')
  await type(form, 'attendeeTitle', '服务专员')
  await button(form, '添加参加人').click()
  await see(page, '李明（服务专员） · 政府方')
  await chip(form, '企业方')
  await type(form, 'attendeeName', '周厂长')
  await type(form, 'attendeeTitle', '生产副总')
  await button(form, '添加参加人').click()
  await see(page, '周厂长（生产副总） · 企业方')
  const minutes = `E2E 走访纪要：企业四季度订单饱满，产能利用率约 90%，希望协调物流园区夜间通行。${process.pid.toString(36)}`
  await type(form, 'minutes', minutes)
  await addPhoto(page, form, makePng(), 'visit.png')
  await form.locator('.photos__img').first().waitFor({ state: 'visible' })

  // The enterprise raises an issue during the visit.
  await button(form, '记录企业提出的问题').click()
  await onRoute(page, 'pages/raise/index')
  const raise = top(page)
  await chip(raise, '水电气路')
  const title = `E2E 物流车辆夜间通行 ${process.pid.toString(36)}`
  await type(raise, 'title', title)
  await type(raise, 'description', '园区物流车辆夜间进出受限，希望协调交警部门办理通行证。')
  await button(raise, '提交').click()
  await onRoute(page, 'pages/issue/index')
  await stateIs(page, '待交办')
  const issueId = hashParam(page, 'id')!
  await page.goBack()
  await onRoute(page, 'pkg-work/pages/visit/index')
  await see(page, '本次走访提出的问题（1）')
  await see(page, `查看问题 ${issueId.slice(-6)}`)
  expect(await top(page).locator('textarea[name=minutes]').inputValue()).toBe(minutes)

  // The connection drops as he submits: the draft stays, and the page says so.
  await e2e.context.setOffline(true)
  await button(top(page), '提交走访记录').click()
  await see(page, SAVED_OFFLINE)
  await e2e.shot(page, 'offline-submit')
  expect((await e2e.db('visits')).find((v) => v._id === visitId).status).toBe('planned')

  // Back online, reload: the draft is resumed from the device, all of it.
  await e2e.context.setOffline(false)
  await page.reload()
  await see(page, RESUMED)
  const resumed = top(page)
  await see(page, /已签到 .* 精度 18 米/)
  await see(page, '李明（服务专员） · 政府方')
  await see(page, '周厂长（生产副总） · 企业方')
  expect(await resumed.locator('textarea[name=minutes]').inputValue()).toBe(minutes)
  await resumed.locator('.photos__img').first().waitFor({ state: 'visible' })
  expect(await resumed.locator('.photos__img').count()).toBe(1)
  await e2e.shot(page, 'draft-resumed')

  // Submit once.
  await button(resumed, '提交走访记录').click()
  await see(page, '已完成')
  await top(page).getByText(RESUMED).waitFor({ state: 'hidden' })
  await e2e.shot(page, 'visit-done')

  // Exactly one done visit and one new issue — no duplicates.
  const visits = await e2e.db('visits')
  const thisProjectThisWeek = visits.filter((v) => v.projectId === visitBefore.projectId && v.weekKey === week)
  expect(thisProjectThisWeek).toHaveLength(1)
  expect(thisProjectThisWeek[0]).toMatchObject({ _id: visitId, status: 'done', minutes, completedBy: DEMO.staffA, issueIds: [issueId] })
  expect(thisProjectThisWeek[0].attendees).toHaveLength(2)
  expect(thisProjectThisWeek[0].photos).toHaveLength(1)
  expect(thisProjectThisWeek[0].checkIn).toMatchObject({ latitude: 34.8107, longitude: 117.3236, accuracy: 18 })
  expect(visits.filter((v) => v.minutes === minutes)).toHaveLength(1)
  const issues = await e2e.db('issues')
  const fresh = issues.filter((i) => !issuesBefore.some((b) => b._id === i._id))
  expect(fresh).toHaveLength(1)
  expect(fresh[0]).toMatchObject({ _id: issueId, title, source: 'visit', visitId, state: 'submitted' })
  expect(issues.filter((i) => i.title === title)).toHaveLength(1)

  // The board now reads 已走访 for this week.
  await e2e.open(page, DEMO.staffA, `pages/board/index?projectId=${visitBefore.projectId}`)
  await see(page, projectName)
  await see(page, '· 已走访')
  expect(e2e.pageErrors()).toEqual([])
  console.log(`visitLog story: ${((performance.now() - started) / 1000).toFixed(1)} s in the browser`)
})
