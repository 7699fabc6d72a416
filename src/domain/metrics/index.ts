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
