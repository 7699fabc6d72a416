/**
 * Every (state, role, action) cell of the lifecycle, against an expectation written out here
 * independently of src/domain/issue/lifecycle.ts: allowed, or refused with the right code.
 */
import * as v from 'valibot'
import {
  ALL_STATES,
  COMMAND_ACTIONS,
  type CommandAction,
  LIFECYCLE,
  ROLE_ACTION_MATRIX,
  UserCommandSchema,
  VISIT_ACTIONS,
  availableActions,
  transition,
} from '../../src/domain/issue'
import { actOnIssueInput } from '../../src/domain/schemas/issues'
import type { Caller, Issue, IssueState, SystemCaller } from '../../src/domain/types'
import {
  CHECK_ALL,
  DISPATCH,
  assistHandler,
  at,
  ctxAt,
  issueIn,
  leadHandler,
  liaison,
  manager,
  must,
  staff,
  system,
} from './issueFixtures'

type R = 'liaison' | 'staff' | 'handler' | 'manager' | 'system'
const OPEN = 'submitted dispatched in_progress awaiting_materials under_review resolved'
const WORK = 'dispatched in_progress awaiting_materials under_review'
/** from-states, roles, and whether the service team may act for a department without a handler. */
const SPEC: Record<CommandAction, { from: string; roles: string; behalf?: true }> = {
  dispatch: { from: 'submitted', roles: 'staff manager' },
  solve_on_spot: { from: 'submitted', roles: 'staff' },
  decline: { from: 'submitted', roles: 'staff manager' },
  withdraw: { from: 'submitted', roles: 'liaison' },
  sign_for: { from: 'dispatched', roles: 'handler', behalf: true },
  return: { from: 'dispatched', roles: 'handler', behalf: true },
  request_materials: { from: 'in_progress', roles: 'handler', behalf: true },
  add_materials: { from: 'awaiting_materials', roles: 'liaison' },
  answer: { from: 'in_progress', roles: 'handler', behalf: true },
  review: { from: 'under_review', roles: 'staff manager' },
  confirm: { from: 'resolved', roles: 'liaison' },
  request_extension: { from: 'in_progress awaiting_materials', roles: 'handler', behalf: true },
  decide_extension: { from: 'in_progress awaiting_materials under_review', roles: 'manager' },
  reassign: { from: 'dispatched in_progress awaiting_materials', roles: 'manager' },
  force_close: { from: OPEN, roles: 'manager' },
  supervise: { from: OPEN, roles: 'manager' },
  unsupervise: { from: OPEN, roles: 'manager' },
  note: { from: OPEN, roles: 'liaison staff handler manager' },
  follow_up: { from: OPEN, roles: 'staff' },
  add_opinion: { from: WORK, roles: 'handler', behalf: true },
  link_repeat: { from: OPEN, roles: 'staff manager' },
  unlink_repeat: { from: OPEN, roles: 'staff manager' },
  escalate: { from: 'submitted dispatched in_progress', roles: 'system' },
  auto_close: { from: 'resolved', roles: 'system' },
  recompute_deadlines: { from: `submitted ${WORK} resolved`, roles: 'system' },
}

const NOW = at('2026-03-02 09:00')
const LATER = at('2026-03-02 10:00')

