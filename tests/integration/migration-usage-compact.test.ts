import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { insertImport } from '../../src-main/usage/import-store'
import { frozenClock } from '../support/test-app'

const indexesOf = (db: Database.Database, table: string): string[] =>
  db
    .prepare<[string], string>(
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
    )
    .pluck()
    .all(table)

describe('migration 0009-usage-compact-events', () => {
  it('stores instants as milliseconds and imports by number, keeping every event and its rowid', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      migrations.filter((m) => m.id < 9),
      frozenClock().now,
    )
    db.pragma('foreign_keys = OFF')
    const addImport = db.prepare(
      `INSERT INTO usage_import (id, file_name, format, policy, status, mapping_json, operator,
         started_at) VALUES (?, 'f.csv', 'csv', 'keep_valid', 'completed', '{}', 't', ?)`,
    )
    addImport.run('import-a', '2026-10-01T00:00:00.000Z')
    addImport.run('import-b', '2026-11-01T00:00:00.000Z')
    const addEvent = db.prepare(
      `INSERT INTO usage_event (rowid, event_id, customer_id, metric, quantity_micros, ts,
         import_id, late, properties_json) VALUES (?, ?, 1, 'sms', ?, ?, ?, ?, ?)`,
    )
    addEvent.run(10, 'e1', 1_500_000, '2026-11-01T09:30:00.123Z', 'import-a', 0, null)
    addEvent.run(11, 'e2', 0, '1969-12-31T23:59:59.999Z', 'import-b', 1, '{"region":"eu"}')
    addEvent.run(40, 'e3', 7, '2026-10-31T23:00:00.000Z', 'import-b', 0, null)
    db.prepare(
      `INSERT INTO usage_staging (import_id, event_id, customer_id, metric, quantity_micros, ts,
         late, properties_json, row_number, raw)
       VALUES ('import-b', 's1', 1, 'sms', 1, '2026-11-02T00:00:00.000Z', 0, NULL, 2, 's1,...')`,
    ).run()

    migrate(db, migrations, frozenClock().now)

    expect(db.prepare('SELECT id, seq FROM usage_import ORDER BY seq').raw().all()).toEqual([
      ['import-a', 1],
      ['import-b', 2],
    ])
    expect(
      db
        .prepare(
          `SELECT rowid, event_id, quantity_micros, ts, import_seq, late, properties_json
           FROM usage_event ORDER BY rowid`,
        )
        .raw()
        .all(),
    ).toEqual([
      [10, 'e1', 1_500_000, Date.parse('2026-11-01T09:30:00.123Z'), 1, 0, null],
      [11, 'e2', 0, -1, 2, 1, '{"region":"eu"}'],
      [40, 'e3', 7, Date.parse('2026-10-31T23:00:00.000Z'), 2, 0, null],
    ])
    expect(db.prepare('SELECT event_id, ts FROM usage_staging').raw().all()).toEqual([
      ['s1', Date.parse('2026-11-02T00:00:00.000Z')],
    ])
    expect(indexesOf(db, 'usage_event')).toEqual([
      'usage_event_customer_metric_ts',
      'usage_event_late',
      // The usage explorer's sums (0024-usage-explorer).
      'usage_event_metric_ts',
      'usage_event_ts',
    ])
    // The columns' types hold (STRICT): an instant as text is refused.
    expect(() =>
      db
        .prepare(
          `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_seq)
           VALUES ('e9', 1, 'sms', 1, '2026-11-01T00:00:00.000Z', 1)`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column usage_event.ts/)
    // The next import is numbered after the last one.
    const seq = insertImport(db, {
      id: 'import-c',
      fileName: 'g.csv',
      format: 'csv',
      policy: 'keep_valid',
      mapping: {
        event_id: 'event_id',
        customer_id: 'customer_id',
        metric: 'metric',
        quantity: 'quantity',
        timestamp: 'timestamp',
      },
      operator: 't',
      startedAt: '2026-11-21T00:00:00.000Z',
      owner: 'test#1#1',
    })
    expect(seq).toBe(3)
  })

  it('refuses an event whose import is unknown', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, frozenClock().now)
    db.pragma('foreign_keys = ON')
    db.prepare(
      `INSERT INTO customer (external_id, name, currency, created_at, updated_at)
       VALUES ('acme', 'Acme', 'USD', 'now', 'now')`,
    ).run()
    expect(() =>
      db
        .prepare(
          `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_seq)
           VALUES ('e1', 1, 'sms', 1, 0, 99)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/)
  })
})
