import type Database from 'better-sqlite3'
import { aggregationOf, type MetricAggregation } from '../../src-shared/domain/aggregation'
import type { PlanFeature } from '../../src-shared/domain/catalog'
import type { UsageSeriesPoint } from '../../src-shared/domain/usage'
import { fromMicros } from '../../src-shared/quantity'

/**
 * The metrics that are not summed, each as the newest published plan version declaring it says
 * (plans rarely disagree on how a metric counts; when they do, the newest wins).
 */
export const metricAggregations = (db: Database.Database): Map<string, MetricAggregation> => {
  const declared = new Map<string, MetricAggregation>()
  for (const json of db
    .prepare<[], string>(
      `SELECT terms_json FROM plan_version WHERE status = 'published' ORDER BY published_at`,
    )
    .pluck()
    .iterate()) {
    const terms = JSON.parse(json) as { features?: PlanFeature[] }
    for (const feature of terms.features ?? [])
      if (feature.type === 'usage' || feature.type === 'quota')
        declared.set(feature.code, aggregationOf(feature))
  }
  for (const [code, spec] of declared) if (spec.aggregation === 'sum') declared.delete(code)
  return declared
}

/**
 * Per bucket and customer, the value the aggregation gives; `latest` and `weighted_sum` show the
 * last level stated in the bucket (a level is charted, its time-weighting is billing's). SQLite
 * takes a bare column from the row holding the MAX(ts).
 */
const perCustomer = (spec: MetricAggregation): { value: string; micros: boolean } => {
  switch (spec.aggregation) {
    case 'sum':
      return { value: 'SUM(e.quantity_micros) AS v', micros: true }
    case 'count':
      return { value: 'COUNT(*) AS v', micros: false }
    case 'max':
      return { value: 'MAX(e.quantity_micros) AS v', micros: true }
    case 'latest':
    case 'weighted_sum':
      return { value: 'e.quantity_micros AS v, MAX(e.ts) AS last_ts', micros: true }
    case 'unique_count':
      return { value: 'COUNT(DISTINCT json_extract(e.properties_json, @path)) AS v', micros: false }
  }
}

/**
 * A metric's points by its aggregation: each customer's value per bucket, added up over the
 * customers shown (what billing each of them for that bucket would count).
 */
export const aggregatedSeries = (
  db: Database.Database,
  filter: { where: string; params: (string | number)[] },
  width: number,
  metric: string,
  spec: MetricAggregation,
): UsageSeriesPoint[] => {
  const { value, micros } = perCustomer(spec)
  const where = filter.where ? `${filter.where} AND e.metric = @metric` : 'WHERE e.metric = @metric'
  const rows = db
    .prepare<unknown[], { bucket: bigint; v: bigint | null }>(
      `SELECT e.ts - (e.ts % ${width} + ${width}) % ${width} AS bucket, ${value}
       FROM usage_event e ${where} GROUP BY bucket, e.customer_id`,
    )
    .safeIntegers(true)
    .all(
      ...filter.params,
      spec.aggregation === 'unique_count'
        ? { metric, path: `$."${spec.property ?? ''}"` }
        : { metric },
    )
  const totals = new Map<bigint, bigint>()
  for (const r of rows) totals.set(r.bucket, (totals.get(r.bucket) ?? 0n) + (r.v ?? 0n))
  return [...totals]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([bucket, total]) => ({
      bucket: new Date(Number(bucket)).toISOString(),
      metric,
      quantity: micros ? fromMicros(total) : total.toString(),
    }))
}