const COMMANDS: Record<CommandAction, (role: R) => object> = {
  dispatch: () => DISPATCH,
  solve_on_spot: () => ({ action: 'solve_on_spot', text: '现场讲解了政策，企业已明白。' }),
  decline: () => ({ action: 'decline', reason: '属司法程序，不予受理' }),
  withdraw: () => ({ action: 'withdraw' }),
  sign_for: () => ({ action: 'sign_for' }),
  return: () => ({ action: 'return', reason: '不属本部门职责' }),
  request_materials: () => ({ action: 'request_materials', reason: '请补充图纸' }),
  add_materials: () => ({ action: 'add_materials', files: ['cloud://env/a.pdf'] }),
  answer: () => ({ action: 'answer', text: '已于3月10日安排验收。' }),
  review: () => ({ action: 'review', passed: true, checklist: CHECK_ALL }),
  confirm: () => ({ action: 'confirm', resolution: 'solved', rating: 'satisfied' }),
  request_extension: () => ({ action: 'request_extension', reason: '需现场复核', workingDays: 3 }),
  decide_extension: () => ({ action: 'decide_extension', approved: true }),
  reassign: () => ({ action: 'reassign', leadDepartmentId: 'd3', reason: '职责调整' }),
  force_close: () => ({ action: 'force_close', reason: '企业已注销' }),
  supervise: () => ({ action: 'supervise', reason: '企业多次反映' }),
  unsupervise: () => ({ action: 'unsupervise' }),
  note: () => ({ action: 'note', text: '已电话联系企业。' }),
  follow_up: () => ({ action: 'follow_up', visitId: 'p1_2026-W10', text: '企业说排水工程已开工。' }),
  add_opinion: (role) => ({ action: 'add_opinion', text: '同意主办部门意见。', ...(role === 'staff' ? { departmentId: 'd2' } : {}) }),
  link_repeat: () => ({ action: 'link_repeat', repeatOf: 'original' }),
  unlink_repeat: () => ({ action: 'unlink_repeat', reason: '诉求不同' }),
  escalate: () => ({ action: 'escalate' }),
  auto_close: () => ({ action: 'auto_close' }),
  recompute_deadlines: () => ({ action: 'recompute_deadlines' }),
}

/** The fixture for a cell: some actions need a precondition beyond the state. */
function fixture(state: IssueState, action: CommandAction): Issue {
  const c = ctxAt(NOW)
  if (action === 'decide_extension' && ['in_progress', 'awaiting_materials', 'under_review'].includes(state)) {
    let i = must(issueIn('in_progress'), COMMANDS.request_extension('handler') as never, leadHandler, c).issue
    if (state === 'awaiting_materials') i = must(i, COMMANDS.request_materials('handler') as never, leadHandler, c).issue
    if (state === 'under_review') i = must(i, COMMANDS.answer('handler') as never, leadHandler, c).issue
    return i
  }
  const i = issueIn(state)
  if (action === 'unsupervise' && OPEN.split(' ').includes(state)) return must(i, COMMANDS.supervise('manager') as never, manager, c).issue
  if (action === 'unlink_repeat') return { ...i, repeatOf: 'original' }
  if (action === 'link_repeat') return { ...i, suggestedRepeatOf: 'original' }
  return i
}

const CALLERS: Record<R, (action: CommandAction) => Caller | SystemCaller> = {
  liaison: () => liaison,
  staff: () => staff,
  handler: (a) => (a === 'add_opinion' ? assistHandler : leadHandler),
  manager: () => manager,
  system: () => system,
}
const ROLES: R[] = ['liaison', 'staff', 'handler', 'manager', 'system']
const UNDISPATCHED: IssueState[] = ['submitted', 'withdrawn', 'declined']

function expected(state: IssueState, role: R, action: CommandAction, noHandler: boolean): 'ok' | string {
  const spec = SPEC[action]
  const roles = spec.roles.split(' ')
  const allowed = roles.includes(role) || (noHandler && spec.behalf && role === 'staff')
  if (!allowed) return 'FORBIDDEN'
  const deptRelation = role === 'handler' || (role === 'staff' && spec.behalf)
  if (deptRelation && UNDISPATCHED.includes(state)) return 'FORBIDDEN' // not dispatched to any department
  if (role === 'system') return 'ok' // timers: outside their states, nothing to do
  return spec.from.split(' ').includes(state) ? 'ok' : 'INVALID_TRANSITION'
}

const cells: [IssueState, R, CommandAction, boolean][] = []
for (const noHandler of [false, true])
  for (const state of ALL_STATES)
    for (const role of ROLES) for (const action of COMMAND_ACTIONS) cells.push([state, role, action, noHandler])

