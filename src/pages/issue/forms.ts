/**
 * One small form per action, as data: the fields it asks for and how its values become the command
 * `issues.act` expects (see src/domain/issue/schemas.ts).
 */
import type { CommandAction } from '../../domain/issue/lifecycle'
import { TEXT_LIMITS, type UserCommandInput } from '../../domain/issue/schemas'
import { CATEGORIES } from '../../domain/issue/sla'
import type { IssueView } from '../../domain/issue/viewTypes'

export type FieldKind =
  | 'reason' | 'optionalReason' | 'text' | 'optionalText' | 'files' | 'forEnterprise'
  | 'lead' | 'assist' | 'category' | 'complexity' | 'urgency'
  | 'checklist' | 'passed' | 'resolution' | 'rating' | 'workingDays' | 'approved'

export interface FieldSpec {
  kind: FieldKind
  key: string
  label: string
  /** Longest text accepted (the command schema's limit): a counter shows it, more is refused, never cut. */
  limit?: number
}

/** What the sheet's inputs hold, by field key: texts, picked ids and 'yes'/'no' as strings, multiple picks and photos as lists. */
export type Values = Record<string, unknown>

/**
 * A command as the form builds it from its values. The sheet sends it once `missing` finds nothing
 * left out; the function parses it against the command schema like any other input.
 */
export type CommandDraft = { action: UserCommandInput['action'] } & Record<string, unknown>

export interface FormSpec {
  fields: FieldSpec[]
  /** Words on the submit button. */
  submit?: string
  build: (v: Values) => CommandDraft
}

const reason = (label = '理由'): FieldSpec => ({ kind: 'reason', key: 'reason', label, limit: TEXT_LIMITS.reason })
const optReason = (label = '说明（选填）'): FieldSpec => ({ kind: 'optionalReason', key: 'reason', label, limit: TEXT_LIMITS.reason })
const long = (kind: 'text' | 'optionalText', key: string, label: string, limit: number): FieldSpec => ({ kind, key, label, limit })
const files: FieldSpec = { kind: 'files', key: 'files', label: '附件照片' }
const opt = (s: unknown) => (typeof s === 'string' && s.trim() ? s.trim() : undefined)

export const CHECKLIST = [
  { key: 'solved', label: '问题是否已解决或有明确解决方案？' },
  { key: 'allAsksAnswered', label: '企业的每一项诉求是否都已答复？' },
  { key: 'enterpriseContacted', label: '部门是否已与企业沟通联系？' },
  { key: 'dateForRemaining', label: '未尽事项是否给出了办理时间？' },
] as const

