/** Managers' metrics: facts per issue, one pure computation, and its database twin. */
export * from './types'
export { issueFacts } from './facts'
export { computeMetrics, computeMetricsBy, drill } from './compute'
export { activeProjectWeeks, periodWeeks, weeksOverlapping } from './coverage'
export { METRIC_LABELS, METRIC_ORDER, DAYS_LABELS } from './dashboard'
export { HISTOGRAM_CAP } from './counters'
export {
  metricsPipeline,
  visitsPipeline,
  metricsFromAggregate,
  metricsByFromAggregate,
  visitFactsFromAggregate,
  MAX_ROWS,
  type AggregateRow,
  type VisitAggregateRow,
} from './pipeline'
