/** Managers' metrics: facts per issue, one pure computation, and its database twin. */
export * from './figures'
export { issueFacts } from './facts'
export { computeMetrics, computeMetricsBy, drill } from './compute'
export { activeProjectWeeks, periodWeeks } from './coverage'
export { type WeeklyRow, weeklyFromAggregate, weeklyOpenedClosed, weeklyPipelines } from './weekly'
export {
  matchStage,
  metricsPipeline,
  visitsPipeline,
  metricsFromAggregate,
  metricsByFromAggregate,
  visitFactsFromAggregate,
  type AggregateRow,
  type VisitAggregateRow,
} from './pipeline'
export {
  type RecordedContribution,
  type RollupDelta,
  type RollupDoc,
  type RollupView,
  NOW_BUCKET,
  ROLLUP_VIEWS,
  accumulate,
  applyDelta,
  contributionOf,
  decodeContribution,
  encodeContribution,
  isRollupMark,
  mergeDeltas,
  rollupChanges,
  sameContribution,
} from './rollup'
export {
  dashboardFromRollups,
  liveEdgeMatch,
  liveHourMatch,
  metricsByFromRollups,
  rollupPlan,
  viewFor,
  weeklyFromRollups,
} from './rollupRead'
export { type AuditedIssue, type RollupAuditReport, RollupAudit } from './rollupCheck'
