/**
 * The one translation of valibot's issues into Chinese: every place that refuses input because a
 * schema failed (the functions' entry, issue commands, raising an issue, the holiday arrangement)
 * goes through `refuseInput`, so no raw path ("holidays.1.from") and no English from valibot
 * ("Invalid key: Expected …") ever reaches a message.
 *
 * A message is the field's label and what is wrong with it: 「第 2 个假期的开始日期格式不正确」,
 * 「缺少邀请码」, 「延期天数应为整数」. A schema author's own Chinese message is kept (prefixed with the
 * label unless it already names it) for format rules; for a wrong type, length or size, and for all of
 * valibot's built-in English, our wording below is used.
 */
import * as v from 'valibot'
import { AppError, fail, ok, type Result } from '../errors'
import { FIELD_LABELS, ITEM_WORDS, WRAPPER_KEYS, labelsOf } from './labels'

type Issue = v.BaseIssue<unknown>
/** The parts of a valibot schema object this walk reads (valibot's own types are one per schema kind). */
interface SchemaNode {
  type?: string
  kind?: string
  /** optional(), nullable(), …: the schema inside. */
  wrapped?: Schema
  /** variant(): the discriminating key. */
  key?: string
  /** union() and variant(): the option schemas; picklist(): the allowed values. */
  options?: readonly unknown[]
  /** object() and its kin. */
  entries?: Record<string, Schema>
  /** array(). */
  item?: Schema
  pipe?: readonly Schema[]
  /** literal(). */
  literal?: unknown
}
type Schema = SchemaNode | undefined
type PathItem = NonNullable<Issue['path']>[number]

const WRAPPERS = new Set(['optional', 'exact_optional', 'nullable', 'nullish', 'undefinedable', 'non_optional', 'non_nullable', 'non_nullish'])
const OBJECTS = new Set(['object', 'strict_object', 'loose_object', 'object_with_rest'])
const CHINESE = /[\u4e00-\u9fa5]/
/** Issue types our wording says better than a generic message written once for many fields. */
const OURS = new Set(['string', 'number', 'boolean', 'array', ...OBJECTS, 'integer', 'min_length', 'max_length', 'non_empty', 'min_value', 'max_value'])

/** The schema a value under `schema` is checked against once wrappers and the variant are resolved. */
function resolve(schema: Schema, value: unknown): Schema {
  let s = schema
  for (let guard = 0; s && guard < 20; guard++) {
    if (s.type && WRAPPERS.has(s.type)) s = s.wrapped
    else if (s.type === 'variant') {
      const key = s.key as string
      const tag = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined
      const option = (s.options as Schema[]).find((o) => {
        const lit = resolve(o, value)?.entries?.[key]
        return lit && (lit.literal === tag || lit.options?.includes?.(tag))
      })
      if (!option) return s
      s = option
    } else if (!s.entries && !s.item && !s.options && Array.isArray(s.pipe)) {
      // v.pipe(v.custom(…), v.partial(v.object(…))): the shape is the last schema of the pipe.
      const last = s.pipe.filter((p: Schema) => p?.kind === 'schema').at(-1)
      if (!last || last === s) return s
      s = last
    } else return s
  }
  return s
}

/** For a union, the option that declares `key` (e.g. a period given as {from, to} rather than {kind}). */
function entryOf(schema: Schema, key: string): { owner: Schema; entry: Schema } {
  if (schema?.entries && key in schema.entries) return { owner: schema, entry: schema.entries[key] }
  for (const option of (schema?.type === 'union' || schema?.type === 'variant' ? schema.options : []) as Schema[]) {
    const o = resolve(option, undefined)
    if (o?.entries && key in o.entries) return { owner: o, entry: o.entries[key] }
  }
  return { owner: schema, entry: undefined }
}

export interface FieldName {
  /** 「第 2 个假期的开始日期」; empty for the input as a whole. */
  label: string
  /** The label of the object the field sits in (for 「…中含有多余的字段」). */
  parent: string
  /** Machine path for `details.field`: holidays[1].from */
  path: string
  /** True when the last key is one the schema does not declare (a strict object's extra key). */
  unknown: boolean
}

/**
 * The Chinese name of the field an issue's path points to, found by walking the schema along the path.
 * @example fieldName(ArrangementShape, issue) // { label: '第 2 个假期的开始日期', path: 'holidays[1].from', … }
 */
export function fieldName(root: unknown, path: readonly PathItem[] | undefined): FieldName {
  let schema = root as Schema
  const parts: string[] = []
  let parent = ''
  let unknown = false
  let machine = ''
  let listKey = ''
  let wrapper = ''
  for (const item of path ?? []) {
    const key = item.key
    const node = resolve(schema, item.input)
    parent = parts.filter(Boolean).join('的') || wrapper
    wrapper = ''
    if (typeof key === 'number') {
      machine += `[${key}]`
      const word = ITEM_WORDS[listKey]
      const listLabel = parts.pop() ?? ''
      parts.push(word ? `第 ${key + 1} ${word}` : `${listLabel}第 ${key + 1} 项`)
      schema = node?.item
      continue
    }
    const name = String(key)
    machine += machine ? `.${name}` : name
    const { owner, entry } = entryOf(node, name)
    unknown = !entry && !!node && (OBJECTS.has(node.type ?? '') || node.type === 'variant')
    listKey = name
    schema = entry
    if (WRAPPER_KEYS[name]) {
      wrapper = WRAPPER_KEYS[name]
      continue
    }
    const label = labelsOf(owner)?.[name] ?? FIELD_LABELS[name]
    parts.push(unknown || !label ? '' : label)
  }
  return { label: parts.filter(Boolean).join('的') || wrapper, parent, path: machine, unknown }
}

