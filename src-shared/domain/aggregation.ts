/**
 * How a metric's events become the quantity billed for a period (Lago's billable metric
 * aggregations). `sum` is the default: a feature that names none is summed, as before.
 */
export const aggregations = [
  'sum',
  'count',
  'max',
  'latest',
  'unique_count',
  'weighted_sum',
] as const
export type Aggregation = (typeof aggregations)[number]

/** A metered feature's aggregation; `property` only for `unique_count` (e.g. `user_id`). */
export type MetricAggregation = { aggregation: Aggregation; property?: string }

/** The aggregation a feature declares, `sum` when it declares none. */
export const aggregationOf = (feature: {
  aggregation?: Aggregation
  aggregationProperty?: string
}): MetricAggregation =>
  feature.aggregation === 'unique_count' && feature.aggregationProperty !== undefined
    ? { aggregation: 'unique_count', property: feature.aggregationProperty }
    : { aggregation: feature.aggregation ?? 'sum' }

/** Words for the plan editor and the README's table. */
export const aggregationLabels: Record<Aggregation, string> = {
  sum: 'Sum of quantities',
  count: 'Count of events',
  max: 'Highest quantity in the period',
  latest: 'Latest quantity reported',
  unique_count: 'Unique values of a property',
  weighted_sum: 'Level over time (time-weighted)',
}
