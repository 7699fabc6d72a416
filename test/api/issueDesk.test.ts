import type { IssueDetail } from '../../src/domain/contract/issues'
import { MANAGER, unindexedQueries } from './support/app'
import { join, requestId, useApiWorld, type World } from './support/world'

jest.setTimeout(180_000)

const { app, w } = useApiWorld()

const raiseBy = (who: World['liaison'], projectId: string, title = '厂房施工许可迟迟未批', category = 'approval') =>
  who.call('issues', 'raise', { projectId, source: 'group', category, title, description: '已提交材料两周，没有回复', photos: [], urgency: 'normal', clientRequestId: requestId() })

const act = (who: World['liaison'], d: IssueDetail, command: Record<string, unknown>) =>
  who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as any })

const CHECKS_OK = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }

describe('one issue through the whole desk, each role in turn', () => {
  it('raise → dispatch → sign for → materials → answer → sent back → answer → pass → 部分解决+不满意 reopens → closes', async () => {
    let d = await raiseBy(w.liaison, w.project._id)
    expect(d).toMatchObject({ role: 'liaison', label: '待受理', issue: { state: 'submitted' } })
    expect(d.actions).toEqual(expect.arrayContaining(['withdraw', 'note']))

    d = await act(w.staffA, await w.staffA.call('issues', 'get', { issueId: d.issue._id }), { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [w.departments.fg], category: 'approval', complexity: 'normal' })
    expect(d.issue.state).toBe('dispatched')
    expect(d.issue.due).toMatchObject({ kind: 'sign_for', label: '签收期限' })
    expect(d.issue.due!.at).toBeGreaterThan(d.issue.timeline.at(-1)!.at)

    const asHandler = await w.handlerZj.call('issues', 'get', { issueId: d.issue._id })
    expect(asHandler.role).toBe('handler')
    expect(asHandler.actions).toEqual(expect.arrayContaining(['sign_for', 'return']))
    d = await act(w.handlerZj, asHandler, { action: 'sign_for' })
    d = await act(w.handlerZj, d, { action: 'request_materials', reason: '请补充规划许可证复印件' })
    expect(d.issue.state).toBe('awaiting_materials')
    expect((await w.liaison.call('issues', 'get', { issueId: d.issue._id })).label).toBe('待您补充材料')

    d = await act(w.liaison, await w.liaison.call('issues', 'get', { issueId: d.issue._id }), { action: 'add_materials', text: '已上传', files: [] })
    d = await act(w.handlerZj, await w.handlerZj.call('issues', 'get', { issueId: d.issue._id }), { action: 'answer', text: '我们会尽快研究研究', files: [] })
    const forReview = await w.staffA.call('issues', 'get', { issueId: d.issue._id })
    expect(forReview.lint.map((f) => f.word)).toEqual(expect.arrayContaining(['尽快', '研究研究']))
    d = await act(w.staffA, forReview, { action: 'review', passed: false, checklist: { ...CHECKS_OK, dateForRemaining: false }, note: '请给出明确办结日期' })
    expect(d.issue.state).toBe('in_progress')

    d = await act(w.handlerZj, await w.handlerZj.call('issues', 'get', { issueId: d.issue._id }), { action: 'answer', text: '施工许可已于本周五前办结，已电话告知企业', files: [] })
    d = await act(w.staffA, await w.staffA.call('issues', 'get', { issueId: d.issue._id }), { action: 'review', passed: true, checklist: CHECKS_OK })
    expect(d.issue.state).toBe('resolved')

    const asLiaison = await w.liaison.call('issues', 'get', { issueId: d.issue._id })
    expect(asLiaison.actions).toContain('confirm')
    d = await act(w.liaison, asLiaison, { action: 'confirm', resolution: 'partly', rating: 'unsatisfied', comment: '只办了一半' })
    expect(d.issue).toMatchObject({ state: 'in_progress', reopenCount: 1 })

    d = await act(w.handlerZj, await w.handlerZj.call('issues', 'get', { issueId: d.issue._id }), { action: 'answer', text: '剩余手续已于 11 月 30 日全部办结', files: [] })
    d = await act(w.staffA, await w.staffA.call('issues', 'get', { issueId: d.issue._id }), { action: 'review', passed: true, checklist: CHECKS_OK })
    d = await act(w.liaison, await w.liaison.call('issues', 'get', { issueId: d.issue._id }), { action: 'confirm', resolution: 'solved', rating: 'satisfied' })
    expect(d.issue.state).toBe('closed')
    const steps = ['raise', 'dispatch', 'sign_for', 'request_materials', 'add_materials', 'answer', 'review', 'answer', 'review', 'confirm', 'answer', 'review', 'confirm']
    const asManager = await w.manager.call('issues', 'get', { issueId: d.issue._id })
    expect(asManager.issue.timeline.map((e) => e.action)).toEqual(steps)
    expect(asManager.issue.version).toBe(steps.length)
    // The enterprise reads the steps that concern it: no answer drafts, no sent-back review.
    expect(d.issue.timeline.map((e) => e.action)).toEqual(['raise', 'dispatch', 'sign_for', 'request_materials', 'add_materials', 'review', 'confirm', 'review', 'confirm'])
  })

  it('hides the rating author and masks phone numbers from the department', async () => {
    let d = await raiseBy(w.liaison, w.project._id, '用电增容', 'utilities')
    d = await act(w.staffA, await w.staffA.call('issues', 'get', { issueId: d.issue._id }), { action: 'solve_on_spot', text: '现场协调供电所，已解决' })
    d = await act(w.liaison, await w.liaison.call('issues', 'get', { issueId: d.issue._id }), { action: 'confirm', resolution: 'solved', rating: 'satisfied', comment: '联系我 13912345678' })
    const asManager = await w.manager.call('issues', 'get', { issueId: d.issue._id })
    expect(asManager.issue.confirmation?.by).toBe('张总')
  })
})

