/** Shared input primitives: every string has a length, every list a count, no control characters. */
import * as v from 'valibot'
import { isWeekKey } from '../time'

/** C0 controls and DEL, except tab and line breaks (which long texts may hold). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
/** A one-line value (keywords, names): no line breaks or tabs either. */
const LINE_BREAKS = /[\t\n\r]/
export const noControlChars = v.check((s: string) => !CONTROL_CHARS.test(s), '不能包含控制字符')

export const id = v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确'))
export const text = (min: number, max: number) =>
  v.pipe(v.string('应为文本'), noControlChars, v.trim(), v.minLength(min, `至少 ${min} 个字`), v.maxLength(max, `不超过 ${max} 个字`))
/** A one-line text (names, keys): no line breaks or tabs. */
export const line = (min: number, max: number) => v.pipe(text(min, max), v.check((s: string) => !LINE_BREAKS.test(s), '不能包含换行或制表符'))
/** A search word: one line, 1–30 characters. */
export const keyword = line(1, 30)
export const optionalText = (max: number) => v.optional(text(0, max), '')
export const phone = v.pipe(v.string('应为文本'), v.trim(), v.regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确'))
/** A cloud storage file id ('cloud://<env>.<bucket>/<path>'): only files in the environment's storage are attached, never links. */
export const fileId = v.pipe(v.string('应为文本'), v.maxLength(512, '文件编号过长'), v.regex(/^cloud:\/\/\S+$/, '文件编号格式不正确'))
export const fileIds = (max: number) => v.optional(v.pipe(v.array(fileId, '应为列表'), v.maxLength(max, `最多 ${max} 个文件`)), [])
export const weekKey = v.pipe(
  v.string(),
  v.regex(/^\d{4}-W\d{2}$/, '周次格式应为 2026-W48'),
  v.check(isWeekKey, '该年没有这一周（ISO 周次为 W01 起，最多 W52 或 W53）'),
)
/** A request id a phone makes once per attempt (8–64 characters): the same id again is the same request. */
export const clientRequestId = v.pipe(v.string('应为文本'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号不正确'))
export const epochMs = v.pipe(v.number('应为数字'), v.integer(), v.minValue(946684800000), v.maxValue(4102444800000))
export const location = v.object({
  latitude: v.pipe(v.number('应为数字'), v.minValue(-90), v.maxValue(90)),
  longitude: v.pipe(v.number('应为数字'), v.minValue(-180), v.maxValue(180)),
  accuracy: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(100000))),
})
export const contact = v.object({
  name: text(1, 20),
  title: optionalText(30),
  phone: v.optional(phone),
})
export const cursor = v.optional(v.pipe(v.string('应为文本'), noControlChars, v.maxLength(200, '分页游标不正确')))
export const pageSize = v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 20)
export const empty = v.object({})
