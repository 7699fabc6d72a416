/**
 * Story on the weapp build: 孙经理, the liaison of 新材料基地, opens links to another project's board
 * and issues (a forwarded card, a pasted path). He reads 内容不存在或已删除, and nothing of
 * 智能装备产业园 — name, enterprise, address, any issue title — reaches the phone: not in a cloud
 * reply, not in any setData, not on the screen.
 */
import { links } from '../../src/domain/links'
import type { MiniApp } from './support/miniapp'
import { parseUrl } from './support/miniapp'
import { DEMO, WEAPP_TIMEOUT, useWeappWorld } from './support/world'

jest.setTimeout(WEAPP_TIMEOUT)

const world = useWeappWorld()

it("a liaison of another project cannot reach 智能装备产业园's board or issues by link", async () => {
  const projects = await world.db('projects')
  const target = projects.find((p) => p.name === '智能装备产业园')
  const own = projects.find((p) => p.name === '新材料基地')
  const targetIssues = (await world.db('issues')).filter((i) => i.projectId === target._id)
  expect(targetIssues.length).toBeGreaterThan(3)
  const secrets = [target.name, target.enterpriseName, target.address, ...targetIssues.map((i) => i.title)]
  const ownGroup = await world.group('新材料基地')

  const leaks = (app: MiniApp): string[] => {
    const seen = [...app.device.replies, ...app.loads.flatMap((l) => l.updates.map((u) => u.json)), app.ui.text()]
    return secrets.filter((s) => seen.some((text) => text.includes(s)))
  }
  const open = (link: string, fromOwnGroup = false) => {
    const { route, query } = parseUrl(link)
    return world.launch(DEMO.liaison2, (d) => (fromOwnGroup ? d.openFromGroup(ownGroup.openGId, route, query) : (d.enter = { scene: 1007, path: route, query })))
  }

  // His own board works (the control).
  let app = await open(links.board({ projectId: own._id }))
  app.ui.see('新材料基地')
  expect(leaks(app)).toEqual([])
  // (the recorders see what reaches the phone: his own project's address is in a reply and a setData)
  expect(app.device.replies.some((r) => r.includes(own.address))).toBe(true)
  expect(app.loads[0].updates.some((u) => u.json.includes(own.address))).toBe(true)

  // The other project's board, from a forwarded card (scene 1007) and from inside his own group.
  app = await open(links.board({ projectId: target._id }))
  app.ui.see('内容不存在或已删除')
  expect(leaks(app)).toEqual([])
  app = await open(links.board({ projectId: target._id }), true)
  app.ui.see('新材料基地')
  app.ui.notSee('智能装备产业园')
  expect(leaks(app)).toEqual([])

  // Its issues, open, in review, closed, withdrawn alike.
  const states = new Set<string>()
  const sample = targetIssues.filter((i) => !states.has(i.state) && states.add(i.state)).slice(0, 4)
  expect(sample.length).toBe(4)
  for (const issue of sample) {
    app = await open(links.issue({ id: issue._id }))
    app.ui.see('内容不存在或已删除')
    expect({ state: issue.state, leaked: leaks(app) }).toEqual({ state: issue.state, leaked: [] })
    expect(app.device.replies.some((r) => r.includes('"NOT_FOUND"'))).toBe(true)
  }
})
