/**
 * Round trips per user action: the cloud calls the mini-program makes for it (read from the pages'
 * code, see CALLS_FROM_UI) and, per call, what x-local-cloud-stats reports. A small zone is built
 * through the functions (test/api/support/world.ts); each flow runs REPEAT times after one warm-up.
 */
import { startApp, unindexedQueries } from '../../test/api/support/app'
import { buildWorld, groupCloudId, requestId } from '../../test/api/support/world'
import { type Measured, type Stats, invoke, median, round } from './lib'

const REPEAT = 5
const PAGE_SIZE = 20 // src/hooks/usePaged.ts

export interface TripRow {
  action: string
  who: string
  /** Where the UI makes these calls. */
  source: string
  call: string
  dbRoundTrips: number[]
  replyDepth: number[]
  afterTrips: number[]
  docsExamined: number[]
  docsReturned: number[]
  ms: number[]
  wallMs: number[]
}

export async function roundTrips(): Promise<{ rows: TripRow[]; unindexed: unknown[] }> {
  // Requests held 3 ms so that those sent together overlap and the critical path is counted exactly.
  const app = await startApp({ env: { LOCAL_CLOUD_DEPTH_WINDOW_MS: '3' } })
  try {
    const w = await buildWorld(app)
    const cloud = app.cloud
    const rows = new Map<string, TripRow>()
    let recording = false
    const rec = async (action: string, who: string, source: string, openid: string, fn: string, act: string, input: unknown, extra?: Record<string, unknown>): Promise<Measured> => {
      const m = await invoke(cloud, openid, fn, act, input, extra)
      if (!recording) return m
      const call = `${fn}.${act}${act === 'act' ? ` ${(input as any).command.action}` : ''}`
      const key = `${action}|${who}|${call}`
      const row = rows.get(key) ?? { action, who, source, call, dbRoundTrips: [], replyDepth: [], afterTrips: [], docsExamined: [], docsReturned: [], ms: [], wallMs: [] }
      const s: Stats = m.stats
      row.dbRoundTrips.push(s.dbRoundTrips); row.replyDepth.push(s.replyDepth ?? s.dbRoundTrips); row.afterTrips.push(s.afterTrips ?? 0); row.docsExamined.push(s.docsExamined); row.docsReturned.push(s.docsReturned); row.ms.push(s.ms); row.wallMs.push(m.wallMs)
      rows.set(key, row)
      return m
    }
    const M = w.manager.openid, S = w.staffA.openid, H = w.handlerZj.openid, L = w.liaison.openid

    for (let round_ = 0; round_ <= REPEAT; round_++) {
      recording = round_ > 0
      // open home — src/pages/index/useHome.ts (whoami), ManagerHome.tsx (督办 list)
      await rec('open home', 'liaison', 'pages/index useHome', L, 'me', 'whoami', {})
      await rec('open home', 'manager', 'pages/index useHome', M, 'me', 'whoami', {})
      await rec('open home', 'manager', 'pages/index ManagerHome', M, 'issues', 'list', { supervised: true, state: 'open', pageSize: 5 })
      // open board from the group card — src/pages/board/useBoard.ts: enter (with the group's CloudID), whoami (forced), board
      await rec('open board', 'liaison', 'pages/board useBoard', L, 'me', 'enter', { projectId: w.project._id }, { group: await groupCloudId(app, w.groupId) })
      await rec('open board', 'liaison', 'pages/board useBoard', L, 'me', 'whoami', {})
      await rec('open board', 'liaison', 'pages/board useBoard', L, 'projects', 'board', { projectId: w.project._id })
      // raise — src/pages/raise/useRaise.ts: raise, then redirectTo the issue page → pages/issue useIssue: get
      const raised = await rec('raise issue', 'liaison', 'pages/raise useRaise', L, 'issues', 'raise', {
        projectId: w.project._id, source: 'group', category: 'approval', title: `厂房消防验收排期 ${round_}`,
        description: '新厂房消防验收迟迟未排期，影响投产。', photos: [], urgency: 'normal', clientRequestId: requestId(),
      })
      const issueId = raised.result.issue._id
      await rec('raise issue', 'liaison', 'pages/issue useIssue (redirect)', L, 'issues', 'get', { issueId })
      // every act below is ONE call (pages/issue useIssue.act → setData with the returned detail)
      let v = raised.result.issue.version
      const act = async (action: string, who: string, openid: string, command: Record<string, unknown>) => {
        const r = await rec(action, who, 'pages/issue useIssue.act', openid, 'issues', 'act', { issueId, expectedVersion: v, clientRequestId: requestId(), command })
        v = r.result.issue.version
      }
      await act('accept', 'staff', S, { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [], category: 'approval', complexity: 'normal' })
      await act('accept', 'handler', H, { action: 'sign_for' })
      await act('resolve', 'handler', H, { action: 'answer', text: '已于3月10日安排验收，联系人王工。', files: [] })
      await act('resolve', 'staff', S, { action: 'review', passed: true, checklist: { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true } })
      await act('confirm', 'liaison', L, { action: 'confirm', resolution: 'solved', rating: 'satisfied' })
      // open dashboard — src/pkg-admin/pages/dashboard: summary of this month by department
      await rec('open dashboard', 'manager', 'pkg-admin/dashboard', M, 'dashboard', 'summary', { period: { kind: 'month' }, groupBy: 'department' })
      // list page — src/pkg-admin/pages/issues (manager, 全部问题) and src/pkg-work/pages/queue (staff, 问题队列)
      await rec('list page', 'manager', 'pkg-admin/issues lookups', M, 'org', 'listDepartments', {})
      await rec('list page', 'manager', 'pkg-admin/issues lookups', M, 'org', 'listTeams', {})
      await rec('list page', 'manager', 'pkg-admin/issues lookups', M, 'projects', 'list', { pageSize: 50 })
      await rec('list page', 'manager', 'pkg-admin/issues usePaged', M, 'issues', 'list', { state: 'open', pageSize: PAGE_SIZE })
      await rec('list page', 'staff', 'pkg-work/queue useQueue', S, 'issues', 'list', { state: 'open', pageSize: PAGE_SIZE, teamId: w.teamA._id })
    }
    return { rows: [...rows.values()], unindexed: await unindexedQueries(app) }
  } finally {
    await app.stop()
  }
}

