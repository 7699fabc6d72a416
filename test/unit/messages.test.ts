/**
 * Refused input speaks Chinese and names the field by its label, wherever a valibot schema fails:
 * the functions' entry (parseInput), issue commands (parseCommand), raising an issue (createIssue)
 * and the holiday arrangement (validateArrangement). No raw path, no ASCII field name and none of
 * valibot's English ever reach a message.
 */
import { parseInput } from '../../server/runtime/validate'
import { validateArrangement } from '../../src/domain/calendar'
import { contract } from '../../src/domain/contract'
import { type AppError, isAppError } from '../../src/domain/errors'
import { createIssue } from '../../src/domain/issue/create'
import { UserCommandSchema } from '../../src/domain/issue/schemas'
import { parseCommand } from '../../src/domain/issue/transition'
import { labelFor } from '../../src/domain/messages'
import { RAISE_INPUT, ctxAt, manager } from './issueFixtures'

/** Any run of two ASCII letters: a field name (holidays, code), a path, or valibot's English (Invalid key). */
export const ASCII_WORD = /[A-Za-z]{2,}/

function refusedBy(fn: string, action: string, input: unknown): AppError {
  const schema = (contract as any)[fn][action].input
  try {
    parseInput(schema, input)
  } catch (e) {
    if (isAppError(e)) return e
    throw e
  }
  throw new Error(`${fn}.${action} accepted ${JSON.stringify(input)}`)
}

const ISSUE = 'issue_1'
const act = (command: Record<string, unknown>) => ({ issueId: ISSUE, expectedVersion: 3, clientRequestId: 'req_messages_01', command })
const raise = { projectId: 'p1', source: 'group', category: 'approval', title: '招工难', description: '急需技术工人', clientRequestId: 'req_12345678' }

describe('the functions\' entry names the field in Chinese', () => {
  test.each([
    ['me', 'acceptInvite', '邀请码为 8 位字母或数字', { code: 'abc', name: '李明' }],
    ['me', 'acceptInvite', '缺少邀请码', { name: '李明' }],
    ['me', 'registerLiaison', '联系电话：电话号码格式不正确', { projectId: 'p1', name: '张总', phone: '123' }],
    ['org', 'createTeam', '请填写专班名称', { name: '' }],
    ['org', 'upsertDepartment', '部门名称应为文字', { name: 7 }],
    ['org', 'createInvite', '邀请类型不在可选范围内', { kind: 'boss' }],
    ['org', 'createInvite', '缺少服务专班', { kind: 'staff' }],
    ['org', 'createInvite', '可用次数不能大于 5', { kind: 'manager', maxUses: 9 }],
    ['org', 'setCalendarYear', '缺少放假安排', {}],
    ['projects', 'create', '第 1 位联系人的联系电话：电话号码格式不正确', { enterpriseName: '企业', name: '项目', address: '地址', teamId: 't1', visitWeekday: 3, contacts: [{ name: '钱总', phone: '1' }] }],
    ['projects', 'update', '项目名称应为文字', { projectId: 'p1', patch: { name: 5 } }],
    ['projects', 'update', '修改内容：应为对象', { projectId: 'p1', patch: [] }],
    ['visits', 'checkIn', '定位的纬度应为数字', { visitId: 'p1_2026-W47', location: { latitude: '30', longitude: 120 } }],
    ['visits', 'complete', '请至少登记一位参加人', { visitId: 'p1_2026-W47', clientRequestId: 'req_12345678', attendees: [], minutes: '纪要', photos: [] }],
    ['visits', 'coverage', '起始周：周次格式应为 2026-W48', { fromWeek: '2026-48', toWeek: '2026-W48' }],
    ['dashboard', 'summary', '缺少统计期间', {}],
    ['dashboard', 'summary', '统计期间的结束时间应为数字', { period: { from: 1_790_000_000_000, to: 'now' } }],
    ['dashboard', 'drill', '指标不在可选范围内', { period: { kind: 'month' }, metric: 'speed', part: 'numerator' }],
    ['issues', 'act', '延期天数须为整数', act({ action: 'request_extension', reason: '需要踏勘', workingDays: 1.5 })],
    ['issues', 'act', '延期天数应为数字', act({ action: 'request_extension', reason: '需要踏勘', workingDays: '3' })],
    ['issues', 'act', '第 1 个附件应为文字', act({ action: 'answer', text: '已办结', files: [7] })],
    ['issues', 'act', '操作中含有多余的字段', act({ action: 'answer', text: '已办结', extra: 1 })],
    ['issues', 'act', '操作类型不在可选范围内', act({ action: 'teleport' })],
    ['issues', 'act', '缺少操作类型', act({})],
    ['issues', 'act', '督核清单的“是否解决”应为“是”或“否”', act({ action: 'review', passed: true, checklist: { solved: 'yes' } })],
    ['issues', 'act', '协办意见不超过 2000 字', act({ action: 'add_opinion', text: '同意'.repeat(1001) })],
    ['issues', 'raise', '标题不超过 50 字', { ...raise, title: '长'.repeat(51) }],
    ['issues', 'raise', '参数中含有多余的字段', { ...raise, padding: 'x' }],
  ])('%s.%s is refused with 「%s」', (fn, action, message, input) => {
    const error = refusedBy(fn, action, input)
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toBe(message)
    expect(error.message).not.toMatch(ASCII_WORD)
  })

  test('operator-shaped and reserved keys are refused without echoing the key', () => {
    const error = refusedBy('org', 'createTeam', { name: '专班', $set: { roles: ['manager'] } })
    expect(error.message).toContain('不允许的字段名')
    expect(error.message).not.toMatch(ASCII_WORD)
  })

  test('the refusal carries the machine path in details, never in the message', () => {
    expect(refusedBy('issues', 'act', act({ action: 'request_extension', reason: '需要踏勘', workingDays: 0 })).toJSON())
      .toEqual({ code: 'INVALID_INPUT', message: '延期天数不能小于 1', details: { field: 'command.workingDays' } })
  })
})

