import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

describe('migration 0024-usage-explorer', () => {
  it('indexes the events of a ledger that has some by metric, time and quantity', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      migrations.filter((m) => m.id < 24),
      frozenClock().now,
    )
    db.exec(`
      INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json, operator,
        started_at) VALUES ('i', 1, 'a.csv', 'csv', 'keep_valid', 'completed', '{}', 't', 'x');
      INSERT INTO customer (id, external_id, name, currency, created_at, updated_at)
        VALUES (1, 'acme', 'Acme', 'USD', 'x', 'x');
      INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_seq)
        VALUES ('b', 1, 'sms', 2000000, 20, 1), ('a', 1, 'api', 1500000, 10, 1);`)
    migrate(db, migrations, frozenClock().now)
    expect(
      db
        .prepare("SELECT name, sql FROM sqlite_master WHERE name = 'usage_event_metric_ts'")
        .raw()
        .all(),
    ).toEqual([
      [
        'usage_event_metric_ts',
        'CREATE INDEX usage_event_metric_ts ON usage_event (metric, ts, quantity_micros)',
      ],
    ])
    expect(
      db
        .prepare(
          'SELECT metric, ts, quantity_micros FROM usage_event INDEXED BY usage_event_metric_ts ORDER BY metric',
        )
        .raw()
        .all(),
    ).toEqual([
      ['api', 10, 1500000],
      ['sms', 20, 2000000],
    ])
  })
})
