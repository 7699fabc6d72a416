/**
 * Subscribe messages through the local cloud: each status change reaches the right people with
 * the right template and page; sending never fails the step; outcomes are recorded per recipient;
 * the product stops spending credits it knows are gone; long-term templates by configuration;
 * the group digest card says what the board says.
 */
import type { IssueDetail } from '../../src/domain/contract/issues'
import { MANAGER, unindexedQueries } from './support/app'
import { ALL_KEYS, TEMPLATE_IDS, clearOutbox, delivered, notificationRecords, outbox, productCredit, subscribe } from './support/outbox'
import { requestId, useApiWorld, type World } from './support/world'
import { links } from '../../src/domain/links'

jest.setTimeout(240_000)

const CHECKS_OK = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }

const raiseBy = (who: World['liaison'], projectId: string, title: string, category = 'approval') =>
  who.call('issues', 'raise', { projectId, source: 'group', category, title, description: '详细情况见附件', photos: [], urgency: 'normal', clientRequestId: requestId() })

const act = async (who: World['liaison'], d: IssueDetail, command: Record<string, unknown>) => {
  const fresh = await who.call('issues', 'get', { issueId: d.issue._id })
  return who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: fresh.issue.version, command: command as any })
}

describe('status changes reach the right people', () => {
  const { app, w } = useApiWorld()
  beforeAll(async () => {
    // Everyone on the desk accepted every template a few times (as the mini-program asks when they act).
    for (const who of [w.liaison, w.staffA, w.handlerZj, w.manager]) await subscribe(app, who, ALL_KEYS, 15)
  })

  /** Runs a step with an empty outbox and answers what it delivered: openid → template key. */
  const step = async <T>(run: () => Promise<T>): Promise<{ result: T; to: Record<string, string>; pages: string[] }> => {
    await clearOutbox(app)
    const result = await run()
    const sent = await outbox(app)
    return { result, to: await delivered(app), pages: [...new Set(sent.map((m) => m.page))] }
  }

  it('raise → team; accept (dispatch) → department + raiser; sign for → raiser; answer → team; resolve → raiser + department', async () => {
    const raised = await step(() => raiseBy(w.liaison, w.project._id, '厂房施工许可迟迟未批'))
    const d0 = raised.result
    const page = links.issue({ id: d0.issue._id })
    expect(raised.to).toEqual({ [w.staffA.openid]: 'assigned' })
    expect(raised.pages).toEqual([page])

    const dispatched = await step(() => act(w.staffA, d0, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval', complexity: 'normal' }))
    expect(dispatched.to).toEqual({ [w.handlerZj.openid]: 'assigned', [w.liaison.openid]: 'status' })
    const [toLiaison] = (await outbox(app)).filter((m) => m.touser === w.liaison.openid)
    expect(toLiaison).toMatchObject({ template_id: TEMPLATE_IDS.status, page, data: { thing1: { value: '厂房施工许可迟迟未批' }, phrase2: { value: expect.any(String) } } })
    expect(toLiaison.data.phrase2.value.length).toBeLessThanOrEqual(5)

    expect((await step(() => act(w.handlerZj, d0, { action: 'sign_for' }))).to).toEqual({ [w.liaison.openid]: 'status' })
    expect((await step(() => act(w.handlerZj, d0, { action: 'answer', text: '已于 12 月 1 日办结，已电话告知企业', files: [] }))).to).toEqual({ [w.staffA.openid]: 'assigned' })

    const resolved = await step(() => act(w.staffA, d0, { action: 'review', passed: true, checklist: CHECKS_OK }))
    expect(resolved.result.issue.state).toBe('resolved')
    expect(resolved.to).toEqual({ [w.liaison.openid]: 'status', [w.handlerZj.openid]: 'status' })
    const msg = (await outbox(app)).find((m) => m.touser === w.liaison.openid)!
    expect(msg.data.thing3.value).toBe('已办结，请您确认并评价')

    // Reopened (部分解决 + 不满意): the department must work again, the team hears of it.
    const reopened = await step(() => act(w.liaison, d0, { action: 'confirm', resolution: 'partly', rating: 'unsatisfied', comment: '只办了一半' }))
    expect(reopened.result.issue.state).toBe('in_progress')
    expect(reopened.to).toEqual({ [w.handlerZj.openid]: 'assigned', [w.staffA.openid]: 'status' })
  })

  it('an answer sent back in review goes to the department only; the enterprise never hears of it', async () => {
    let d = await raiseBy(w.liaison, w.project._id, '环评批复进度')
    d = await act(w.staffA, d, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval' })
    d = await act(w.handlerZj, d, { action: 'sign_for' })
    d = await act(w.handlerZj, d, { action: 'answer', text: '尽快办理', files: [] })
    const back = await step(() => act(w.staffA, d, { action: 'review', passed: false, checklist: { ...CHECKS_OK, dateForRemaining: false }, note: '请给出日期' }))
    expect(back.to).toEqual({ [w.handlerZj.openid]: 'assigned' })
  })

  it('returned by the department → the team; extension asked → managers; decided → raiser, department and team', async () => {
    let d = await raiseBy(w.liaison, w.project._id, '土地证办理')
    d = await act(w.staffA, d, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval' })
    const returned = await step(() => act(w.handlerZj, d, { action: 'return', reason: '不属于本局职责，请改派' }))
    expect(returned.result.issue.state).toBe('submitted')
    expect(returned.to).toEqual({ [w.staffA.openid]: 'assigned' })

    d = await act(w.staffA, d, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval', complexity: 'complex' })
    d = await act(w.handlerZj, d, { action: 'sign_for' })
    const asked = await step(() => act(w.handlerZj, d, { action: 'request_extension', workingDays: 5, reason: '需要现场勘验' }))
    expect(asked.to).toEqual({ [MANAGER]: 'assigned' })
    const decided = await step(() => act(w.manager, d, { action: 'decide_extension', approved: true }))
    expect(decided.to).toEqual({ [w.liaison.openid]: 'status', [w.handlerZj.openid]: 'status', [w.staffA.openid]: 'status' })
    const note = (await outbox(app)).find((m) => m.touser === w.liaison.openid)!.data.thing3.value
    expect(note).toMatch(/^延期已批准，新期限\d{2}月\d{2}日$/)
  })

  it('a supervised issue also reaches the managers at every announced step', async () => {
    let d = await raiseBy(w.liaison, w.project._id, '企业用工招聘难')
    d = await act(w.staffA, d, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval' })
    const supervised = await step(() => act(w.manager, d, { action: 'supervise', reason: '企业多次反映' }))
    expect(supervised.to).toEqual({ [w.handlerZj.openid]: 'reminder', [w.staffA.openid]: 'reminder' }) // the manager acted
    const signed = await step(() => act(w.handlerZj, d, { action: 'sign_for' }))
    expect(signed.to).toEqual({ [w.liaison.openid]: 'status', [MANAGER]: 'status' })
  })

  it('the actor never hears of their own step', async () => {
    const d = await raiseBy(w.liaison, w.project._id, '税务咨询', 'policy')
    const onSpot = await step(() => act(w.staffA, d, { action: 'solve_on_spot', text: '现场讲解了政策' }))
    expect(onSpot.to).toEqual({ [w.liaison.openid]: 'status' })
    const records = await notificationRecords(app)
    expect(records.filter((r) => r.cause.startsWith(`issue:${d.issue._id}:solve_on_spot`)).map((r) => r.openid)).toEqual([w.liaison.openid])
  })

  test('every query the functions issued is served by an index', async () => {
    expect(await unindexedQueries(app)).toEqual([])
  })
})

describe('sending never fails the step; outcomes are recorded; known-dead credits are not spent', () => {
  const { app, w } = useApiWorld()
  beforeAll(() => subscribe(app, w.staffB, ALL_KEYS, 5))

  it('a raiser without a subscription: the step succeeds, nothing is sent to them, the record says no_credit', async () => {
    const d = await raiseBy(w.otherLiaison, w.otherProject._id, '用电增容', 'utilities')
    await clearOutbox(app)
    const after = await act(w.staffB, d, { action: 'solve_on_spot', text: '现场协调供电所，已解决' })
    expect(after.issue.state).toBe('resolved')
    expect((await outbox(app)).filter((m) => m.touser === w.otherLiaison.openid)).toEqual([])
    const records = (await notificationRecords(app)).filter((r) => r.cause.startsWith(`issue:${d.issue._id}:solve_on_spot`))
    expect(records).toEqual([expect.objectContaining({ openid: w.otherLiaison.openid, templateKey: 'status', outcome: 'no_credit' })])
  })

  it('a product credit WeChat no longer honours (43101): recorded as refused, the credit is zeroed and not spent again', async () => {
    // The product recorded an acceptance, but WeChat has no credit for it (e.g. used up elsewhere).
    await w.otherLiaison.call('me', 'subscribed', { accepted: ['status'] })
    expect(await productCredit(app, w.otherLiaison.openid, 'status')).toMatchObject({ remaining: 1 })
    let d = await raiseBy(w.otherLiaison, w.otherProject._id, '道路破损', 'utilities')
    await clearOutbox(app)
    d = await act(w.staffB, d, { action: 'dispatch', leadDepartmentId: w.departments.sw, category: 'utilities' })
    expect(d.issue.state).toBe('dispatched')
    expect((await outbox(app)).filter((m) => m.touser === w.otherLiaison.openid).map((m) => m.errcode)).toEqual([43101])
    const refused = (await notificationRecords(app)).filter((r) => r.cause.startsWith(`issue:${d.issue._id}:dispatch`) && r.openid === w.otherLiaison.openid)
    expect(refused).toEqual([expect.objectContaining({ outcome: 'refused', errCode: 43101 })])
    expect(await productCredit(app, w.otherLiaison.openid, 'status')).toMatchObject({ remaining: 0 })

    // The next step for them is not attempted at all.
    await clearOutbox(app)
    d = await act(w.staffB, d, { action: 'sign_for' }) // 商务局 has no handler: the team signs for it
    expect((await outbox(app)).filter((m) => m.touser === w.otherLiaison.openid)).toEqual([])
    const next = (await notificationRecords(app)).filter((r) => r.cause.startsWith(`issue:${d.issue._id}:sign_for`))
    expect(next).toEqual([expect.objectContaining({ openid: w.otherLiaison.openid, outcome: 'no_credit' })])
  })

  it('one credit buys one message: the second status change finds none left', async () => {
    await subscribe(app, w.otherLiaison, ['status'], 1)
    let d = await raiseBy(w.otherLiaison, w.otherProject._id, '展会推荐', 'market')
    await clearOutbox(app)
    d = await act(w.staffB, d, { action: 'dispatch', leadDepartmentId: w.departments.sw, category: 'market' })
    d = await act(w.staffB, d, { action: 'sign_for' })
    expect((await outbox(app)).filter((m) => m.touser === w.otherLiaison.openid).map((m) => m.errcode)).toEqual([0])
    const outcomes = (await notificationRecords(app)).filter((r) => r.openid === w.otherLiaison.openid && r.cause.startsWith(`issue:${d.issue._id}:`)).map((r) => r.outcome)
    expect(outcomes.sort()).toEqual(['no_credit', 'sent'])
    expect(await productCredit(app, w.otherLiaison.openid, 'status')).toMatchObject({ remaining: 0 })
  })

  it('the department without a handler is served by the team: a new assignment reaches the team', async () => {
    const d = await raiseBy(w.otherLiaison, w.otherProject._id, '融资对接', 'finance')
    await clearOutbox(app)
    await act(w.manager, d, { action: 'dispatch', leadDepartmentId: w.departments.fg, category: 'finance' })
    expect(await delivered(app)).toMatchObject({ [w.staffB.openid]: 'assigned' })
  })
})

describe('long-term templates by configuration (public-service categories)', () => {
  // The file's one extra local cloud: which templates are long-term is deployment configuration, fixed
  // when the cloud starts (WeChat's side: --long-term-templates; the functions' LONG_TERM_TEMPLATES).
  const { app, w } = useApiWorld({ extraArgs: ['--long-term-templates', TEMPLATE_IDS.status, '--function-env', 'LONG_TERM_TEMPLATES=status'] })

  it('whoami names the long-term purposes so the client asks for them separately', async () => {
    expect((await w.liaison.call('me', 'whoami')).longTermTemplates).toEqual(['status'])
  })

  it('one acceptance, many messages: no credit is counted down; a user who never accepted is not attempted', async () => {
    expect((await w.liaison.call('me', 'subscribed', { accepted: ['status'] })).credits).toEqual({ status: -1 })
    let d = await raiseBy(w.liaison, w.project._id, '长期订阅测试')
    await clearOutbox(app)
    d = await act(w.staffA, d, { action: 'dispatch', leadDepartmentId: w.departments.zj, category: 'approval' })
    d = await act(w.handlerZj, d, { action: 'sign_for' })
    await act(w.handlerZj, d, { action: 'request_materials', reason: '请补充营业执照' })
    const toLiaison = (await outbox(app)).filter((m) => m.touser === w.liaison.openid)
    expect(toLiaison.map((m) => [m.template_id, m.errcode])).toEqual([[TEMPLATE_IDS.status, 0], [TEMPLATE_IDS.status, 0], [TEMPLATE_IDS.status, 0]])
    expect(await productCredit(app, w.liaison.openid, 'status')).toMatchObject({ refused: false })

    // The other liaison never accepted: not attempted, recorded as no_credit.
    const other = await raiseBy(w.otherLiaison, w.otherProject._id, '未订阅的长期模板', 'utilities')
    await clearOutbox(app)
    await act(w.staffB, other, { action: 'solve_on_spot', text: '已解决' })
    expect((await outbox(app)).filter((m) => m.touser === w.otherLiaison.openid)).toEqual([])
    expect((await notificationRecords(app)).filter((r) => r.cause.startsWith(`issue:${other.issue._id}:`) && r.openid === w.otherLiaison.openid)).toEqual([
      expect.objectContaining({ openid: w.otherLiaison.openid, outcome: 'no_credit' }),
    ])
  })

  it('one-time templates still count down beside a long-term one', async () => {
    await subscribe(app, w.staffA, ['assigned'], 1)
    await raiseBy(w.liaison, w.project._id, '一次性模板')
    expect(await productCredit(app, w.staffA.openid, 'assigned')).toMatchObject({ remaining: 0 })
  })
})

describe('the group digest card', () => {
  const { app, w } = useApiWorld()

  it('its figures are the board\'s figures, its title says them and it opens the project\'s board', async () => {
    let a = await raiseBy(w.liaison, w.project._id, '一号问题')
    await raiseBy(w.liaison, w.project._id, '二号问题')
    a = await act(w.staffA, a, { action: 'solve_on_spot', text: '已解决' })
    await act(w.liaison, a, { action: 'confirm', resolution: 'solved', rating: 'satisfied' })
    const board = await w.staffA.call('projects', 'board', { projectId: w.project._id })
    const card = await w.staffA.call('projects', 'digest', { projectId: w.project._id })
    expect(card.figures).toEqual(board.digest)
    expect(card.figures).toMatchObject({ open: 1, resolvedThisWeek: 1, overdue: 0 })
    expect(card.title).toMatch(/^本周(走访已完成|走访待开展|走访未开展|暂无走访安排)｜在办 1 · 本周办结 1 · 超期 0$/)
    expect(card.path).toBe(`/pages/board/index?projectId=${w.project._id}&from=digest`)
    expect(card.imageText).toEqual(expect.arrayContaining([w.project.name, '在办 1', '本周办结 1', '超期 0']))
    // The liaison shares the same card from the same board.
    const asLiaison = await w.liaison.call('projects', 'digest', { projectId: w.project._id })
    expect(asLiaison.figures).toEqual((await w.liaison.call('projects', 'board', { projectId: w.project._id })).digest)
    expect(asLiaison.title).toBe(card.title)
  })

  it('a member of another project cannot read or mark this project\'s digest', async () => {
    expect((await w.otherLiaison.fail('projects', 'digest', { projectId: w.project._id })).code).toBe('NOT_FOUND')
    expect((await w.otherLiaison.fail('projects', 'digestShared', { projectId: w.project._id })).code).toBe('NOT_FOUND')
    expect((await w.handlerZj.fail('projects', 'digest', { projectId: w.project._id })).code).toBe('FORBIDDEN')
  })

  it('sharing is recorded once per week: who and when, and the card knows it', async () => {
    const first = await w.liaison.call('projects', 'digestShared', { projectId: w.project._id })
    expect(first).toMatchObject({ first: true, sharedBy: w.liaison.openid, weekKey: expect.stringMatching(/^\d{4}-W\d{2}$/) })
    const again = await w.staffA.call('projects', 'digestShared', { projectId: w.project._id })
    expect(again).toEqual({ ...first, first: false })
    const { body } = await app.cloud.fetchJson('/dev/db/projects')
    expect(body.documents.find((p: any) => p._id === w.project._id)).toMatchObject({ digestSharedWeek: first.weekKey, digestSharedBy: w.liaison.openid })
    expect((await w.staffA.call('projects', 'digest', { projectId: w.project._id })).sharedThisWeek).toBe(true)
  })

  test('every query the functions issued is served by an index', async () => {
    expect(await unindexedQueries(app)).toEqual([])
  })
})
