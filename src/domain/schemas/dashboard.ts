import * as v from 'valibot'
import { PERIOD_KINDS } from '../period'
import { epochMs } from './common'

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
  groupKey: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
})
export const exportInput = v.object({ period })
