/**
 * Input schemas for creating an issue and for every command, shared by the cloud function (which
 * validates before anything else), the client and the tests. Lengths and counts are bounded.
 */
import * as v from 'valibot'
import { withLabels } from '../messages/labels'
import { clientRequestId, fileId, id, noControlChars } from '../schemas/common'

export const MAX_FILES = 9

export const IdSchema = id
/** A cloud storage file id, e.g. 'cloud://env-1a2b.7465-env/issues/a.jpg' (the one primitive: schemas/common). */
export const FileIdSchema = fileId
export const FilesSchema = v.pipe(v.array(FileIdSchema), v.maxLength(MAX_FILES, `最多 ${MAX_FILES} 个文件`))
/** The longest text each field accepts; the forms show the count against it and refuse more, never cut. */
export const TEXT_LIMITS = { title: 50, description: 2000, reason: 500, answer: 2000, materials: 2000, note: 1000, opinion: 2000 } as const

const text = (max: number, what: string) =>
  v.pipe(v.string(), noControlChars, v.trim(), v.minLength(1, `请填写${what}`), v.maxLength(max, `${what}不超过 ${max} 字`))
export const ReasonSchema = text(TEXT_LIMITS.reason, '理由')
const OptionalReason = v.optional(v.pipe(v.string(), noControlChars, v.trim(), v.maxLength(500, '理由不超过 500 字')))
const DeptIds = v.pipe(v.array(IdSchema), v.maxLength(20, '协办部门过多'))

export const UrgencySchema = v.picklist(['normal', 'urgent'])
export const ComplexitySchema = v.picklist(['simple', 'normal', 'complex', 'major'])
export const ResolutionSchema = v.picklist(['solved', 'partly', 'unsolved'])
export const RatingSchema = v.picklist(['satisfied', 'basically', 'unsatisfied'])

/** What the client sends to raise an issue (the function adds teamId from the project). */
export const RaiseInputSchema = withLabels(
  v.strictObject({
    projectId: IdSchema,
    source: v.picklist(['group', 'visit']),
    visitId: v.optional(IdSchema),
    category: IdSchema,
    title: text(TEXT_LIMITS.title, '标题'),
    description: text(TEXT_LIMITS.description, '问题描述'),
    photos: v.optional(FilesSchema, []),
    urgency: v.optional(UrgencySchema, 'normal'),
    clientRequestId,
  }),
  { title: '标题' },
)
export type RaiseInput = v.InferOutput<typeof RaiseInputSchema>

/** One command's schema; `labels` name its fields where they differ from the defaults (src/domain/messages). */
const cmd = <A extends string, E extends v.ObjectEntries>(action: A, entries: E, labels: Record<string, string> = {}) =>
  withLabels(v.strictObject({ action: v.literal(action), ...entries }), labels)

