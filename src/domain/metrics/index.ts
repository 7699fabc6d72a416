/** Managers' metrics: facts per issue, one pure computation, and its database twin. */
export * from './types'
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
  MAX_ROWS,
  type AggregateRow,
  type VisitAggregateRow,
} from './pipeline'