export const FORMS: Partial<Record<CommandAction, FormSpec>> = {
  dispatch: {
    fields: [
      { kind: 'lead', key: 'leadDepartmentId', label: '主办部门' },
      { kind: 'assist', key: 'assistDepartmentIds', label: '协办部门（可多选）' },
      { kind: 'category', key: 'category', label: '问题类别' },
      { kind: 'complexity', key: 'complexity', label: '复杂程度（决定答复时限）' },
      { kind: 'urgency', key: 'urgency', label: '紧急程度' },
    ],
    build: (v) => ({ action: 'dispatch', leadDepartmentId: v.leadDepartmentId, assistDepartmentIds: ((v.assistDepartmentIds ?? []) as string[]).filter((d) => d !== v.leadDepartmentId), category: v.category, complexity: v.complexity, urgency: v.urgency }),
  },
  solve_on_spot: { fields: [long('text', 'text', '现场解决情况', TEXT_LIMITS.answer), files], build: (v) => ({ action: 'solve_on_spot', text: v.text, files: v.files ?? [] }) },
  decline: { fields: [reason('不予受理的理由')], build: (v) => ({ action: 'decline', reason: v.reason }) },
  withdraw: { fields: [optReason('撤回原因（选填）')], build: (v) => ({ action: 'withdraw', reason: opt(v.reason) }) },
  sign_for: { fields: [], submit: '确认签收', build: () => ({ action: 'sign_for' }) },
  return: { fields: [reason('退回理由（如不属于本部门职责）')], build: (v) => ({ action: 'return', reason: v.reason }) },
  request_materials: { fields: [reason('需要企业补充的材料')], build: (v) => ({ action: 'request_materials', reason: v.reason }) },
  add_materials: { fields: [long('optionalText', 'text', '补充说明', TEXT_LIMITS.materials), files], submit: '提交材料', build: (v) => ({ action: 'add_materials', text: opt(v.text), files: v.files ?? [] }) },
  answer: { fields: [long('text', 'text', '答复内容（写明办理结果、联系人和时间）', TEXT_LIMITS.answer), files], submit: '提交答复', build: (v) => ({ action: 'answer', text: v.text, files: v.files ?? [] }) },
  review: {
    fields: [
      { kind: 'checklist', key: 'checklist', label: '督核四问' },
      { kind: 'passed', key: 'passed', label: '督核结论' },
      { kind: 'optionalReason', key: 'note', label: '意见（退回时必填）', limit: TEXT_LIMITS.reason },
    ],
    submit: '提交督核',
    build: (v) => ({
      action: 'review',
      passed: v.passed === 'yes',
      checklist: Object.fromEntries(CHECKLIST.map((c) => [c.key, ((v.checklist ?? []) as string[]).includes(c.key)])),
      note: opt(v.note),
    }),
  },
  confirm: {
    fields: [
      { kind: 'resolution', key: 'resolution', label: '问题解决了吗？' },
      { kind: 'rating', key: 'rating', label: '您对办理是否满意？' },
      { kind: 'optionalReason', key: 'comment', label: '意见（选填）', limit: TEXT_LIMITS.reason },
    ],
    submit: '提交评价',
    build: (v) => ({ action: 'confirm', resolution: v.resolution, rating: v.rating, comment: opt(v.comment) }),
  },
  request_extension: {
    fields: [reason('延期理由'), { kind: 'workingDays', key: 'workingDays', label: '延长工作日数（1–60）' }],
    submit: '提交申请',
    build: (v) => ({ action: 'request_extension', reason: v.reason, workingDays: Number(v.workingDays) }),
  },
  decide_extension: { fields: [{ kind: 'approved', key: 'approved', label: '审批结果' }, optReason('审批意见（选填）')], submit: '提交审批', build: (v) => ({ action: 'decide_extension', approved: v.approved === 'yes', note: opt(v.reason) }) },
  reassign: {
    fields: [{ kind: 'lead', key: 'leadDepartmentId', label: '改派主办部门' }, { kind: 'assist', key: 'assistDepartmentIds', label: '协办部门' }, { kind: 'complexity', key: 'complexity', label: '复杂程度' }, reason('改派理由')],
    build: (v) => ({ action: 'reassign', leadDepartmentId: v.leadDepartmentId, assistDepartmentIds: ((v.assistDepartmentIds ?? []) as string[]).filter((d) => d !== v.leadDepartmentId), complexity: v.complexity, reason: v.reason }),
  },
  force_close: { fields: [reason('强制办结理由')], build: (v) => ({ action: 'force_close', reason: v.reason }) },
  supervise: { fields: [reason('督办理由')], build: (v) => ({ action: 'supervise', reason: v.reason }) },
  unsupervise: { fields: [optReason()], build: (v) => ({ action: 'unsupervise', reason: opt(v.reason) }) },
  note: {
    fields: [long('text', 'text', '进展说明', TEXT_LIMITS.note), files, { kind: 'forEnterprise', key: 'forEnterprise', label: '企业可见' }],
    submit: '保存进展',
    build: (v) => ({ action: 'note', text: v.text, files: v.files ?? [], ...(v.forEnterprise === 'yes' ? { forEnterprise: true } : {}) }),
  },
  add_opinion: { fields: [long('text', 'text', '协办意见', TEXT_LIMITS.opinion), files], build: (v) => ({ action: 'add_opinion', text: v.text, files: v.files ?? [] }) },
  // The original is the one suggested at raise time (shown under 可能重复的问题).
  link_repeat: { fields: [optReason()], submit: '确认为重复反映', build: (v) => ({ action: 'link_repeat', repeatOf: v.suggestedRepeatOf, reason: opt(v.reason) }) },
  unlink_repeat: { fields: [reason('取消关联的理由')], build: (v) => ({ action: 'unlink_repeat', reason: v.reason }) },
}

/** Starting values: the issue's own category and departments, the category's usual complexity. */
export function initialValues(issue: IssueView): Values {
  const complexity = issue.complexity ?? CATEGORIES.find((c) => c.id === issue.category)?.complexity ?? 'normal'
  return { category: issue.category, complexity, urgency: issue.urgency, leadDepartmentId: issue.leadDepartmentId, assistDepartmentIds: issue.assistDepartmentIds ?? [], suggestedRepeatOf: issue.suggestedRepeatOf, files: [], checklist: [] }
}

/** What is missing before the form may be sent (the server checks again). */
export function missing(spec: FormSpec, v: Values): string | undefined {
  for (const f of spec.fields) {
    const val = v[f.key]
    if ((f.kind === 'reason' || f.kind === 'text') && !(typeof val === 'string' && val.trim())) return `请填写${f.label}`
    if (['lead', 'category', 'complexity', 'passed', 'resolution', 'rating', 'approved'].includes(f.kind) && !val) return `请选择${f.label}`
    if (f.kind === 'workingDays' && !(Number(val) >= 1 && Number(val) <= 60)) return '延长工作日数须为 1–60'
    if (f.limit && typeof val === 'string' && val.trim().length > f.limit) return `${f.label}不超过 ${f.limit} 字（已输入 ${val.trim().length} 字）`
  }
  if (spec.fields.some((f) => f.kind === 'passed') && v.passed === 'no' && !opt(v.note)) return '退回时请写明意见'
  return undefined
}