describe('refusals leave the issue as it was', () => {
  it('answers a stale version with CONFLICT and the current state, and only one of two concurrent steps wins', async () => {
    const d = await raiseBy(w.liaison, w.project._id, '招工难', 'hiring')
    const seen = await w.staffA.call('issues', 'get', { issueId: d.issue._id })
    const dispatch = { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'hiring' }
    const decline = { action: 'decline', reason: '不属于受理范围' }
    const results = await Promise.allSettled([act(w.staffA, seen, dispatch), act(w.manager, seen, decline)])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(loser.reason.code).toBe('CONFLICT')
    const after = await w.manager.call('issues', 'get', { issueId: d.issue._id })
    expect(after.issue.timeline).toHaveLength(2)
    expect(after.issue.version).toBe(2)
  })

  it('refuses an illegal transition with INVALID_TRANSITION and a Chinese message', async () => {
    const d = await raiseBy(w.liaison, w.project._id, '政策咨询', 'policy')
    const err = await w.staffA.fail('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: { action: 'review', passed: true, checklist: CHECKS_OK } })
    expect(['INVALID_TRANSITION', 'FORBIDDEN']).toContain(err.code)
    expect(err.message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('refuses a self-review', async () => {
    let d = await raiseBy(w.liaison, w.project._id, '排污许可', 'environment')
    const sw = await w.manager.call('org', 'upsertDepartment', { name: '生态环境分局' })
    d = await act(w.staffA, await w.staffA.call('issues', 'get', { issueId: d.issue._id }), { action: 'dispatch', leadDepartmentId: sw._id, category: 'environment' })
    // No handler in that department: the service team signs for and answers on its behalf.
    d = await act(w.staffA, d, { action: 'sign_for' })
    expect(d.issue.timeline.at(-1)?.text).toContain('代生态环境分局')
    d = await act(w.staffA, d, { action: 'answer', text: '已受理排污许可申请，12 月 5 日前发证', files: [] })
    const err = await w.staffA.fail('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: { action: 'review', passed: true, checklist: CHECKS_OK } })
    expect(err.code).toBe('SELF_REVIEW')
    d = await act(w.manager, await w.manager.call('issues', 'get', { issueId: d.issue._id }), { action: 'review', passed: true, checklist: CHECKS_OK })
    expect(d.issue.state).toBe('resolved')
  })

  it('a retried submission never creates a second issue', async () => {
    const input = { projectId: w.project._id, source: 'group' as const, category: 'market', title: '想参加展会', description: '希望推荐展会资源', photos: [], urgency: 'normal' as const, clientRequestId: requestId() }
    const [a, b] = await Promise.all([w.liaison.call('issues', 'raise', input), w.liaison.call('issues', 'raise', input)])
    const c = await w.liaison.call('issues', 'raise', input)
    expect(new Set([a.issue._id, b.issue._id, c.issue._id]).size).toBe(1)
  })

  it('a member of another project cannot read, list or act on this project\'s issues by id', async () => {
    const d = await raiseBy(w.liaison, w.project._id, '道路破损', 'utilities')
    expect((await w.otherLiaison.fail('issues', 'get', { issueId: d.issue._id })).code).toBe('NOT_FOUND')
    expect((await w.otherLiaison.fail('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: { action: 'withdraw' } })).code).toBe('NOT_FOUND')
    const list = await w.otherLiaison.call('issues', 'list', { projectId: w.project._id })
    expect(list.items).toEqual([])
    expect((await app.as(MANAGER).call('issues', 'list', { projectId: w.project._id })).items.length).toBeGreaterThan(0)
  })
})

test('every query the functions issued is served by an index declared in database/', async () => {
  expect(await unindexedQueries(app)).toEqual([])
})

describe('a handler who moves to another department', () => {
  it('leaves the first department without a handler: its new issue is served by the team, the lists count the handler once', async () => {
    const mover = app.as('o_handler_mover')
    const tz = await w.manager.call('org', 'upsertDepartment', { name: '投资促进局' })
    const dj = await w.manager.call('org', 'upsertDepartment', { name: '大数据局' })
    await join(app, mover, 'handler', tz._id, '周敏')
    const counted = async () => Object.fromEntries((await w.manager.call('org', 'listDepartments', {})).map((x) => [x._id, x.handlerCount]))
    expect(await counted()).toMatchObject({ [tz._id]: 1, [dj._id]: 0 })
    await join(app, mover, 'handler', dj._id, '周敏')
    expect(await counted()).toMatchObject({ [tz._id]: 0, [dj._id]: 1 })
    expect((await mover.call('me', 'whoami', {})).department).toMatchObject({ _id: dj._id, name: '大数据局' })
    // Dispatched to the department they left: the team signs for it on its behalf, as for any department without a handler.
    let d = await raiseBy(w.liaison, w.project._id, '招商引资政策兑现', 'policy')
    d = await act(w.staffA, await w.staffA.call('issues', 'get', { issueId: d.issue._id }), { action: 'dispatch', leadDepartmentId: tz._id, category: 'policy' })
    expect(d.actions).toContain('sign_for')
    d = await act(w.staffA, d, { action: 'sign_for' })
    expect(d.issue.state).toBe('in_progress')
    expect(d.issue.timeline.at(-1)?.text).toContain('代投资促进局')
    // …and the mover no longer sees it as theirs.
    expect((await mover.fail('issues', 'get', { issueId: d.issue._id })).code).toBe('NOT_FOUND')
  })
})

describe('the timer on idle issues', () => {
  const fire = (iso: string) =>
    app.cloud.fetchJson('/dev/timers/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ time: iso }) })
  const setClock = (iso: string) =>
    app.cloud.fetchJson('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: Date.parse(iso) }) })

  it('raises 黄 then 红 on an issue nobody signs for, and auto-closes an answer nobody confirms', async () => {
    await setClock('2026-12-01T02:00:00Z') // Tue 10:00 Shanghai
    const idle = await raiseBy(w.liaison, w.project._id, '闲置的诉求', 'ip')
    await act(w.staffA, await w.staffA.call('issues', 'get', { issueId: idle.issue._id }), { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'ip' })
    let done = await raiseBy(w.liaison, w.project._id, '无人确认的诉求', 'finance')
    done = await act(w.staffA, await w.staffA.call('issues', 'get', { issueId: done.issue._id }), { action: 'solve_on_spot', text: '已现场讲解政策，企业已知悉' })
    await app.cloud.fetchJson('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reset: true }) })

    await fire('2026-12-03T01:00:00Z') // Thu 09:00: the sign-for limit (end of Wed) has passed
    const yellow = await w.manager.call('issues', 'get', { issueId: idle.issue._id })
    expect(yellow.issue.supervision?.ladder).toBe('yellow')
    expect(yellow.label).toContain('黄牌')
    await fire('2026-12-03T01:00:00Z')
    const again = await w.manager.call('issues', 'get', { issueId: idle.issue._id })
    expect(again.issue.timeline.filter((e) => e.action === 'escalate')).toHaveLength(1)

    await fire('2026-12-10T01:00:00Z') // Thu a week later: 5 working days overdue
    const red = await w.manager.call('issues', 'get', { issueId: idle.issue._id })
    expect(red.issue.supervision).toMatchObject({ ladder: 'red', supervised: true })

    await fire('2026-12-11T01:00:00Z') // Fri: 7 working days after it was resolved on Tue 12-01
    const closed = await w.manager.call('issues', 'get', { issueId: done.issue._id })
    expect(closed.issue).toMatchObject({ state: 'closed', autoClosed: true })
    expect(closed.issue.timeline.at(-1)).toMatchObject({ action: 'auto_close', role: 'system' })
  })
})
