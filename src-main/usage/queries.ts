import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type { DecimalString } from '../../src-shared/domain/pricing'
import type {
  UsageEvent,
  UsageQuerySchema,
  UsageSeriesPoint,
  UsageSeriesQuerySchema,
} from '../../src-shared/domain/usage'
import { fromMicros } from '../../src-shared/quantity'
import { AppError } from '../errors'
import { meteredCodes } from './customer-directory'
import { instantMs } from './field-parsers'
import { aggregatedSeries, metricAggregations } from './series-aggregation'

type EventsQuery = z.output<typeof UsageQuerySchema>
type SeriesQuery = z.output<typeof UsageSeriesQuerySchema>

/** An instant from a query as the ledger stores instants: milliseconds since 1970 UTC. */
const instant = (text: string): number => {
  const ms = instantMs(text)
  if (ms === null) throw new AppError('validation_failed', `"${text}" is not an ISO 8601 instant.`)
  return ms
}

/** A stored instant as ISO 8601 text. */
const isoOf = (ms: bigint): string => new Date(Number(ms)).toISOString()

type Filter = { where: string; params: (string | number)[] }

/** The WHERE clause of the explorer's filters; null when the customer does not exist. */
const filterOf = (
  db: Database.Database,
  q: { customer?: string | undefined; metric?: string | undefined; from?: string; to?: string },
): Filter | null => {
  const clauses: string[] = []
  const params: (string | number)[] = []
  if (q.customer !== undefined) {
    const id = db
      .prepare<[string], number>('SELECT id FROM customer WHERE external_id = ?')
      .pluck()
      .get(q.customer)
    if (id === undefined) return null
    clauses.push('e.customer_id = ?')
    params.push(id)
  }
  if (q.metric !== undefined) {
    clauses.push('e.metric = ?')
    params.push(q.metric)
  }
  if (q.from !== undefined) {
    clauses.push('e.ts >= ?')
    params.push(instant(q.from))
  }
  if (q.to !== undefined) {
    clauses.push('e.ts < ?')
    params.push(instant(q.to))
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

type EventRow = {
  event_id: string
  external_id: string
  metric: string
  micros: bigint
  ts: bigint
  import_id: string
  late: bigint
  properties_json: string | null
}

/** Newest first (`from` inclusive, `to` exclusive), a page at a time, with the total. */
export const listEvents = (
  db: Database.Database,
  q: EventsQuery,
): { events: UsageEvent[]; total: number } => {
  const filter = filterOf(db, q)
  if (!filter) return { events: [], total: 0 }
  const rows = db
    .prepare<unknown[], EventRow>(
      `SELECT e.event_id, c.external_id, e.metric, e.quantity_micros AS micros, e.ts,
         i.id AS import_id, e.late, e.properties_json
       FROM usage_event e JOIN customer c ON c.id = e.customer_id
         JOIN usage_import i ON i.seq = e.import_seq
       ${filter.where} ORDER BY e.ts DESC, e.rowid DESC LIMIT ? OFFSET ?`,
    )
    .safeIntegers(true)
    .all(...filter.params, q.limit, q.offset)
  const total =
    db
      .prepare<unknown[], number>(`SELECT COUNT(*) FROM usage_event e ${filter.where}`)
      .pluck()
      .get(...filter.params) ?? 0
  return {
    events: rows.map((r) => ({
      eventId: r.event_id,
      customerId: r.external_id,
      metric: r.metric,
      quantity: fromMicros(r.micros),
      timestamp: isoOf(r.ts),
      importId: r.import_id,
      late: r.late === 1n,
      properties:
        r.properties_json === null
          ? null
          : (JSON.parse(r.properties_json) as Record<string, string>),
    })),
    total,
  }
}

/**
 * Usage per UTC day or hour and metric, as exact decimals; each bucket named by its start. A
 * metric is summed unless its plans aggregate it otherwise (series-aggregation.ts).
 */
export const usageSeries = (db: Database.Database, q: SeriesQuery): UsageSeriesPoint[] => {
  const filter = filterOf(db, q)
  if (!filter) return []
  const width = q.bucket === 'day' ? 86_400_000 : 3_600_000
  const others = metricAggregations(db)
  const sums = db
    .prepare<unknown[], { bucket: bigint; metric: string; micros: bigint }>(
      `SELECT e.ts - (e.ts % ${width} + ${width}) % ${width} AS bucket, e.metric, SUM(e.quantity_micros) AS micros
       FROM usage_event e ${filter.where} GROUP BY bucket, e.metric ORDER BY bucket, e.metric`,
    )
    .safeIntegers(true)
    .all(...filter.params)
  const points: UsageSeriesPoint[] = []
  const replaced = new Map<string, UsageSeriesPoint[]>()
  for (const r of sums) {
    const spec = others.get(r.metric)
    if (!spec) {
      points.push({ bucket: isoOf(r.bucket), metric: r.metric, quantity: fromMicros(r.micros) })
      continue
    }
    if (!replaced.has(r.metric))
      replaced.set(r.metric, aggregatedSeries(db, filter, width, r.metric, spec))
  }
  const all = [...points, ...[...replaced.values()].flat()]
  return all.sort((a, b) =>
    a.bucket === b.bucket ? (a.metric < b.metric ? -1 : 1) : a.bucket < b.bucket ? -1 : 1,
  )
}

/** Whether any event has this metric: customer by customer, one index seek each. */
export const METRIC_USED_SQL = `SELECT EXISTS (
  SELECT 1 FROM customer c CROSS JOIN usage_event e WHERE e.customer_id = c.id AND e.metric = ?)`

/**
 * The metrics that have usage. Every stored event's metric is a metered feature code of some
 * plan version (the import checks it), so only those few codes are candidates. Each is looked
 * up along the (customer_id, metric, ts) index one customer at a time (CROSS JOIN keeps that
 * order): a used metric is found in its first customers, an unused one costs one seek per
 * customer. DISTINCT would read every event instead; hopping over every (customer, metric)
 * pair, one seek per pair, was slower still.
 */
export const usageMetrics = (db: Database.Database): string[] => {
  const candidates = new Set<string>()
  for (const terms of db
    .prepare<[], string>('SELECT terms_json FROM plan_version')
    .pluck()
    .iterate())
    for (const code of meteredCodes(terms).keys()) candidates.add(code)
  const used = db.prepare<[string], number>(METRIC_USED_SQL).pluck()
  return [...candidates].filter((metric) => used.get(metric) === 1).sort()
}

export type UsageAggregate = {
  metric: string
  /** The exact sum of the quantities. */
  sum: DecimalString
  count: number
  max: DecimalString
}

type AggregateRow = { metric: string; micros: bigint; count: bigint; max: bigint }

const toAggregate = (r: AggregateRow): UsageAggregate => ({
  metric: r.metric,
  sum: fromMicros(r.micros),
  count: Number(r.count),
  max: fromMicros(r.max),
})

/** Whether late events (imported after their period was invoiced) are included, or only they. */
type LateFilter = { late?: boolean }

const lateClause = (filter: LateFilter): string =>
  filter.late === undefined ? '' : `AND late = ${filter.late ? 1 : 0}`

/**
 * A customer's usage in [from, to) per metric, for billing: answered from the
 * (customer_id, metric, ts) index, summed exactly in integer millionths.
 */
export const aggregateUsage = (
  db: Database.Database,
  q: { customerId: number; from: string; to: string } & LateFilter,
): UsageAggregate[] =>
  db
    .prepare<[number, number, number], AggregateRow>(
      `SELECT metric, SUM(quantity_micros) AS micros, COUNT(*) AS count, MAX(quantity_micros) AS max
       FROM usage_event WHERE customer_id = ? AND ts >= ? AND ts < ? ${lateClause(q)}
       GROUP BY metric ORDER BY metric`,
    )
    .safeIntegers(true)
    .all(q.customerId, instant(q.from), instant(q.to))
    .map(toAggregate)

/** Every customer's usage in [from, to) per metric: one pass for a whole billing run. */
export const aggregateAll = (
  db: Database.Database,
  q: { from: string; to: string } & LateFilter,
): (UsageAggregate & { customerId: number })[] =>
  db
    .prepare<[number, number], AggregateRow & { customer_id: bigint }>(
      `SELECT customer_id, metric, SUM(quantity_micros) AS micros, COUNT(*) AS count,
         MAX(quantity_micros) AS max
       FROM usage_event WHERE ts >= ? AND ts < ? ${lateClause(q)}
       GROUP BY customer_id, metric ORDER BY customer_id, metric`,
    )
    .safeIntegers(true)
    .all(instant(q.from), instant(q.to))
    .map((r) => ({ customerId: Number(r.customer_id), ...toAggregate(r) }))
