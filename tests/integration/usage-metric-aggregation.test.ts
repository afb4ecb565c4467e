import type Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import type { MetricAggregation } from '../../src-shared/domain/aggregation'
import {
  metricQuantity,
  metricQuery,
  type AggregationWindow,
  type MetricRow,
} from '../../src-main/usage/metric-aggregation'
import { testApp } from '../support/test-app'

type App = Awaited<ReturnType<typeof testApp>>
let app: App | undefined
afterEach(() => app?.close())

const DAY = 86_400_000
const ms = (iso: string): number => Date.parse(iso)
/** November 2026: 30 days. */
const november: AggregationWindow = {
  from: ms('2026-11-01T00:00:00Z'),
  to: ms('2026-12-01T00:00:00Z'),
  periodMs: 30 * DAY,
}

type Event = { metric: string; qty: string; at: string; props?: Record<string, string> }

/** A ledger with one customer (id 1) and these events, stored in the order given. */
const ledgerWith = async (events: Event[]): Promise<Database.Database> => {
  app = await testApp()
  const db = app.ledger.db
  const at = '2026-10-01T00:00:00.000Z'
  db.prepare(
    `INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json, operator,
       started_at) VALUES ('seed', 1, 'seed.csv', 'csv', 'keep_valid', 'completed', '{}', 't', ?)`,
  ).run(at)
  db.prepare(
    `INSERT INTO customer (id, external_id, name, currency, created_at, updated_at)
     VALUES (1, 'acme', 'Acme', 'USD', ?, ?)`,
  ).run(at, at)
  const insert = db.prepare(
    `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_seq,
       properties_json) VALUES (?, 1, ?, ?, ?, 1, ?)`,
  )
  events.forEach((e, i) =>
    insert.run(
      `e-${i}`,
      e.metric,
      Math.round(Number(e.qty) * 1e6),
      ms(e.at),
      e.props ? JSON.stringify(e.props) : null,
    ),
  )
  return db
}

const quantity = (
  db: Database.Database,
  spec: MetricAggregation,
  metric: string,
  window: AggregationWindow = november,
): string => {
  const q = metricQuery(spec, 1, metric, window)
  const rows = db
    .prepare<unknown[], MetricRow>(q.sql)
    .safeIntegers(true)
    .all(...q.params)
  return metricQuantity(spec, rows, window)
}

const day = (d: number, time = '09:00:00'): string =>
  d <= 0
    ? new Date(ms(`2026-11-01T${time}Z`) + (d - 1) * DAY).toISOString()
    : `2026-11-${String(d).padStart(2, '0')}T${time}Z`

/** `seats: 4` reported every day at 09:00, from 30 days before November to its last day. */
const seatsDaily = (from: number): Event[] =>
  Array.from({ length: 30 - from + 1 }, (_, i) => ({
    metric: 'seats',
    qty: '4',
    at: day(from + i),
  }))

