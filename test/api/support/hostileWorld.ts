/**
 * The world the hostile suites attack: the shared zone (world.ts) plus a handler of another
 * department, a planned visit, an invite, and one issue per lifecycle command, each already in the
 * state that command starts from. For every contract action, a VALID sample sent by its rightful
 * caller and the callers that must be refused.
 */
import { estimateArrangement } from '../../../src/domain/calendar'
import { weekKey } from '../../../src/domain/time'
import type { IssueDetail } from '../../../src/domain/contract/issues'
import { type App, type Caller, MANAGER } from './app'
import { buildWorld, groupCloudId, join, requestId, uploadAs, type World } from './world'

export type Who = 'fresh' | 'manager' | 'staffA' | 'staffB' | 'handlerZj' | 'handlerSw' | 'liaison' | 'otherLiaison'

export interface HostileWorld extends World {
  handlerSw: Caller
  fresh: Caller
  visitId: string
  /** A photo staffA uploaded, for the visit's log. */
  visitPhoto: string
  inviteCode: string
  /** The top-level CloudID field of an opening from the project's group. */
  enterExtra: Record<string, unknown>
  /** One issue per user command, in a state that command starts from. */
  issueFor: Record<string, IssueDetail>
  callers: Record<Who, Caller>
}

const CHECKS_OK = { solved: true, allAsksAnswered: true, enterpriseContacted: true, dateForRemaining: true }

export async function buildHostileWorld(app: App): Promise<HostileWorld> {
  const w = await buildWorld(app)
  const handlerSw = app.as('o_handler_sw')
  await join(app, handlerSw, 'handler', w.departments.sw, '王工')
  const week = weekKey(w.now)
  await w.staffA.call('visits', 'planWeek', { weekKey: week })
  const invite = await w.manager.call('org', 'createInvite', { kind: 'staff', teamId: w.teamA._id, maxUses: 1 })

  const act = (who: Caller, d: IssueDetail, command: Record<string, unknown>) =>
    who.call('issues', 'act', { issueId: d.issue._id, expectedVersion: d.issue.version, command: command as any })
  const raise = (title: string) => w.liaison.call('issues', 'raise', {
    projectId: w.project._id, source: 'group', category: 'approval', title, description: '敌意测试用的问题', photos: [], urgency: 'normal', clientRequestId: requestId(),
  })
  const dispatched = async (title: string) => act(w.staffA, await raise(title), { action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [w.departments.sw], category: 'approval', complexity: 'normal' })
  const inProgress = async (title: string) => act(w.handlerZj, await dispatched(title), { action: 'sign_for' })
  const underReview = async (title: string) => act(w.handlerZj, await inProgress(title), { action: 'answer', text: '已于 12 月 1 日办结，已电话告知企业', files: [] })
  const recipes: Record<string, () => Promise<IssueDetail>> = {
    dispatch: () => raise('待交办 A'),
    solve_on_spot: () => raise('待交办 B'),
    decline: () => raise('待交办 C'),
    withdraw: () => raise('待交办 D'),
    sign_for: () => dispatched('待签收 A'),
    return: () => dispatched('待签收 B'),
    reassign: () => dispatched('待签收 C'),
    request_materials: () => inProgress('办理中 A'),
    answer: () => inProgress('办理中 B'),
    request_extension: () => inProgress('办理中 C'),
    force_close: () => inProgress('办理中 D'),
    supervise: () => inProgress('办理中 E'),
    note: () => inProgress('办理中 F'),
    add_opinion: () => inProgress('办理中 G'),
    unsupervise: async () => act(w.manager, await inProgress('督办中'), { action: 'supervise', reason: '企业多次反映' }),
    add_materials: async () => act(w.handlerZj, await inProgress('待补充材料'), { action: 'request_materials', reason: '请补充营业执照' }),
    decide_extension: async () => act(w.handlerZj, await inProgress('待审批延期'), { action: 'request_extension', reason: '需要现场踏勘', workingDays: 3 }),
    review: () => underReview('待审核'),
    confirm: async () => act(w.staffA, await underReview('待确认'), { action: 'review', passed: true, checklist: CHECKS_OK }),
    // Raised after another open issue of the same project and category: a likely repeat, suggested.
    link_repeat: async () => { await raise('原件 A'); return raise('可能重复 A') },
    unlink_repeat: async () => {
      await raise('原件 B')
      const d = await raise('可能重复 B')
      return act(w.staffA, d, { action: 'link_repeat', repeatOf: d.issue.suggestedRepeatOf })
    },
  }
  const issueFor: Record<string, IssueDetail> = {}
  await Promise.all(Object.entries(recipes).map(async ([command, recipe]) => { issueFor[command] = await recipe() }))
  const fresh = app.as('o_fresh_stranger')
  return {
    ...w,
    handlerSw,
    fresh,
    visitId: `${w.project._id}_${week}`,
    visitPhoto: await uploadAs(app, w.staffA.openid),
    inviteCode: invite.code,
    enterExtra: { group: await groupCloudId(app, w.groupId) },
    issueFor,
    callers: {
      fresh, manager: app.as(MANAGER), staffA: w.staffA, staffB: w.staffB, handlerZj: w.handlerZj, handlerSw,
      liaison: w.liaison, otherLiaison: w.otherLiaison,
    },
  }
}

