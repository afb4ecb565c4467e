import Big from 'big.js'
import type Database from 'better-sqlite3'
import type { MetricAggregation } from '../../src-shared/domain/aggregation'
import type { DecimalString } from '../../src-shared/domain/pricing'
import { QUANTITY_DECIMALS, fromMicros } from '../../src-shared/quantity'

/**
 * A metric's quantity over a window by an aggregation other than `sum` (sums are read in bulk:
 * billing/usage-source.ts). Each is one query along the (customer_id, metric, ts) index, then
 * reduced here; the query is plain SQL with its parameters so that the billing run (better-sqlite3,
 * synchronous) and the customer's meters (TypeORM, asynchronous) run the very same text.
 *
 * The definitions are Lago's: `count` the events, `max` the highest quantity, `latest` the
 * quantity of the last event by time (the one imported last among equal instants),
 * `unique_count` the distinct values of a property (events without it do not count), and
 * `weighted_sum` a level integrated over time: Σ level × time held ÷ the period's length. Lago's
 * weighted-sum events carry variations (+3, −1) added to a running level; Meterbook's quantities
 * cannot be negative, so each event states the level itself, held until the next event, and the
 * level when the window opens is the last one stated before it (however long ago), which is
 * what Lago's `recurring` metrics carry over from one period to the next. A window that covers
 * part of the period (a subscription starting mid-month) is integrated over that part only, and
 * still divided by the whole period, as Lago divides by the charges' full duration.
 */

/** [from, to): the part of the period billed, in ms since 1970; `periodMs` the whole period's length. */
export type AggregationWindow = { from: number; to: number; periodMs: number }

export type MetricQuery = { sql: string; params: (string | number)[] }

/** What the query returns: `v` a quantity in micros (or a count), `ts` an instant for weighted sums. */
export type MetricRow = { v: number | bigint | null; ts?: number | bigint }

type NonSum = Exclude<MetricAggregation['aggregation'], 'sum'>

const RANGE = 'customer_id = ? AND metric = ? AND ts >= ? AND ts < ?'

/** The query for one customer, metric and window; `sum` is here too, for the explorer and tests. */
export const metricQuery = (
  spec: MetricAggregation,
  customerId: number,
  metric: string,
  window: Pick<AggregationWindow, 'from' | 'to'>,
): MetricQuery => {
  const range = [customerId, metric, window.from, window.to]
  switch (spec.aggregation) {
    case 'sum':
      return {
        sql: `SELECT SUM(quantity_micros) AS v FROM usage_event WHERE ${RANGE}`,
        params: range,
      }
    case 'count':
      return { sql: `SELECT COUNT(*) AS v FROM usage_event WHERE ${RANGE}`, params: range }
    case 'max':
      return {
        sql: `SELECT MAX(quantity_micros) AS v FROM usage_event WHERE ${RANGE}`,
        params: range,
      }
    case 'latest':
      return {
        sql: `SELECT quantity_micros AS v FROM usage_event WHERE ${RANGE}
              ORDER BY ts DESC, rowid DESC LIMIT 1`,
        params: range,
      }
    case 'unique_count':
      // The property's path is a parameter: names are validated, and never spliced into SQL.
      return {
        sql: `SELECT COUNT(DISTINCT json_extract(properties_json, ?)) AS v
              FROM usage_event WHERE ${RANGE}`,
        params: [`$."${spec.property ?? ''}"`, ...range],
      }
    case 'weighted_sum':
      // The level stated last before the window, then every event in it, in time order.
      return {
        sql: `SELECT ts, v, r FROM (
                SELECT ts, quantity_micros AS v, rowid AS r FROM usage_event
                WHERE customer_id = ? AND metric = ? AND ts < ? ORDER BY ts DESC, rowid DESC LIMIT 1)
              UNION ALL
              SELECT ts, quantity_micros AS v, rowid AS r FROM usage_event WHERE ${RANGE}
              ORDER BY ts, r`,
        params: [customerId, metric, window.from, ...range],
      }
  }
}

const big = (value: number | bigint | null | undefined): bigint =>
  value === null || value === undefined ? 0n : BigInt(value)

/** Σ level × ms held over [from, to), in micros × ms: exact, as integers. */
const levelArea = (rows: readonly MetricRow[], window: AggregationWindow): bigint => {
  let level = 0n
  let cursor = BigInt(window.from)
  let area = 0n
  for (const row of rows) {
    const at = big(row.ts) > cursor ? big(row.ts) : cursor
    area += level * (at - cursor)
    cursor = at
    level = big(row.v)
  }
  return area + level * (BigInt(window.to) - cursor)
}

/**
 * The quantity the query's rows make. A weighted sum rarely divides evenly: it is rounded half
 * up to the ledger's quantity precision (6 places), before pricing rounds the money once.
 */
export const metricQuantity = (
  spec: MetricAggregation,
  rows: readonly MetricRow[],
  window: AggregationWindow,
): DecimalString => {
  switch (spec.aggregation) {
    case 'count':
    case 'unique_count':
      return big(rows[0]?.v).toString()
    case 'sum':
    case 'max':
    case 'latest':
      return fromMicros(big(rows[0]?.v))
    case 'weighted_sum': {
      if (window.periodMs <= 0) return '0'
      const area = levelArea(rows, window)
      return new Big(area.toString())
        .div(window.periodMs * 10 ** QUANTITY_DECIMALS)
        .round(QUANTITY_DECIMALS, Big.roundHalfUp)
        .toFixed()
    }
  }
}

/** Whether a metric needs its own query (anything but the bulk-read sum). */
export const needsOwnQuery = (
  spec: MetricAggregation,
): spec is MetricAggregation & {
  aggregation: NonSum
} => spec.aggregation !== 'sum'

/** Statements per connection, by SQL text: a run asks the same few queries of many customers. */
const prepared = new WeakMap<
  Database.Database,
  Map<string, Database.Statement<unknown[], MetricRow>>
>()

const statementFor = (db: Database.Database, sql: string) => {
  const byText = prepared.get(db) ?? new Map<string, Database.Statement<unknown[], MetricRow>>()
  prepared.set(db, byText)
  let statement = byText.get(sql)
  if (!statement) {
    statement = db.prepare<unknown[], MetricRow>(sql).safeIntegers(true)
    byText.set(sql, statement)
  }
  return statement
}

/** One customer's metric over a window, on the ledger's own connection (billing's path). */
export const aggregateMetric = (
  db: Database.Database,
  spec: MetricAggregation,
  customerId: number,
  metric: string,
  window: AggregationWindow,
): DecimalString => {
  const q = metricQuery(spec, customerId, metric, window)
  return metricQuantity(spec, statementFor(db, q.sql).all(...q.params), window)
}
