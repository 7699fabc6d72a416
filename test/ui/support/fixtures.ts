/** Demo data for the UI tests: what the functions would answer. */
import type { IssueDetail } from '../../../src/domain/contract/issues'
import { weekendCalendar } from '../../../src/domain/calendar/weekendCalendar'
import { buildIssueView } from '../../../src/domain/issue/view'
import type { IssueView } from '../../../src/domain/issue/viewTypes'
import type { Issue } from '../../../src/domain/types'
import type { Viewer } from '../../../src/domain/visibility'
import type { IssueCard, ProjectBoard, WhoAmI } from '../../../src/domain/views'
import { PINNED_NOW, at } from '../../support/clock'

/** "Now" in the UI tests: the server's time the fake answers carry. */
export const UI_NOW = at(PINNED_NOW)

export const who = (over: Partial<WhoAmI> = {}): WhoAmI => ({
  openid: 'o_test',
  name: '测试',
  roles: [],
  projects: [],
  unregisteredIn: [],
  calendarTasks: [],
  templates: { status: 'TPL_STATUS', assigned: 'TPL_ASSIGNED', reminder: 'TPL_REMINDER', digest: 'TPL_DIGEST' },
  ...over,
})

export const project = { _id: 'p1', enterpriseName: '鲁南机床', name: '智能装备产业园', teamId: 't1', status: 'active' as const, bound: true }

export const card = (over: Partial<IssueCard> = {}): IssueCard => ({
  _id: 'i1',
  caseNo: '2026-000042',
  version: 3,
  projectId: 'p1',
  title: '厂区道路积水',
  category: 'utilities',
  state: 'in_progress',
  label: '部门办理中',
  ladder: 'none',
  supervised: false,
  urgency: 'normal',
  raisedAt: Date.parse('2026-11-20T10:00:00+08:00'),
  due: { kind: 'answer', label: '答复期限', at: UI_NOW + 3 * 86_400_000, remaining: '剩余 3 个工作日', overdue: false, paused: false, clockHours: false },
  overdue: false,
  ...over,
})

export const board = (over: Partial<ProjectBoard> = {}): ProjectBoard => ({
  project: {
    _id: 'p1', enterpriseName: '鲁南机床', name: '智能装备产业园', address: '高新区纬一路 8 号', teamId: 't1', visitWeekday: 3,
    contacts: [], status: 'active', openGId: 'G1', createdAt: 0, updatedAt: 0,
  },
  thisWeek: null,
  recentVisits: [],
  openIssues: [card(), card({ _id: 'i2', title: '用工招聘缺口', category: 'hiring', label: '待受理', state: 'submitted', ladder: 'yellow', due: undefined })],
  recentlyClosed: [card({ _id: 'i3', title: '电力增容', state: 'closed', label: '已办结', due: undefined })],
  digest: { weekKey: '2026-W48', visitStatus: 'planned', open: 2, resolvedThisWeek: 1, overdue: 0 },
  ...over,
})

/** A stored issue document (what the function reads); views are built from it by the domain, as the functions do. */
export const storedIssue = (over: Partial<Issue> = {}): Issue => ({
  _id: 'i1', projectId: 'p1', teamId: 't1', source: 'group', category: 'utilities', title: '厂区道路积水',
  description: '雨后厂区门口积水严重', photos: [], urgency: 'normal', state: 'resolved', raisedBy: 'o_demo_liaison_1',
  raisedAt: Date.parse('2026-11-20T10:00:00+08:00'), clientRequestId: 'crid12345678', assistDepartmentIds: [],
  pausedWorkingMs: 0, extensionWorkingMs: 0, extensions: [], ladder: 'none', overdueStages: [], supervised: false,
  returnCount: 0, reopenCount: 0, version: 7, updatedAt: 0,
  leadDepartmentId: 'd_zj',
  answer: { text: '已安排疏通排水管，12 月 5 日前完工', files: [], by: 'o_demo_handler_zj', at: Date.parse('2026-11-23T10:00:00+08:00') },
  caseNo: '2026-000042',
  raiser: { name: '张总', phone: '13900000001' },
  timeline: [
    { action: 'raise', by: 'o_demo_liaison_1', byName: '张总', role: 'liaison', at: Date.parse('2026-11-20T10:00:00+08:00'), from: 'submitted', to: 'submitted' },
    { action: 'dispatch', by: 'o_demo_staff_a', role: 'staff', at: Date.parse('2026-11-20T11:00:00+08:00'), from: 'submitted', to: 'dispatched', data: { leadDepartmentId: 'd_zj', assistDepartmentIds: [] } },
    { action: 'return', by: 'o_demo_handler_sw', role: 'handler', at: Date.parse('2026-11-20T12:00:00+08:00'), from: 'dispatched', to: 'submitted', reason: '不属于本部门职责' },
  ],
  ...over,
})

/** The issue as `viewer` reads it: the stored document through the visibility table. */
export const issue = (over: Partial<Issue> = {}, viewer: Viewer = 'liaison'): IssueView =>
  buildIssueView(storedIssue(over), viewer, { now: UI_NOW, calendar: weekendCalendar, openid: 'o_demo_liaison_1', departmentName: (id) => ({ d_zj: '住建局', d_sw: '商务局' })[id] ?? id })

export const detail = (over: Partial<IssueDetail> = {}): IssueDetail => ({
  issue: issue(),
  viewer: 'liaison',
  role: 'liaison',
  label: '待您确认',
  actions: ['confirm', 'note'],
  departments: { d_zj: '住建局', d_sw: '商务局' },
  projectName: '智能装备产业园',
  lint: [],
  related: [],
  ...over,
})
