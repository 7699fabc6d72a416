import * as v from 'valibot'
import { BULLETIN_KEY, bulletinPeriod } from '../bulletin/period'
import { PERIOD_KINDS } from '../period'
import { epochMs, noControlChars } from './common'

const range = v.pipe(
  v.object({ from: epochMs, to: epochMs }),
  v.check((p) => p.from < p.to, '起始时间须早于结束时间'),
  v.check((p) => p.to - p.from <= 366 * 2 * 86_400_000, '统计区间不超过两年'),
)
/** Explicit instants, or 本周/本月/本季度/本年 resolved on the server's clock. */
const period = v.union([range, v.object({ kind: v.picklist(PERIOD_KINDS, '统计期间应为本周、本月、本季度或本年') })], '统计期间不正确')
export const summaryInput = v.object({
  period,
  groupBy: v.optional(v.picklist(['department', 'team', 'project', 'week'])),
})
export const drillInput = v.object({
  period,
  metric: v.picklist(['response', 'resolution', 'satisfaction', 'onTime', 'reopen', 'returns', 'overdue', 'answerDays', 'firstContactDays']),
  part: v.picklist(['numerator', 'denominator']),
  groupBy: v.optional(v.picklist(['department', 'team', 'project', 'week'])),
  groupKey: v.optional(v.nullable(v.pipe(v.string('应为文本'), noControlChars, v.maxLength(64, '分组不正确')))),
})
export const exportInput = v.object({ period })
/** A month ('2026-11') or a quarter ('2026-Q4'), or this / the previous month or quarter on the server's clock. */
const bulletinKey = v.pipe(
  v.string(),
  v.regex(BULLETIN_KEY, '通报期间应为 YYYY-MM（月）或 YYYY-Qn（季度）'),
  v.check((k) => bulletinPeriod(k) !== undefined, '年份应在 2000–2100 之间'),
)
export const bulletinInput = v.object({
  period: v.union(
    [bulletinKey, v.object({ kind: v.picklist(['month', 'quarter'], '通报期间应为月或季度'), previous: v.optional(v.boolean()) })],
    '通报期间不正确',
  ),
  /** Also write this bulletin as a .docx (stored like an export, with a link for minutes). */
  document: v.optional(v.boolean()),
})
