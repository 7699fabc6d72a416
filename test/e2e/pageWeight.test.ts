/**
 * From the scan/budget tracker: "with the demo data, every page renders fewer than 1,000 nodes
 * (count the DOM nodes of the H5 build in Chromium as the stand-in)". Every page route of
 * src/app.config.ts (main package and subpackages), opened by URL as the persona that sees the most
 * of it, waited for its content, counted under the app root. Also saves each role's home screen for
 * the README (test-artifacts/e2e/homes/<role>.png).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { bulletinKeyAt } from '../../src/domain/bulletin/period'
import { LADDER_COLOURS } from '../../src/domain/issue/labels'
import { periodFor } from '../../src/domain/period'
import { weekKey } from '../../src/domain/time'
import { ARTIFACTS, DEMO, E2E_TIMEOUT, saveHome, useE2E } from './support/harness'
import { onRoute, see, top } from './support/ui'

jest.setTimeout(E2E_TIMEOUT)

const NODE_BUDGET = 1_000
/** WeChat's audit flags a setData over 256 KB; we aim for 64 KB. A page's state is what its cloud calls return. */
const DATA_BUDGET = 64 * 1024
const e2e = useE2E('pageWeight')

/** The routes app.config.ts declares (defineAppConfig is Taro's build-time identity function). */
function declaredRoutes(): string[] {
  ;(globalThis as any).defineAppConfig = (c: unknown) => c
  const config = require('../../src/app.config').default as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
  return [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
}

interface PageCase {
  persona: string
  /** Query string for the route. */
  query?: string
  /** What shows once the page has its content. */
  ready: string | RegExp
}

/** Waits until the node count under the app root stops changing (lists render in steps). */
async function settledCount(page: Page): Promise<{ app: number; top: number; pages: number }> {
  let last = -1
  let stable = 0
  for (let i = 0; i < 40 && stable < 3; i++) {
    const n = await page.evaluate(() => document.querySelectorAll('#app *').length)
    stable = n === last ? stable + 1 : 0
    last = n
    await page.waitForTimeout(150)
  }
  return page.evaluate(() => ({
    app: document.querySelectorAll('#app *').length,
    top: document.querySelectorAll('.taro_router > .taro_page:last-child *').length,
    pages: document.querySelectorAll('.taro_router > .taro_page').length,
  }))
}

it('every page renders fewer than 1,000 DOM nodes with the demo data', async () => {
  const started = performance.now()
  const projects = await e2e.db('projects')
  const issues = await e2e.db('issues')
  const visits = await e2e.db('visits')
  const teams = await e2e.db('teams')
  const p1 = projects.find((p) => p.name === '智能装备产业园')
  const openStates = ['submitted', 'dispatched', 'in_progress', 'awaiting_materials', 'under_review', 'resolved']
  const openCount = (projectId: string) => issues.filter((i) => i.projectId === projectId && openStates.includes(i.state)).length
  // The issue with the longest timeline (a reopened one), and the heaviest visit log: this week's
  // still-planned visit of the project with the most open issues (every open issue gets a 回头看 box).
  const longest = [...issues].sort((a, b) => b.timeline.length - a.timeline.length)[0]
  const now = await e2e.cloud.now()
  const week = weekKey(now)
  const thisWeek = visits.filter((v) => v.weekKey === week)
  const visit = [...thisWeek].sort((a, b) => Number(b.status === 'planned') - Number(a.status === 'planned') || openCount(b.projectId) - openCount(a.projectId))[0]
  // The heaviest record: the project's completed visit with the most 回头看 and photos.
  const record = visits.filter((v) => v.status === 'done').sort((a, b) => b.followUps.length + b.photos.length - (a.followUps.length + a.photos.length))[0]
  const visitStaff = teams.find((t: { _id: string }) => t._id === visit.teamId)?.name === '第一服务专班' ? DEMO.staffA : DEMO.staffB
  const month = periodFor('month', now)

  const CASES: Record<string, PageCase> = {
    'pages/index/index': { persona: DEMO.manager, ready: '督办中的问题' },
    'pages/board/index': { persona: DEMO.liaison1, query: `projectId=${p1._id}`, ready: '最近办结' },
    'pages/raise/index': { persona: DEMO.liaison1, query: `projectId=${p1._id}&source=group`, ready: '问题类别' },
    'pages/issue/index': { persona: DEMO.staffA, query: `id=${longest._id}`, ready: '办理过程' },
    'pkg-work/pages/week/index': { persona: DEMO.staffA, ready: '项目看板 ›' },
    'pkg-work/pages/visit/index': { persona: visitStaff, query: `visitId=${encodeURIComponent(visit._id)}`, ready: '本次走访提出的问题' },
    'pkg-work/pages/queue/index': { persona: DEMO.staffA, ready: /没有更多了|上滑加载更多/ },
    'pkg-work/pages/visit-record/index': { persona: DEMO.manager, query: `visitId=${encodeURIComponent(record._id)}`, ready: '走访纪要' },
    'pkg-work/pages/visits/index': { persona: DEMO.manager, query: `projectId=${p1._id}`, ready: /没有更多了|上滑加载更多|还没有走访记录/ },
    'pkg-admin/pages/dashboard/index': { persona: DEMO.manager, ready: '每周新增与办结' },
    'pkg-admin/pages/drill/index': { persona: DEMO.manager, query: `metric=response&part=denominator&from=${month.from}&to=${month.to}&label=${encodeURIComponent('响应率')}`, ready: /共 \d+ 件/ },
    'pkg-admin/pages/issues/index': { persona: DEMO.manager, ready: /没有更多了|上滑加载更多/ },
    'pkg-admin/pages/org/index': { persona: DEMO.manager, ready: /邀请码|生成邀请/ },
    'pkg-admin/pages/projects/index': { persona: DEMO.manager, ready: /没有更多了|上滑加载更多/ },
    'pkg-admin/pages/project-edit/index': { persona: DEMO.manager, query: `projectId=${p1._id}`, ready: '企业联系人' },
    'pkg-admin/pages/calendar/index': { persona: DEMO.manager, ready: /年放假安排/ },
    'pkg-admin/pages/export/index': { persona: DEMO.manager, ready: '生成报表' },
    'pkg-admin/pages/bulletin/index': { persona: DEMO.manager, query: `period=${bulletinKeyAt('month', now)}`, ready: '各部门排名' },
  }
  const routes = declaredRoutes()
  expect(Object.keys(CASES).sort()).toEqual([...routes].sort()) // a new page needs a case here

  const page = await e2e.page()
  // The stand-in for the largest single update to the view: the largest cloud-call result the page receives.
  let largestResponse = 0
  page.on('response', (res) => {
    if (!res.url().includes('/functions/')) return
    res.body().then((b) => (largestResponse = Math.max(largestResponse, b.length)), () => undefined)
  })
  const rows: { page: string; persona: string; nodes: number; topPage: number; largestResponseBytes: number }[] = []
  for (const route of routes) {
    const c = CASES[route]
    largestResponse = 0
    await e2e.open(page, c.persona, c.query ? `${route}?${c.query}` : route)
    await onRoute(page, route)
    await see(page, c.ready)
    const n = await settledCount(page)
    expect({ route, pagesInStack: n.pages }).toEqual({ route, pagesInStack: 1 }) // counted alone
    rows.push({ page: route, persona: c.persona, nodes: n.app, topPage: n.top, largestResponseBytes: largestResponse })
    await e2e.shot(page, route.replace(/\/index$/, '').replace(/\//g, '_'))
  }

  const width = Math.max(...rows.map((r) => r.page.length))
  console.log(
    [
      `page${' '.repeat(width - 4)}  nodes  largest call  persona`,
      ...rows.map((r) => `${r.page.padEnd(width)}  ${String(r.nodes).padStart(5)}  ${`${(r.largestResponseBytes / 1024).toFixed(1)} KB`.padStart(12)}  ${r.persona}`),
    ].join('\n'),
  )
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  fs.writeFileSync(path.join(ARTIFACTS, 'page-weight.json'), JSON.stringify({ budget: NODE_BUDGET, pages: rows }, null, 2) + '\n')
  for (const r of rows) expect({ page: r.page, nodes: r.nodes, under: r.nodes < NODE_BUDGET }).toEqual({ page: r.page, nodes: r.nodes, under: true })
  for (const r of rows) {
    expect({ page: r.page, bytes: r.largestResponseBytes, under: r.largestResponseBytes < DATA_BUDGET }).toEqual({ page: r.page, bytes: r.largestResponseBytes, under: true })
  }
  expect(e2e.pageErrors()).toEqual([])
  console.log(`pageWeight: ${rows.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`)
})

it("saves each role's home screen (liaison, staff, handler, manager)", async () => {
  const page = await e2e.page()
  const group = await e2e.group('智能装备产业园')
  const homes: [string, string, string, string | RegExp, string?][] = [
    // role, persona, where home leads, what shows there, group
    ['liaison', DEMO.liaison1, 'pages/board/index', '我要反映问题', group.openGId],
    ['staff', DEMO.staffA, 'pkg-work/pages/week/index', '项目看板 ›'],
    ['handler', DEMO.handlerZj, 'pkg-work/pages/queue/index', '新厂房施工许可办理缓慢'],
    ['manager', DEMO.manager, 'pages/index/index', '督办中的问题'],
  ]
  for (const [role, persona, lands, ready, g] of homes) {
    await e2e.open(page, persona, 'pages/index/index', g ? { group: g } : {})
    await onRoute(page, lands)
    await see(page, ready)
    await page.waitForTimeout(400) // the page transition
    const file = await saveHome(page, role)
    expect(fs.statSync(file).size).toBeGreaterThan(10_000)
    expect(await top(page).locator('[data-testid=persona-switcher]').innerText()).not.toBe('')
  }
})

/** The rgb() Chromium reports for a #rrggbb colour. */
const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`

// The queue's flow (labels, sign-for, answer, review) is a weapp story (test/weapp/departmentDesk);
// what only a browser shows is the 督办 ladder's colour beside the state.
it("the handler's queue paints the 督办 ladder in its colour", async () => {
  const page = await e2e.page()
  await e2e.open(page, DEMO.handlerZj, 'pages/index/index')
  await onRoute(page, 'pkg-work/pages/queue/index')
  const row = top(page).locator('.issue-row').filter({ hasText: '新厂房施工许可办理缓慢' }).first()
  await row.waitFor({ state: 'visible' })
  const red = row.locator('.tag--ladder')
  expect((await red.innerText()).trim()).toBe('红牌')
  expect(await red.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(LADDER_COLOURS.red))
  await e2e.shot(page, 'handler-queue')
})