/**
 * The label of a field given by its keys, for rules checked after parsing. Pass the input too when
 * the path runs through a variant (which command's `text`: 答复 or 进展说明).
 * @example labelFor(ArrangementShape, ['holidays', 1, 'from']) // '第 2 个假期的开始日期'
 */
export function labelFor(root: unknown, keys: readonly (string | number)[], input?: unknown): string {
  let parent = input
  const path = keys.map((key) => {
    const item = { key, input: parent, value: parent && typeof parent === 'object' ? (parent as Record<string | number, unknown>)[key] : undefined }
    parent = item.value
    return item as unknown as PathItem
  })
  return fieldName(root, path).label
}

const isList = (x: unknown) => Array.isArray(x)
const limit = (issue: Issue): number | undefined => (typeof issue.requirement === 'number' ? issue.requirement : undefined)
/** Requirements that are instants (ms since the epoch) are not numbers a person reads. */
const isInstant = (n: number | undefined) => n !== undefined && Math.abs(n) > 1e11

/** valibot's own wording replaced: what is wrong with a field called `l`. */
function wording(issue: Issue, l: string): string {
  const n = limit(issue)
  switch (issue.type) {
    case 'string':
      return `${l}应为文字`
    case 'number':
      return `${l}应为数字`
    case 'boolean':
      return `${l}应为“是”或“否”`
    case 'array':
      return `${l}应为列表`
    case 'picklist':
    case 'literal':
    case 'enum':
    case 'variant':
      return `${l}不在可选范围内`
    case 'integer':
      return `${l}应为整数`
    case 'min_length':
    case 'non_empty':
      if (isList(issue.input)) return `${l}至少录入 ${n ?? 1} 项`
      return !n || n <= 1 ? `请填写${l}` : `${l}至少 ${n} 个字`
    case 'max_length':
      return isList(issue.input) ? `${l}最多 ${n} 项` : `${l}不能超过 ${n} 个字`
    case 'min_value':
      return isInstant(n) ? `${l}超出允许的时间范围` : `${l}不能小于 ${n}`
    case 'max_value':
      return isInstant(n) ? `${l}超出允许的时间范围` : `${l}不能大于 ${n}`
    case 'object':
    case 'strict_object':
    case 'loose_object':
    case 'regex':
      return `${l}格式不正确`
    default:
      return `${l}不正确`
  }
}

/**
 * For a union that failed on an object (a period given as {from, to} or {kind}), the first issue
 * inside it on a key the caller did send: 「统计期间的结束时间应为数字」 rather than 「统计期间不正确」.
 */
function innerIssueOf(union: Issue): Issue | undefined {
  const sent = union.input && typeof union.input === 'object' && !Array.isArray(union.input) ? (union.input as Record<string, unknown>) : undefined
  if (!sent) return undefined
  // The options' issues carry paths relative to the union.
  const inner = union.issues?.find((i) => {
    const next = i.path?.[0]
    return next !== undefined && typeof next.key === 'string' && Object.prototype.hasOwnProperty.call(sent, next.key)
  })
  return inner && { ...inner, path: [...(union.path ?? []), ...(inner.path ?? [])] as Issue['path'] }
}

export interface DescribeOptions {
  /** What to call the input as a whole: 参数 (a function's input), 放假安排, … */
  whole?: string
}

/**
 * One issue as a Chinese sentence naming the field.
 * @example describeIssue(acceptInviteInput, issue) // '邀请码为 8 位字母或数字'
 * @example describeIssue(actOnIssueInput, issue)   // '延期天数应为整数'
 */
export function describeIssue(root: unknown, issue: Issue, options: DescribeOptions = {}): { message: string; field: FieldName } {
  const inner = issue.type === 'union' ? innerIssueOf(issue) : undefined
  if (inner) return describeIssue(root, inner, options)
  const whole = options.whole ?? '参数'
  const field = fieldName(root, issue.path)
  const label = field.label || whole
  const last = issue.path?.at(-1)
  if (field.unknown) return { field, message: `${field.parent || whole}中含有多余的字段` }
  // A required key left out: valibot reports it on the object with the key as the last path item.
  const missing = issue.kind === 'schema' && last !== undefined && last.value === undefined && issue.received === 'undefined'
  if (missing) return { field, message: `缺少${label}` }
  const own = CHINESE.test(issue.message) ? issue.message : undefined
  // The author's words when written for this very field (「请至少登记一位参加人」); ours for a wrong
  // type, length or size (they name the field); the author's words after the label for a format rule.
  if (own?.includes(label)) return { field, message: own }
  if (OURS.has(issue.type) || !own) return { field, message: wording(issue, label) }
  return { field, message: `${label}：${own}` }
}

/**
 * INVALID_INPUT for a failed parse: the first issue in Chinese, `details.field` the machine path.
 * @example refuseInput(schema, result.issues).message // '第 2 个假期的开始日期格式不正确'
 */
export function refuseInput(root: unknown, issues: readonly Issue[], options: DescribeOptions = {}): AppError {
  const { message, field } = describeIssue(root, issues[0], options)
  return new AppError('INVALID_INPUT', message, field.path ? { field: field.path } : undefined)
}

/**
 * Parses `input` with `schema`, or refuses it with a Chinese INVALID_INPUT naming the field.
 * @example parseOrRefuse(RaiseInputSchema, input) // { ok: false, error: 标题不超过 50 字 … }
 */
export function parseOrRefuse<S extends v.GenericSchema>(schema: S, input: unknown, options: DescribeOptions = {}): Result<v.InferOutput<S>> {
  const parsed = v.safeParse(schema, input)
  if (parsed.success) return ok(parsed.output)
  const error = refuseInput(schema, parsed.issues, options)
  return fail('INVALID_INPUT', error.message, error.details)
}
