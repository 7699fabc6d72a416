/**
 * Story: 孙经理, the liaison of 新材料基地, types the address of another project's board and of one
 * of its issues. He reads "内容不存在或已删除" and nothing of 智能装备产业园 — not its name, its
 * enterprise, its address, nor any issue title — reaches his screen, his DOM or his network.
 */
import type { Page, Response } from 'playwright-core'
import { DEMO, E2E_TIMEOUT, useE2E } from './support/harness'
import { pageHtml, see, top } from './support/ui'

jest.setTimeout(E2E_TIMEOUT)

const e2e = useE2E('isolation')

/** Every answer of the cloud functions the page received. */
function recordFunctionAnswers(page: Page): string[] {
  const bodies: string[] = []
  page.on('response', (r: Response) => {
    if (r.url().includes('/functions/')) void r.text().then((t) => bodies.push(t)).catch(() => undefined)
  })
  return bodies
}

it("a liaison of another project cannot reach 智能装备产业园's board or issues by URL", async () => {
  const started = performance.now()
  const projects = await e2e.db('projects')
  const target = projects.find((p) => p.name === '智能装备产业园')
  const own = projects.find((p) => p.name === '新材料基地')
  const targetIssues = (await e2e.db('issues')).filter((i) => i.projectId === target._id)
  expect(targetIssues.length).toBeGreaterThan(3)
  const secrets = [target.name, target.enterpriseName, target.address, ...targetIssues.map((i) => i.title)]
  const ownGroup = await e2e.group('新材料基地')

  const page = await e2e.page()
  const answers = recordFunctionAnswers(page)
  const mustNotLeak = async (where: string) => {
    const html = await pageHtml(page)
    for (const s of secrets) expect({ where, leaked: html.includes(s) ? s : null }).toEqual({ where, leaked: null })
  }

  // His own board works (the control): 新材料基地 shows.
  await e2e.open(page, DEMO.liaison2, `pages/board/index?projectId=${own._id}`)
  await see(page, '新材料基地')
  await mustNotLeak('own board')

  // The other project's board by URL.
  await e2e.open(page, DEMO.liaison2, `pages/board/index?projectId=${target._id}`)
  await see(page, '内容不存在或已删除')
  expect(await top(page).locator('[data-code]').first().getAttribute('data-code')).toBe('NOT_FOUND')
  await e2e.shot(page, 'board-by-url')
  await mustNotLeak('board by URL')

  // The same, opened from his own project's group (the board enters that group first).
  await e2e.open(page, DEMO.liaison2, `pages/board/index?projectId=${target._id}`, { group: ownGroup.openGId })
  await page.waitForFunction(() => /内容不存在|未找到项目|新材料基地|本群|无权/.test(document.body.innerText))
  await page.waitForTimeout(500)
  await e2e.shot(page, 'board-by-url-from-own-group')
  await mustNotLeak('board by URL from his group')

  // Issues of the other project by URL: open, in review, closed, withdrawn alike.
  const states = new Set<string>()
  for (const issue of targetIssues.filter((i) => !states.has(i.state) && states.add(i.state)).slice(0, 4)) {
    await e2e.open(page, DEMO.liaison2, `pages/issue/index?id=${issue._id}`)
    await see(page, '内容不存在或已删除')
    expect(await top(page).locator('[data-code]').first().getAttribute('data-code')).toBe('NOT_FOUND')
    await mustNotLeak(`issue ${issue.state}`)
  }
  await e2e.shot(page, 'issue-by-url')

  // Nor did any function answer carry them.
  await page.waitForTimeout(300)
  expect(answers.length).toBeGreaterThan(4)
  for (const body of answers) for (const s of secrets) expect(body.includes(s) ? s : null).toBeNull()
  expect(e2e.pageErrors()).toEqual([])
  console.log(`isolation story: ${((performance.now() - started) / 1000).toFixed(1)} s in the browser`)
})