export interface Sample {
  /** `fn.action` or `issues.act:<command>` */
  key: string
  fn: string
  action: string
  by: Who
  input: Record<string, unknown>
  extra?: Record<string, unknown>
  /** Callers that must be refused this very input, and the codes they may get. */
  deny: Partial<Record<Who, string[]>>
}

const F = ['FORBIDDEN']
const NF = ['NOT_FOUND']
const F_NF = ['FORBIDDEN', 'NOT_FOUND']
const notStaff = { fresh: F, liaison: F, otherLiaison: F, handlerZj: F }
const managerOnly = { ...notStaff, staffA: F, staffB: F }
const DAY = 86_400_000

/** Every action's valid sample. A contract action without one fails the suite until it gets one. */
export function samplesFor(w: HostileWorld): Sample[] {
  const p = w.project._id
  const issue = (cmd: string) => w.issueFor[cmd].issue._id
  const now = w.now
  const period = { from: now - 30 * DAY, to: now + DAY }
  const s = (key: string, by: Who, input: Record<string, unknown>, deny: Sample['deny'] = {}, extra?: Record<string, unknown>): Sample => {
    const [fn, action] = key.split(/[.:]/)
    return { key, fn, action, by, input, deny, extra }
  }
  const act = (command: Record<string, unknown>, by: Who, deny: Sample['deny']) =>
    s(`issues.act:${command.action}`, by, { issueId: issue(command.action as string), expectedVersion: w.issueFor[command.action as string].issue.version, clientRequestId: requestId(), command }, deny)
  const outsiders = { fresh: NF, otherLiaison: NF, staffB: NF }
  return [
    s('me.whoami', 'liaison', {}),
    s('me.enter', 'liaison', { projectId: p }, {}, w.enterExtra),
    s('me.registerLiaison', 'liaison', { projectId: p, name: '张总', phone: '13900000001' }, { fresh: NF, otherLiaison: NF, staffA: NF }),
    s('me.acceptInvite', 'fresh', { code: w.inviteCode, name: '新同事' }),
    s('me.subscribed', 'liaison', { accepted: ['status'] }),

    s('org.listTeams', 'manager', {}, { fresh: F, liaison: F, handlerZj: F }),
    s('org.createTeam', 'manager', { name: '第三服务专班' }, managerOnly),
    s('org.createInvite', 'manager', { kind: 'handler', departmentId: w.departments.fg, maxUses: 2 }, managerOnly),
    s('org.listInvites', 'manager', {}, managerOnly),
    s('org.listDepartments', 'manager', {}, { fresh: F, liaison: F, otherLiaison: F }),
    s('org.upsertDepartment', 'manager', { name: '人社局', contactName: '刘工', contactPhone: '13800000009' }, managerOnly),
    s('org.listPeople', 'manager', {}, managerOnly),
    s('org.getCalendar', 'manager', {}, { fresh: F, liaison: F, otherLiaison: F }),
    // A whole year (all seven holidays): the statutory estimate of 2031, entered as it stands.
    s('org.setCalendarYear', 'manager', { arrangement: estimateArrangement(2031) }, managerOnly),

    s('projects.create', 'staffA', { enterpriseName: '新企业', name: '新项目', address: '高新区 9 号', teamId: w.teamA._id, visitWeekday: 4, contacts: [{ name: '钱总', phone: '13900000003' }], location: { latitude: 30, longitude: 120 } },
      { ...notStaff, staffB: F }),
    s('projects.update', 'staffA', { projectId: p, patch: { name: '智能装备产业园二期', location: { latitude: 30.1, longitude: 120.2 } } }, { fresh: F, liaison: F, otherLiaison: F, handlerZj: F, staffB: NF }),
    s('projects.get', 'staffA', { projectId: p }, { ...outsiders, fresh: F, handlerZj: NF }),
    s('projects.list', 'staffA', { keyword: '产业园', pageSize: 10 }, { fresh: F, handlerZj: F }),
    s('projects.board', 'staffA', { projectId: p }, { ...outsiders, fresh: F, handlerZj: F }),
    s('projects.digest', 'staffA', { projectId: p }, { ...outsiders, fresh: F, handlerZj: F }),
    s('projects.digestShared', 'liaison', { projectId: p }, { ...outsiders, fresh: F, handlerZj: F }),
    s('projects.shareTicket', 'staffA', { projectId: p }, { fresh: F, liaison: F, otherLiaison: F, handlerZj: F, staffB: NF }),
    s('projects.unbindGroup', 'manager', { projectId: p, reason: '企业更换了项目群' }, managerOnly),

    s('visits.planWeek', 'staffA', { weekKey: weekKey(now + 7 * DAY) }, notStaff),
    s('visits.myWeek', 'staffA', {}, { fresh: F, liaison: F, handlerZj: F }),
    s('visits.get', 'staffA', { visitId: w.visitId }, { fresh: F, liaison: F, otherLiaison: F, staffB: NF, handlerZj: F }),
    s('visits.record', 'liaison', { visitId: w.visitId }, { fresh: NF, otherLiaison: NF, staffB: NF, handlerZj: NF, handlerSw: NF }),
    s('visits.checkIn', 'staffA', { visitId: w.visitId, location: { latitude: 30, longitude: 120, accuracy: 15 } }, { ...notStaff, staffB: NF, manager: F }),
    s('visits.complete', 'staffA', {
      visitId: w.visitId, clientRequestId: requestId(), attendees: [{ name: '李明', side: 'government', title: '专员' }, { name: '张总', side: 'enterprise' }],
      minutes: '了解企业用工需求', photos: [w.visitPhoto], followUps: [{ issueId: issue('note'), note: '已电话催办' }],
    }, { ...notStaff, staffB: NF, manager: F }),
    s('visits.listByProject', 'staffA', { projectId: p, pageSize: 5 }, { fresh: F, otherLiaison: NF, staffB: NF, handlerZj: F }),
    s('visits.coverage', 'manager', { fromWeek: weekKey(now - 28 * DAY), toWeek: weekKey(now) }, managerOnly),

    s('dashboard.summary', 'manager', { period, groupBy: 'department' }, managerOnly),
    s('dashboard.drill', 'manager', { period, metric: 'response', part: 'denominator', groupBy: 'department', groupKey: w.departments.zj }, managerOnly),
    s('dashboard.export', 'manager', { period }, managerOnly),
    s('dashboard.bulletin', 'manager', { period: { kind: 'month', previous: true }, document: false }, managerOnly),

    s('issues.raise', 'liaison', { projectId: p, source: 'group', category: 'hiring', title: '招工难', description: '急需技术工人 30 名', photos: [`cloud://local-env.6c6f/uploads/${w.liaison.openid}/issues/202611/IssuePhotoSample0001.jpg`], urgency: 'urgent', clientRequestId: requestId() },
      { fresh: NF, otherLiaison: NF, staffB: NF, handlerZj: F_NF }),
    s('issues.get', 'liaison', { issueId: issue('dispatch') }, { fresh: NF, otherLiaison: NF, staffB: NF, handlerZj: NF, handlerSw: NF }),
    s('issues.list', 'liaison', { projectId: p, state: 'open', keyword: '办理', pageSize: 5 }, { fresh: F }),

    act({ action: 'dispatch', leadDepartmentId: w.departments.zj, assistDepartmentIds: [w.departments.fg], category: 'approval', complexity: 'simple', urgency: 'normal' }, 'staffA',
      { fresh: NF, liaison: F, otherLiaison: NF, handlerZj: NF, staffB: NF }),
    act({ action: 'solve_on_spot', text: '现场协调已解决', files: [], visitId: w.visitId }, 'staffA', { fresh: NF, liaison: F, otherLiaison: NF, staffB: NF, manager: F }),
    act({ action: 'decline', reason: '不属于受理范围' }, 'manager', { fresh: NF, liaison: F, otherLiaison: NF, handlerZj: NF, staffB: NF }),
    act({ action: 'withdraw', reason: '已自行解决' }, 'liaison', { fresh: NF, otherLiaison: NF, staffA: F, staffB: NF, manager: F }),
    act({ action: 'sign_for' }, 'handlerZj', { fresh: NF, liaison: F, otherLiaison: NF, staffA: F, staffB: NF, handlerSw: F }),
    act({ action: 'return', reason: '不属于本部门职责' }, 'handlerZj', { fresh: NF, liaison: F, otherLiaison: NF, staffA: F, staffB: NF, handlerSw: F }),
    act({ action: 'reassign', leadDepartmentId: w.departments.fg, reason: '职责调整' }, 'manager', { fresh: NF, liaison: F, staffA: F, handlerZj: F, staffB: NF }),
    act({ action: 'request_materials', reason: '请补充营业执照' }, 'handlerZj', { liaison: F, otherLiaison: NF, staffA: F, handlerSw: F, staffB: NF }),
    act({ action: 'answer', text: '已于 12 月 1 日前办结', files: [] }, 'handlerZj', { liaison: F, otherLiaison: NF, staffA: F, handlerSw: F, staffB: NF }),
    act({ action: 'request_extension', reason: '需要现场踏勘', workingDays: 5 }, 'handlerZj', { liaison: F, otherLiaison: NF, staffA: F, handlerSw: F, staffB: NF }),
    act({ action: 'force_close', reason: '企业已迁出' }, 'manager', { fresh: NF, liaison: F, staffA: F, handlerZj: F, staffB: NF }),
    act({ action: 'supervise', reason: '企业多次反映' }, 'manager', { fresh: NF, liaison: F, staffA: F, handlerZj: F, staffB: NF }),
    act({ action: 'unsupervise', reason: '已见成效' }, 'manager', { liaison: F, staffA: F, handlerZj: F }),
    act({ action: 'note', text: '已联系企业了解情况', files: [] }, 'liaison', { fresh: NF, otherLiaison: NF, staffB: NF }),
    act({ action: 'add_opinion', text: '商务局同意协办', files: [] }, 'handlerSw', { liaison: F, otherLiaison: NF, handlerZj: F, staffB: NF }),
    act({ action: 'link_repeat', repeatOf: w.issueFor.link_repeat.issue.suggestedRepeatOf }, 'staffA', { liaison: F, otherLiaison: NF, handlerZj: NF, staffB: NF }),
    act({ action: 'unlink_repeat', reason: '诉求不同，分别办理' }, 'staffA', { liaison: F, otherLiaison: NF, handlerZj: NF, staffB: NF }),
    act({ action: 'add_materials', text: '已上传营业执照', files: [`cloud://local-env.6c6f/uploads/${w.liaison.openid}/materials/202611/LicenceScanSample01.pdf`] }, 'liaison', { otherLiaison: NF, staffA: F, handlerZj: F, staffB: NF }),
    act({ action: 'decide_extension', approved: true, note: '同意' }, 'manager', { liaison: F, staffA: F, handlerZj: F, staffB: NF }),
    act({ action: 'review', passed: true, checklist: CHECKS_OK, note: '答复完整' }, 'staffA', { fresh: NF, liaison: F, otherLiaison: NF, handlerZj: F, handlerSw: F, staffB: NF }),
    act({ action: 'confirm', resolution: 'solved', rating: 'satisfied', comment: '感谢' }, 'liaison', { fresh: NF, otherLiaison: NF, staffA: F, handlerZj: F, staffB: NF, manager: F }),
  ]
}