export const DispatchSchema = cmd('dispatch', {
  leadDepartmentId: IdSchema,
  assistDepartmentIds: v.optional(DeptIds, []),
  category: IdSchema,
  complexity: v.optional(ComplexitySchema),
  urgency: v.optional(UrgencySchema),
})
export const SolveOnSpotSchema = cmd('solve_on_spot', {
  text: text(2000, '答复'),
  files: v.optional(FilesSchema, []),
  visitId: v.optional(IdSchema),
}, { text: '答复' })
export const DeclineSchema = cmd('decline', { reason: ReasonSchema })
export const WithdrawSchema = cmd('withdraw', { reason: OptionalReason })
export const SignForSchema = cmd('sign_for', {})
export const ReturnSchema = cmd('return', { reason: ReasonSchema })
export const RequestMaterialsSchema = cmd('request_materials', { reason: ReasonSchema })
export const AddMaterialsSchema = cmd('add_materials', {
  text: v.optional(v.pipe(v.string(), noControlChars, v.trim(), v.maxLength(2000, '说明不超过 2000 字'))),
  files: v.optional(FilesSchema, []),
}, { text: '说明' })
export const AnswerSchema = cmd('answer', { text: text(2000, '答复'), files: v.optional(FilesSchema, []) }, { text: '答复' })
export const ChecklistSchema = v.strictObject({
  solved: v.boolean(),
  allAsksAnswered: v.boolean(),
  enterpriseContacted: v.boolean(),
  dateForRemaining: v.boolean(),
})
export const ReviewSchema = cmd('review', { passed: v.boolean(), checklist: ChecklistSchema, note: OptionalReason }, { note: '审核意见' })
export const ConfirmSchema = cmd('confirm', {
  resolution: ResolutionSchema,
  rating: RatingSchema,
  comment: OptionalReason,
  acknowledgeMismatch: v.optional(v.boolean()),
})
export const RequestExtensionSchema = cmd('request_extension', {
  reason: ReasonSchema,
  workingDays: v.pipe(v.number(), v.integer('延期天数须为整数'), v.minValue(1), v.maxValue(60)),
})
export const DecideExtensionSchema = cmd('decide_extension', { approved: v.boolean(), note: OptionalReason }, { note: '审批意见' })
export const ReassignSchema = cmd('reassign', {
  leadDepartmentId: IdSchema,
  assistDepartmentIds: v.optional(DeptIds),
  complexity: v.optional(ComplexitySchema),
  reason: ReasonSchema,
})
export const ForceCloseSchema = cmd('force_close', { reason: ReasonSchema })
export const SuperviseSchema = cmd('supervise', { reason: ReasonSchema }, { reason: '督办理由' })
export const UnsuperviseSchema = cmd('unsupervise', { reason: OptionalReason })
export const NoteSchema = cmd('note', { text: text(1000, '进展说明'), files: v.optional(FilesSchema, []), forEnterprise: v.optional(v.boolean()) }, { text: '进展说明' })
export const AddOpinionSchema = cmd('add_opinion', {
  text: text(2000, '协办意见'),
  files: v.optional(FilesSchema, []),
  /** Required when the service team records for an assisting department without a handler. */
  departmentId: v.optional(IdSchema),
}, { text: '协办意见', departmentId: '协办部门' })

/** 回头看, written by visits.complete for each follow-up of the visit (not a command a client sends to issues.act). */
export const FollowUpSchema = cmd('follow_up', { visitId: IdSchema, text: text(500, '回头看记录') })

export const LinkRepeatSchema = cmd('link_repeat', { repeatOf: IdSchema, reason: OptionalReason })
export const UnlinkRepeatSchema = cmd('unlink_repeat', { reason: ReasonSchema })

export const UserCommandSchema = v.variant('action', [
  DispatchSchema,
  SolveOnSpotSchema,
  DeclineSchema,
  WithdrawSchema,
  SignForSchema,
  ReturnSchema,
  RequestMaterialsSchema,
  AddMaterialsSchema,
  AnswerSchema,
  ReviewSchema,
  ConfirmSchema,
  RequestExtensionSchema,
  DecideExtensionSchema,
  ReassignSchema,
  ForceCloseSchema,
  SuperviseSchema,
  UnsuperviseSchema,
  NoteSchema,
  AddOpinionSchema,
  LinkRepeatSchema,
  UnlinkRepeatSchema,
])
export const SystemCommandSchema = v.variant('action', [
  cmd('escalate', {}),
  cmd('auto_close', {}),
  cmd('recompute_deadlines', {}),
])
export const VisitCommandSchema = v.variant('action', [FollowUpSchema])
export const CommandSchema = v.variant('action', [...UserCommandSchema.options, ...SystemCommandSchema.options, ...VisitCommandSchema.options])

/** Commands as validated (defaults filled in). */
export type UserCommand = v.InferOutput<typeof UserCommandSchema>
export type SystemCommand = v.InferOutput<typeof SystemCommandSchema>
export type VisitCommand = v.InferOutput<typeof VisitCommandSchema>
export type Command = UserCommand | SystemCommand | VisitCommand
export type UserCommandInput = v.InferInput<typeof UserCommandSchema>
export type CommandOf<A extends Command['action']> = Extract<Command, { action: A }>
