import type Database from 'better-sqlite3'
import type { DecimalString } from '../../src-shared/domain/pricing'
import { fromMicros } from '../../src-shared/quantity'

/** The query, exported so that a test can check its plan reads the index. */
export const EVENT_VALUES_SQL = `SELECT quantity_micros FROM usage_event
  WHERE customer_id = ? AND metric = ? AND ts >= ? AND ts < ? ORDER BY ts, rowid`

/**
 * Each event's quantity of one customer's metric over [from, to), in the order Lago prices a
 * percentage charge: by time, then import order (the rowid) among equal instants. One query
 * along the (customer_id, metric, ts) index; only percentage-priced features ask for it, so a
 * plan of sums never leaves the bulk path.
 */
export const eventValues = (
  db: Database.Database,
  customerId: number,
  metric: string,
  window: { from: number; to: number },
): DecimalString[] =>
  db
    .prepare<[number, string, number, number], bigint>(EVENT_VALUES_SQL)
    .pluck()
    .safeIntegers(true)
    .all(customerId, metric, window.from, window.to)
    .map((micros) => fromMicros(micros))
