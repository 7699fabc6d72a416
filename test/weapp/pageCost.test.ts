/**
 * Every page of the link table, opened on the production weapp build as the persona who sees the
 * most of it in the demo data: the first render stays within the setData budget (≤ 4 calls,
 * ≤ 64 KB) and no update exceeds 64 KB. Writes the figures to test-artifacts/weapp/page-cost.json
 * (or $WEAPP_COST_JSON), which `npm run bench` prints.
 */
import fs from 'node:fs'
import path from 'node:path'
import { bulletinKeyAt } from '../../src/domain/bulletin/period'
import { links } from '../../src/domain/links'
import { periodFor } from '../../src/domain/period'
import { weekKey } from '../../src/domain/time'
import { BUDGET, type PageCost, costOf, costTable, overBudget } from './support/budget'
import { parseUrl } from './support/miniapp'
import { REPO_ROOT } from './support/runtime'
import { DEMO, useWeappWorld } from './support/world'

jest.setTimeout(120_000)

const world = useWeappWorld()
const OUT = process.env.WEAPP_COST_JSON || path.join(REPO_ROOT, 'test-artifacts/weapp/page-cost.json')

it('every page renders first in at most 4 setData calls and 64 KB, and no update exceeds 64 KB', async () => {
  const [projects, issues, visits, teams] = await Promise.all(['projects', 'issues', 'visits', 'teams'].map((c) => world.db(c)))
  const p1 = projects.find((p) => p.name === '智能装备产业园')
  const openStates = ['submitted', 'dispatched', 'in_progress', 'awaiting_materials', 'under_review', 'resolved']
  const openCount = (projectId: string) => issues.filter((i) => i.projectId === projectId && openStates.includes(i.state)).length
  // The issue with the longest timeline; this week's planned visit of the project with the most open issues.
  const longest = [...issues].sort((a, b) => b.timeline.length - a.timeline.length)[0]
  const now = await world.cloud.now()
  const visit = visits.filter((v) => v.weekKey === weekKey(now)).sort((a, b) => Number(b.status === 'planned') - Number(a.status === 'planned') || openCount(b.projectId) - openCount(a.projectId))[0]
  const visitStaff = teams.find((t) => t._id === visit.teamId)?.name === '第一服务专班' ? DEMO.staffA : DEMO.staffB
  const month = periodFor('month', now)

  const CASES: Record<keyof typeof links, { persona: string; link: string }> = {
    home: { persona: DEMO.manager, link: links.home({}) },
    board: { persona: DEMO.liaison1, link: links.board({ projectId: p1._id }) },
    raise: { persona: DEMO.liaison1, link: links.raise({ projectId: p1._id, source: 'group' }) },
    issue: { persona: DEMO.staffA, link: links.issue({ id: longest._id }) },
    week: { persona: DEMO.staffA, link: links.week({}) },
    visit: { persona: visitStaff, link: links.visit({ visitId: visit._id }) },
    queue: { persona: DEMO.staffA, link: links.queue({}) },
    visits: { persona: DEMO.manager, link: links.visits({ projectId: p1._id }) },
    visitRecord: { persona: DEMO.liaison1, link: links.visitRecord({ visitId: visits.find((v) => v.projectId === p1._id && v.status === 'done')._id }) },
    dashboard: { persona: DEMO.manager, link: links.dashboard({}) },
    drill: { persona: DEMO.manager, link: links.drill({ metric: 'response', part: 'denominator', from: String(month.from), to: String(month.to), label: '响应率' }) },
    issues: { persona: DEMO.manager, link: links.issues({}) },
    org: { persona: DEMO.manager, link: links.org({}) },
    projects: { persona: DEMO.manager, link: links.projects({}) },
    projectEdit: { persona: DEMO.manager, link: links.projectEdit({ projectId: p1._id }) },
    calendar: { persona: DEMO.manager, link: links.calendar({}) },
    export: { persona: DEMO.manager, link: links.export({}) },
    bulletin: { persona: DEMO.manager, link: links.bulletin({ period: bulletinKeyAt('month', now) }) },
  }

  const rows: PageCost[] = []
  for (const [name, c] of Object.entries(CASES)) {
    const { route, query } = parseUrl(c.link)
    // Opened as WeChat opens a page from a link: the launch's entry page, alone on the stack.
    const app = await world.launch(c.persona, (d) => (d.enter = { scene: 1001, path: route, query }))
    const load = app.loads[0]
    expect({ name, route: load.route, settled: load.settled }).toEqual({ name, route: links[name as keyof typeof links].route, settled: true })
    expect({ name, nodes: load.nodes > 5 }).toEqual({ name, nodes: true })
    rows.push(costOf(load, c.persona))
    expect(app.device.unscripted).toEqual([])
  }

  console.log(`weapp page cost (first render = onLoad until settled; budget ≤ ${BUDGET.firstRenderCalls} setData, ≤ ${BUDGET.firstRenderBytes / 1024} KB; any update ≤ ${BUDGET.updateBytes / 1024} KB)\n${costTable(rows)}`)
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify({ budget: BUDGET, pages: rows }, null, 2) + '\n')
  expect(rows.flatMap(overBudget)).toEqual([])
})