describe('a metric aggregated over a period', () => {
  it('seats: 4 reported daily for 30 days is 120 summed, 30 counted, and 4 by max and latest', async () => {
    const db = await ledgerWith(seatsDaily(1))
    expect(quantity(db, { aggregation: 'sum' }, 'seats')).toBe('120')
    expect(quantity(db, { aggregation: 'count' }, 'seats')).toBe('30')
    expect(quantity(db, { aggregation: 'max' }, 'seats')).toBe('4')
    expect(quantity(db, { aggregation: 'latest' }, 'seats')).toBe('4')
  })

  it('a weighted sum of 4 seats held all period (carried in from October) is 4', async () => {
    const db = await ledgerWith(seatsDaily(-29))
    expect(quantity(db, { aggregation: 'weighted_sum' }, 'seats')).toBe('4')
  })

  it('a weighted sum of 4 seats first reported on Nov 1 at 09:00 is 4 × 711 h ÷ 720 h = 3.95', async () => {
    const db = await ledgerWith(seatsDaily(1))
    expect(quantity(db, { aggregation: 'weighted_sum' }, 'seats')).toBe('3.95')
  })

  it('a level that changes mid-period is weighted by how long each level was held', async () => {
    // 2 carried in from October, 5 from Nov 11, 3 from Nov 21: (2×10 + 5×10 + 3×10) ÷ 30.
    const db = await ledgerWith([
      { metric: 'storage_gb', qty: '2', at: '2026-10-20T00:00:00Z' },
      { metric: 'storage_gb', qty: '5', at: '2026-11-11T00:00:00Z' },
      { metric: 'storage_gb', qty: '3', at: '2026-11-21T00:00:00Z' },
    ])
    expect(quantity(db, { aggregation: 'weighted_sum' }, 'storage_gb')).toBe('3.333333')
    expect(quantity(db, { aggregation: 'max' }, 'storage_gb')).toBe('5')
    expect(quantity(db, { aggregation: 'latest' }, 'storage_gb')).toBe('3')
    expect(quantity(db, { aggregation: 'count' }, 'storage_gb')).toBe('2')
    expect(quantity(db, { aggregation: 'sum' }, 'storage_gb')).toBe('8')
  })

  it('a weighted sum over part of the period is divided by the whole period (Lago)', async () => {
    // Billed from Nov 16: 5 (stated Nov 11) for 5 days, then 3 for 10 days: 55 ÷ 30.
    const db = await ledgerWith([
      { metric: 'storage_gb', qty: '5', at: '2026-11-11T00:00:00Z' },
      { metric: 'storage_gb', qty: '3', at: '2026-11-21T00:00:00Z' },
    ])
    const window = { ...november, from: ms('2026-11-16T00:00:00Z') }
    expect(quantity(db, { aggregation: 'weighted_sum' }, 'storage_gb', window)).toBe('1.833333')
  })

  it('unique_count counts the distinct values of the property within the window', async () => {
    const db = await ledgerWith([
      { metric: 'active_users', qty: '1', at: '2026-10-30T00:00:00Z', props: { user_id: 'u9' } },
      { metric: 'active_users', qty: '1', at: day(2), props: { user_id: 'u1' } },
      { metric: 'active_users', qty: '1', at: day(3), props: { user_id: 'u2', region: 'eu' } },
      { metric: 'active_users', qty: '1', at: day(4), props: { user_id: 'u1' } },
      { metric: 'active_users', qty: '1', at: day(5), props: { region: 'us' } },
      { metric: 'active_users', qty: '1', at: day(6) },
      { metric: 'active_users', qty: '1', at: day(7), props: { user_id: 'u3' } },
    ])
    const spec: MetricAggregation = { aggregation: 'unique_count', property: 'user_id' }
    expect(quantity(db, spec, 'active_users')).toBe('3')
    expect(quantity(db, { aggregation: 'unique_count', property: 'region' }, 'active_users')).toBe(
      '2',
    )
    expect(quantity(db, { aggregation: 'count' }, 'active_users')).toBe('6')
  })

  it('latest takes the last event by time, and among equal instants the one stored last', async () => {
    const db = await ledgerWith([
      { metric: 'seats', qty: '7', at: day(20) },
      { metric: 'seats', qty: '2', at: day(10) },
      { metric: 'seats', qty: '6', at: day(20) },
    ])
    expect(quantity(db, { aggregation: 'latest' }, 'seats')).toBe('6')
  })

  it('a metric without events in the window is 0 by every aggregation', async () => {
    const db = await ledgerWith([{ metric: 'seats', qty: '4', at: '2026-12-02T00:00:00Z' }])
    for (const aggregation of ['sum', 'count', 'max', 'latest', 'weighted_sum'] as const)
      expect(quantity(db, { aggregation }, 'seats')).toBe('0')
    expect(quantity(db, { aggregation: 'unique_count', property: 'user_id' }, 'seats')).toBe('0')
  })

  it('each aggregation reads the (customer, metric, ts) index rather than scanning events', async () => {
    const db = await ledgerWith([])
    for (const aggregation of ['count', 'max', 'latest', 'weighted_sum'] as const) {
      const q = metricQuery({ aggregation }, 1, 'seats', november)
      const plan = db
        .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${q.sql}`)
        .all(...q.params)
        .map((r) => r.detail)
        .join('\n')
      expect(plan).toMatch(/usage_event_customer_metric_ts/)
      expect(plan).not.toMatch(/SCAN usage_event(?! USING)/)
    }
  })
})