export const summarise = (r: TripRow) => ({
  action: r.action, who: r.who, call: r.call, source: r.source,
  dbRoundTrips: median(r.dbRoundTrips), replyDepth: median(r.replyDepth), afterTrips: median(r.afterTrips), dbRoundTripsRange: [Math.min(...r.dbRoundTrips), Math.max(...r.dbRoundTrips)],
  docsExamined: median(r.docsExamined), docsReturned: median(r.docsReturned),
  msMedian: round(median(r.ms)), wallMsMedian: round(median(r.wallMs)), samples: r.ms.length,
})

/**
 * The budgets issue 17 sets for the critical path: database round trips that run one after another
 * before the reply (replyDepth), per cloud call. Notices sent after the reply are not on the path.
 */
export const CRITICAL_PATH_BUDGETS: { call: RegExp; label: string; budget: number }[] = [
  { call: /^issues\.act /, label: 'issues.act (any step)', budget: 3 },
  { call: /^issues\.raise$/, label: 'issues.raise', budget: 4 },
  { call: /^projects\.board$/, label: 'projects.board', budget: 3 },
  { call: /^dashboard\.summary$/, label: 'dashboard.summary', budget: 4 },
]

export function budgetRows(rows: ReturnType<typeof summarise>[]): { label: string; budget: number; worst: number; within: boolean }[] {
  return CRITICAL_PATH_BUDGETS.map((b) => {
    const hits = rows.filter((r) => b.call.test(r.call))
    const worst = Math.max(...hits.map((r) => r.replyDepth))
    return { label: b.label, budget: b.budget, worst, within: worst <= b.budget }
  })
}