describe('the lifecycle table, cell by cell', () => {
  test.each(cells)('in %s, %s taking %s (departments without handler: %s)', (state, role, action, noHandler) => {
    const ctx = ctxAt(LATER, { departmentHasHandler: () => !noHandler, repeatTarget: { _id: 'original', projectId: 'p1' } })
    const r = transition(fixture(state, action), COMMANDS[action](role) as never, CALLERS[role](action), ctx)
    const want = expected(state, role, action, noHandler)
    if (want === 'ok') expect(r).toMatchObject({ ok: true })
    else expect(r.ok ? 'ok' : r.error.code).toBe(want)
  })
})

describe('the table as data', () => {
  test('the lifecycle table lists the same from-states and roles as the written expectation', () => {
    for (const a of COMMAND_ACTIONS) {
      expect([...LIFECYCLE[a].from].sort()).toEqual(SPEC[a].from.split(' ').sort())
      const roles = Object.keys(LIFECYCLE[a].roles).filter((r) => !(r === 'staff' && SPEC[a].behalf))
      expect(roles.sort()).toEqual(SPEC[a].roles.split(' ').sort())
    }
  })

  test('the role × action matrix names the relation each role needs', () => {
    expect(ROLE_ACTION_MATRIX.liaison).toEqual({ withdraw: 'member', add_materials: 'member', confirm: 'member', note: 'member' })
    expect(ROLE_ACTION_MATRIX.handler.sign_for).toBe('lead')
    expect(ROLE_ACTION_MATRIX.handler.note).toBe('lead_or_assist')
    expect(ROLE_ACTION_MATRIX.staff.sign_for).toBe('team_for_lead')
    expect(ROLE_ACTION_MATRIX.staff.follow_up).toBe('team')
    expect(Object.keys(ROLE_ACTION_MATRIX.system).sort()).toEqual(['auto_close', 'escalate', 'recompute_deadlines'])
  })

  test('availableActions offers what the caller may do here and nothing else', () => {
    const ctx = ctxAt(NOW)
    expect(availableActions(issueIn('dispatched'), leadHandler, ctx).sort()).toEqual(['note', 'return', 'sign_for'])
    expect(availableActions(issueIn('dispatched'), assistHandler, ctx).sort()).toEqual(['add_opinion', 'note'])
    expect(availableActions(issueIn('submitted'), liaison, ctx).sort()).toEqual(['note', 'withdraw'])
    expect(availableActions(issueIn('resolved'), liaison, ctx).sort()).toEqual(['confirm', 'note'])
    expect(availableActions(issueIn('closed'), manager, ctx)).toEqual([])
    const noHandler = ctxAt(NOW, { departmentHasHandler: () => false })
    expect(availableActions(issueIn('dispatched'), staff, noHandler).sort()).toEqual(['add_opinion', 'note', 'return', 'sign_for'])
  })

  test('回头看 is written by completing a visit: never offered on the issue page, never accepted from issues.act', () => {
    const ctx = ctxAt(NOW)
    for (const state of ALL_STATES) for (const who of [staff, manager]) expect(availableActions(issueIn(state), who, ctx)).not.toContain('follow_up')
    expect(VISIT_ACTIONS).toEqual(['follow_up'])
    expect(UserCommandSchema.options.map((o) => o.entries.action.literal)).not.toContain('follow_up')
    expect(v.safeParse(actOnIssueInput, { issueId: 'i1', command: COMMANDS.follow_up('staff') }).success).toBe(false)
  })

  test('an illegal transition names the state and the action in Chinese', () => {
    const r = transition(issueIn('closed'), { action: 'sign_for' }, leadHandler, ctxAt(NOW))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toBe('问题处于「已办结」状态，不能签收')
  })

  test('every action declared in the table has a rule and a label', () => {
    for (const a of COMMAND_ACTIONS) expect(LIFECYCLE[a].label).toMatch(/\S/)
  })
})