describe('the issue domain and the calendar use the same translation', () => {
  test('parseCommand', () => {
    const r = parseCommand({ action: 'decline', reason: '' })
    expect(r.ok ? null : r.error.message).toBe('请填写理由')
    const r2 = parseCommand({ action: 'review', passed: true, checklist: { solved: true }, note: '好' })
    expect(r2.ok ? null : r2.error.message).toBe('缺少督核清单的“是否逐项答复”')
  })

  test('createIssue', () => {
    const r = createIssue({ ...RAISE_INPUT, description: 5 }, manager, { ...ctxAt(Date.parse('2026-03-02T09:00:00+08:00')), id: 'issue-1' })
    expect(r.ok ? null : r.error.message).toBe('问题描述应为文字')
  })

  test('validateArrangement', () => {
    const r = validateArrangement({ year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }, { name: '春节', from: '2027-2-5', to: '2027-02-11' }], workdays: [] })
    expect(r.ok ? null : r.error.message).toBe('第 2 个假期的开始日期：应为“2027-01-01”这样的日期')
  })
})

type Keys = (string | number)[]
/** Every field path of a schema (list elements as index 0), variants and unions opened. */
function fieldPaths(schema: any, at: Keys = [], out: Keys[] = []): Keys[] {
  let s = schema
  while (['optional', 'nullable', 'nullish', 'exact_optional', 'undefinedable'].includes(s.type)) s = s.wrapped
  if (!s.entries && !s.item && !s.options && Array.isArray(s.pipe)) s = s.pipe.filter((p: any) => p.kind === 'schema').at(-1)
  if (s.type === 'variant' || s.type === 'union') for (const o of s.options) fieldPaths(o, at, out)
  else if (s.type === 'array') fieldPaths(s.item, [...at, 0], out)
  else if (s.entries) {
    for (const [key, entry] of Object.entries(s.entries)) {
      out.push([...at, key])
      fieldPaths(entry, [...at, key], out)
    }
  }
  return out
}

describe('every field of every action has a Chinese label', () => {
  const actions = Object.entries(contract).flatMap(([fn, specs]) => Object.entries(specs).map(([action, spec]) => [`${fn}.${action}`, (spec as any).input] as const))
  test.each(actions)('%s', (_, schema) => {
    const unlabelled = fieldPaths(schema)
      .map((keys) => [keys.join('.'), labelFor(schema, keys)] as const)
      .filter(([, label]) => !label || ASCII_WORD.test(label))
    expect(unlabelled).toEqual([])
  })

  test('each issue command names its own text: 答复, 进展说明, 协办意见', () => {
    const textOf = (action: string) => labelFor(UserCommandSchema.options.find((o) => o.entries.action.literal === action), ['text'])
    expect(['answer', 'note', 'add_opinion', 'add_materials'].map(textOf)).toEqual(['答复', '进展说明', '协办意见', '说明'])
    expect(labelFor(contract.org.setCalendarYear.input, ['arrangement'])).toBe('放假安排')
  })
})
