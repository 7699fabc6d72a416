/** Managers' metrics: facts per issue, one pure computation, and its database twin. */
export * from './types'
export { issueFacts } from './facts'
export { computeMetrics, computeMetricsBy, drill } from './compute'
export { activeProjectWeeks, periodWeeks, weeksOverlapping } from './coverage'
export { DAYS_LABELS, DRILL_PARTS, METRIC_LABELS, METRIC_ORDER } from './dashboard'
export { HISTOGRAM_CAP } from './counters'
export { type WeeklyRow, weeklyFromAggregate, weeklyOpenedClosed, weeklyPipelines } from './weekly'
export {
  matchStage,
  metricsPipeline,
  visitsPipeline,
  metricsFromAggregate,
  metricsByFromAggregate,
  visitFactsFromAggregate,
  MAX_ROWS,
  type AggregateRow,
  type VisitAggregateRow,
} from './pipeline'
export {
  type Contribution,
  type RecordedContribution,
  type RollupDelta,
  type RollupDoc,
  type RollupMark,
  type RollupView,
  NOW_BUCKET,
  ROLLUP_VIEWS,
  accumulate,
  applyDelta,
  contributionOf,
  decodeContribution,
  encodeContribution,
  isRollupMark,
  rollupChanges,
  rollupDifferences,
  rollupId,
  rollupMark,
  rollupsOf,
  sameContribution,
} from './rollup'
export {
  type LiveFacts,
  dashboardFromRollups,
  liveEdgeMatch,
  liveHourMatch,
  metricsByFromRollups,
  rollupPlan,
  viewFor,
  weeklyFromRollups,
} from './rollupRead'
export { type AuditedIssue, type RollupAuditReport, RollupAudit } from './rollupCheck'
