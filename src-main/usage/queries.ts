import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type { DecimalString } from '../../src-shared/domain/pricing'
import type {
  UsageEvent,
  UsageQuerySchema,
  UsageSeriesPoint,
  UsageSeriesQuerySchema,
  UsageSortField,
} from '../../src-shared/domain/usage'
import { fromMicros } from '../../src-shared/quantity'
import type { ListSort } from '../../src-shared/domain/list-sort'
import { meteredCodes } from './customer-directory'
import { filterOf, instant } from './explorer-filter'
import { summedSeries } from './explorer-sums'

type EventsQuery = z.output<typeof UsageQuerySchema>
type SeriesQuery = z.output<typeof UsageSeriesQuerySchema>

/** A stored instant as ISO 8601 text. */
const isoOf = (ms: bigint): string => new Date(Number(ms)).toISOString()

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

/**
 * Newest first by default. By metric, the order is the whole key of `usage_event_metric_ts`
 * (metric, time, quantity, then the row), so the page is read off the index with nothing sorted;
 * time breaks ties by the row, which `usage_event_ts` ends with.
 */
export const orderOf = (sort: ListSort<UsageSortField> | undefined): string => {
  const field = sort?.field ?? 'time'
  const direction = sort?.direction === 'asc' ? 'ASC' : 'DESC'
  const columns = field === 'time' ? ['e.ts'] : ['e.metric', 'e.ts', 'e.quantity_micros']
  return `ORDER BY ${[...columns, 'e.rowid'].map((c) => `${c} ${direction}`).join(', ')}`
}

/** A page (`from` inclusive, `to` exclusive), a page at a time, with the total. */
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
       ${filter.where} ${orderOf(q.sort)} LIMIT ? OFFSET ?`,
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
 * Usage per UTC day or hour and metric, as exact decimals; each bucket named by its start
 * (explorer-sums.ts).
 */
export const usageSeries = (db: Database.Database, q: SeriesQuery): UsageSeriesPoint[] =>
  summedSeries(db, q, q.bucket === 'day' ? 86_400_000 : 3_600_000)

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
