import { describe, expect, it } from 'vitest'
import {
  indexColumns,
  indexesOf,
  ledgerBefore,
  migrateThrough,
  queryPlan,
} from './migration-support'

const sumSql = `SELECT metric, SUM(quantity_micros) FROM usage_event
  WHERE customer_id = ? AND metric = ? AND ts >= ? AND ts < ? GROUP BY metric`

const withUsage = () => {
  const db = ledgerBefore(7)
  db.pragma('foreign_keys = OFF')
  db.prepare(
    `INSERT INTO usage_import (id, file_name, format, policy, status, mapping_json, operator,
       started_at) VALUES ('i1', 'u.csv', 'csv', 'keep_valid', 'completed', '{}', 'ana', 'x')`,
  ).run()
  const event = db.prepare(
    `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_id)
     VALUES (?, 1, 'api_calls', ?, ?, 'i1')`,
  )
  event.run('e1', 1_500_000, '2026-10-02T00:00:00.000Z')
  event.run('e2', 2_250_000, '2026-10-20T00:00:00.000Z')
  event.run('e3', 9_000_000, '2026-11-02T00:00:00.000Z')
  return db
}

describe('migration 0007-usage-covering-index', () => {
  it('carries the quantity in the per-customer index, so period sums read the index alone', () => {
    const db = withUsage()
    const october = [1, 'api_calls', '2026-10-01', '2026-11-01'] as const
    expect(queryPlan(db, sumSql, ...october)).not.toMatch(/COVERING INDEX/)

    migrateThrough(db, 7)
    expect(indexColumns(db, 'usage_event_customer_metric_ts')).toEqual([
      'customer_id',
      'metric',
      'ts',
      'quantity_micros',
    ])
    expect(queryPlan(db, sumSql, ...october)).toMatch(
      /USING COVERING INDEX usage_event_customer_metric_ts/,
    )
    expect(
      db
        .prepare(sumSql)
        .raw()
        .all(...october),
    ).toEqual([['api_calls', 3_750_000]])
    expect(db.prepare('SELECT count(*) FROM usage_event').pluck().get()).toBe(3)
  })

  it('creates the index when an interrupted import had left it dropped', () => {
    const db = withUsage()
    db.exec('DROP INDEX usage_event_customer_metric_ts')

    migrateThrough(db, 7)
    expect(indexesOf(db, 'usage_event')).toContain('usage_event_customer_metric_ts')
    expect(indexColumns(db, 'usage_event_customer_metric_ts')).toHaveLength(4)
  })
})
