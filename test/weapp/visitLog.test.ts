/**
 * Story on the weapp build: 李明 logs this week's planned visit — checks in (wx.getLocation), adds
 * attendees, minutes and a photo (chooseMedia → cloud.uploadFile), records an issue the enterprise
 * raised (back to the log, 回头看 shows it) — loses the connection as he submits (the draft stays on
 * the phone and the page says so), the app is killed and opened again on the same phone (the draft
 * is resumed from wx storage), and he submits once: one done visit, one new issue.
 */
import { links } from '../../src/domain/links'
import { weekKey } from '../../src/domain/time'
import { Device } from './support/device'
import { PNG, expectState } from './support/story'
import { DEMO, WEAPP_TIMEOUT, useWeappWorld } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

const world = useWeappWorld()

const SAVED_OFFLINE = '提交失败，草稿已保存在本机，网络恢复后可再次提交'
const RESUMED = '已恢复本机保存的走访草稿'

it('logs a planned visit with a photo and an issue, survives a lost connection and a relaunch, and submits once', async () => {
  const week = weekKey(await world.cloud.now())
  const issuesBefore = await world.db('issues')
  const phone = new Device()
  phone.location = { latitude: 34.8107, longitude: 117.3236, accuracy: 18 }

  // 本周走访 (his home): a visit still 待走访.
  let app = await world.launch(DEMO.staffA, undefined, phone)
  expect(app.top.route).toBe('pkg-work/pages/week/index')
  app.ui.see(week)
  const planned = app.ui.blocks('card').find((c) => app.ui.blocks('tag', undefined, c).some((t) => app.ui.text(t) === '待走访'))!
  const projectName = app.ui.text(app.ui.block('card__title', undefined, planned))
  await app.ui.tap(planned)
  expect(app.top.route).toBe('pkg-work/pages/visit/index')
  const visitId = app.top.query.visitId
  expect(visitId).toMatch(new RegExp(`_${week}$`))
  const visitBefore = (await world.db('visits')).find((v) => v._id === visitId)
  expect(visitBefore).toMatchObject({ status: 'planned', weekKey: week })

  // Check in, attendees, minutes, a photo.
  app.ui.see(`${week} 走访`)
  await app.ui.tap('定位签到')
  expect(app.device.callsTo('getLocation').map((c) => c.inTap)).toEqual([true])
  app.ui.see(/已签到 .* 精度 18 米/)
  await app.ui.tap('政府方')
  await app.ui.type('attendeeName', '李明')
  await app.ui.type('attendeeTitle', '服务专员')
  await app.ui.tap('添加参加人')
  app.ui.see('李明（服务专员） · 政府方')
  await app.ui.tap('企业方')
  await app.ui.type('attendeeName', '周厂长')
  await app.ui.type('attendeeTitle', '生产副总')
  await app.ui.tap('添加参加人')
  app.ui.see('周厂长（生产副总） · 企业方')
  const minutes = '走访纪要：企业四季度订单饱满，产能利用率约 90%，希望协调物流园区夜间通行。'
  await app.ui.type('minutes', minutes)
  app.device.photos.push([{ name: 'visit.png', bytes: PNG }])
  await app.ui.tap(app.ui.block('photos__add'))
  expect(app.ui.blocks('photos__img')).toHaveLength(1)

  // The enterprise raises an issue during the visit; back on the log it is listed.
  await app.ui.tap('记录企业提出的问题')
  expect(app.top.route).toBe('pages/raise/index')
  expect(app.top.query).toMatchObject({ source: 'visit' })
  await app.ui.tap('水电气路')
  const title = '物流车辆夜间通行'
  await app.ui.type('title', title)
  await app.ui.type('description', '园区物流车辆夜间进出受限，希望协调交警部门办理通行证。')
  await app.ui.tap('提交')
  expectState(app, '待交办')
  const issueId = app.top.query.id
  await app.goBack()
  expect(app.top.route).toBe('pkg-work/pages/visit/index')
  app.ui.see('本次走访提出的问题（1）')
  // Listed by its case number and title (never by the end of its id), and one tap opens it.
  const { caseNo } = (await world.db('issues')).find((i) => i._id === issueId)
  expect(caseNo).toMatch(/^\d{4}-\d{4,}$/)
  app.ui.see(`${caseNo} ${title} · 待交办`)
  expect(app.ui.text()).not.toContain(issueId.slice(-6))
  expect(app.ui.value('minutes')).toBe(minutes)

  // The connection drops as he submits: the draft stays, and the page says so.
  phone.offline = true
  await app.ui.tap('提交走访记录')
  app.ui.see(SAVED_OFFLINE)
  expect((await world.db('visits')).find((v) => v._id === visitId).status).toBe('planned')

  // WeChat kills the app; back online he opens it again on the same phone: the draft is resumed.
  phone.offline = false
  app = await world.launch(DEMO.staffA, (d) => (d.enter = { scene: 1001, path: 'pkg-work/pages/visit/index', query: { visitId } }), phone)
  app.ui.see(RESUMED)
  app.ui.see(/已签到 .* 精度 18 米/)
  app.ui.see('李明（服务专员） · 政府方')
  app.ui.see('周厂长（生产副总） · 企业方')
  expect(app.ui.value('minutes')).toBe(minutes)
  expect(app.ui.blocks('photos__img')).toHaveLength(1)

  // Submit once.
  await app.ui.tap('提交走访记录')
  app.ui.see('已完成')
  app.ui.notSee(RESUMED)

  const visits = await world.db('visits')
  const thisProjectThisWeek = visits.filter((v) => v.projectId === visitBefore.projectId && v.weekKey === week)
  expect(thisProjectThisWeek).toHaveLength(1)
  expect(thisProjectThisWeek[0]).toMatchObject({ _id: visitId, status: 'done', minutes, completedBy: DEMO.staffA, issueIds: [issueId] })
  expect(thisProjectThisWeek[0].attendees).toHaveLength(2)
  expect(thisProjectThisWeek[0].photos).toHaveLength(1)
  expect(thisProjectThisWeek[0].checkIn).toMatchObject({ latitude: 34.8107, longitude: 117.3236, accuracy: 18 })
  const fresh = (await world.db('issues')).filter((i) => !issuesBefore.some((b) => b._id === i._id))
  expect(fresh).toHaveLength(1)
  expect(fresh[0]).toMatchObject({ _id: issueId, title, source: 'visit', visitId, state: 'submitted' })

  // The board now reads 已走访 for this week.
  const board = await world.launch(DEMO.staffA, (d) => d.openFromMessage(links.board({ projectId: visitBefore.projectId })), phone)
  board.ui.see(projectName)
  board.ui.see('· 已走访')
  expect(phone.unscripted).toEqual([])
})
