/**
 * The round trips on the critical path of a user's tap (issue 17's budgets): database requests sent
 * one after another before the reply, as the local cloud counts them (x-local-cloud-stats
 * replyDepth; reads sent together count once, notices sent after the reply leave the path).
 */
import { type App, startApp } from './support/app'
import { buildWorld, requestId, type World } from './support/world'

jest.setTimeout(180_000)

const BUDGET = { act: 3, raise: 4, board: 3, summary: 4 }
const CHECKS = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }

describe('a tap costs at most its budget of sequential round trips', () => {
  let app: App
  let w: World
  beforeAll(async () => {
    // Requests held 60 ms, so that those the function sends together are seen to overlap even while
    // npm test runs builds and other local clouds beside this file (10 ms was once too short there).
    app = await startApp({ env: { LOCAL_CLOUD_DEPTH_WINDOW_MS: '60' } })
    w = await buildWorld(app)
  })
  afterAll(() => app?.stop())

  const call = async (openid: string, fn: string, action: string, input: unknown) => {
    const res = await app.cloud.call(fn, { action, input }, openid)
    if (!res.result?.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(res.result?.error ?? res.errMsg)}`)
    return { data: res.result.data, stats: res.stats }
  }

  it('raises, works and closes an issue within the budgets, the notices after the reply', async () => {
    const raised = await call(w.liaison.openid, 'issues', 'raise', {
      projectId: w.project._id, source: 'group', category: 'approval', title: '消防验收排期',
      description: '新厂房消防验收迟迟未排期。', photos: [], urgency: 'normal', clientRequestId: requestId(),
    })
    expect(raised.stats.replyDepth).toBeLessThanOrEqual(BUDGET.raise)
    expect(raised.stats.afterTrips).toBeGreaterThan(0) // the staff's notice left the path
    let version = raised.data.issue.version
    const steps: [World['liaison'], Record<string, unknown>][] = [
      [w.staffA, { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [], category: 'approval', complexity: 'normal' }],
      [w.handlerZj, { action: 'sign_for' }],
      [w.handlerZj, { action: 'answer', text: '已安排验收，联系人王工。', files: [] }],
      [w.staffA, { action: 'review', passed: true, checklist: CHECKS }],
      [w.liaison, { action: 'confirm', resolution: 'solved', rating: 'satisfied' }],
    ]
    const depths: Record<string, number> = {}
    for (const [who, command] of steps) {
      const r = await call(who.openid, 'issues', 'act', { issueId: raised.data.issue._id, expectedVersion: version, clientRequestId: requestId(), command })
      version = r.data.issue.version
      depths[String(command.action)] = r.stats.replyDepth!
      expect(r.stats.replyTrips).toBeGreaterThanOrEqual(r.stats.replyDepth!)
    }
    expect({ depths, within: Math.max(...Object.values(depths)) <= BUDGET.act }).toMatchObject({ within: true })
  })

  it('opens the board and the dashboard within the budgets', async () => {
    const board = await call(w.liaison.openid, 'projects', 'board', { projectId: w.project._id })
    expect(board.stats.replyDepth).toBeLessThanOrEqual(BUDGET.board)
    expect(board.stats.dbRoundTrips).toBeGreaterThan(BUDGET.board) // its reads go out together
    // From the rollups: a quarter's month documents, the now documents and the live reads go out together.
    for (const input of [{ period: { kind: 'month' }, groupBy: 'department' }, { period: { kind: 'quarter' } }, { period: { kind: 'quarter' }, groupBy: 'department' }]) {
      const summary = await call(w.manager.openid, 'dashboard', 'summary', input)
      expect({ input, depth: summary.stats.replyDepth, within: summary.stats.replyDepth! <= BUDGET.summary }).toMatchObject({ input, within: true })
    }
  })
})
