import type Database from 'better-sqlite3'
import type { UsageSeriesPoint, UsageTotal } from '../../src-shared/domain/usage'
import { fromMicros } from '../../src-shared/quantity'
import { customerScope, filterOf, instant, type ExplorerFilterInput } from './explorer-filter'
import { aggregatedSeries, metricAggregations } from './series-aggregation'

/**
 * Every metric that has an event, in order: a hop along `usage_event_metric_ts` from each metric
 * to the next (a handful of seeks), where DISTINCT would read every event.
 */
export const USED_METRICS_SQL = `
  WITH RECURSIVE m(metric) AS (
    SELECT (SELECT MIN(metric) FROM usage_event)
    UNION ALL
    SELECT (SELECT MIN(metric) FROM usage_event WHERE metric > m.metric) FROM m
    WHERE m.metric IS NOT NULL)
  SELECT metric FROM m WHERE metric IS NOT NULL`

const metricsOf = (db: Database.Database, q: ExplorerFilterInput): string[] =>
  q.metric !== undefined ? [q.metric] : db.prepare<[], string>(USED_METRICS_SQL).pluck().all()

/**
 * One metric's sum and count over a time range, for the customers in scope: a range of
 * `usage_event_metric_ts` (or of the customer's own index when one customer is chosen), read
 * from the index alone. The explorer's chart and totals are a few of these per metric rather
 * than one GROUP BY, which made SQLite fetch every event's row and sort them all into groups.
 */
export const rangeSumSql = (scope: string[]): string =>
  `SELECT SUM(e.quantity_micros) AS micros, COUNT(*) AS count FROM usage_event e
   WHERE ${[...scope, 'e.metric = ?', 'e.ts >= ?', 'e.ts < ?'].join(' AND ')}`

// Beyond every stored instant either way: an open end of the range.
const NO_START = Number.MIN_SAFE_INTEGER
const NO_END = Number.MAX_SAFE_INTEGER

/** Each metric's exact sum and count under the filter (the explorer's totals), by metric. */
export const usageTotals = (db: Database.Database, q: ExplorerFilterInput): UsageTotal[] => {
  const scope = customerScope(db, q)
  if (!scope) return []
  const from = q.from === undefined ? NO_START : instant(q.from)
  const to = q.to === undefined ? NO_END : instant(q.to)
  const sum = db
    .prepare<unknown[], { micros: bigint | null; count: bigint }>(rangeSumSql(scope.clauses))
    .safeIntegers(true)
  return metricsOf(db, q).flatMap((metric) => {
    const row = sum.get(...scope.params, metric, from, to)
    return row && row.count > 0n
      ? [{ metric, quantity: fromMicros(row.micros ?? 0n), count: Number(row.count) }]
      : []
  })
}

/**
 * Past this many buckets (a decade by the hour), one pass over the metric's range sorted into
 * buckets costs less than a seek per bucket.
 */
const MAX_SEEKED_BUCKETS = 20_000

const groupedSeries = (
  db: Database.Database,
  scope: { clauses: string[]; params: (string | number)[] },
  metric: string,
  width: number,
  from: number,
  to: number,
): UsageSeriesPoint[] =>
  db
    .prepare<unknown[], { bucket: bigint; micros: bigint }>(
      `SELECT e.ts - (e.ts % ${width} + ${width}) % ${width} AS bucket,
         SUM(e.quantity_micros) AS micros FROM usage_event e
       WHERE ${[...scope.clauses, 'e.metric = ?', 'e.ts >= ?', 'e.ts < ?'].join(' AND ')}
       GROUP BY bucket`,
    )
    .safeIntegers(true)
    .all(...scope.params, metric, from, to)
    .map((r) => ({
      bucket: new Date(Number(r.bucket)).toISOString(),
      metric,
      quantity: fromMicros(r.micros),
    }))

/**
 * Usage per bucket of `width` ms and metric in [from, to), as exact decimals, each bucket named by
 * its start (UTC); buckets without events are left out. A metric is summed unless its plans
 * aggregate it otherwise (series-aggregation.ts).
 */
export const summedSeries = (
  db: Database.Database,
  q: ExplorerFilterInput & { from: string; to: string },
  width: number,
): UsageSeriesPoint[] => {
  const scope = customerScope(db, q)
  const filter = filterOf(db, q)
  if (!scope || !filter) return []
  const from = instant(q.from)
  const to = instant(q.to)
  const others = metricAggregations(db)
  const sum = db
    .prepare<unknown[], { micros: bigint | null; count: bigint }>(rangeSumSql(scope.clauses))
    .safeIntegers(true)
  const points: UsageSeriesPoint[] = []
  for (const metric of metricsOf(db, q)) {
    const spec = others.get(metric)
    if (spec) {
      points.push(...aggregatedSeries(db, filter, width, metric, spec))
      continue
    }
    const first = Math.floor(from / width) * width
    if ((to - first) / width > MAX_SEEKED_BUCKETS) {
      points.push(...groupedSeries(db, scope, metric, width, from, to))
      continue
    }
    for (let bucket = first; bucket < to; bucket += width) {
      const row = sum.get(
        ...scope.params,
        metric,
        Math.max(bucket, from),
        Math.min(bucket + width, to),
      )
      if (row && row.count > 0n)
        points.push({
          bucket: new Date(bucket).toISOString(),
          metric,
          quantity: fromMicros(row.micros ?? 0n),
        })
    }
  }
  return points.sort((a, b) =>
    a.bucket === b.bucket ? (a.metric < b.metric ? -1 : 1) : a.bucket < b.bucket ? -1 : 1,
  )
}
