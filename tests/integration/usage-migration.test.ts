import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'

const now = (): Date => new Date('2026-11-20T12:00:00.000Z')

describe('migration 0004-usage-layout', () => {
  it('keeps every usage event, every column, in a table clustered by customer and metric', () => {
    const db = new Database(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(
      db,
      migrations.filter((m) => m.id <= 3),
      now,
    )
    db.exec(`
      INSERT INTO customer (id, external_id, name, currency, created_at, updated_at)
        VALUES (7, 'acme', 'Acme', 'USD', 'x', 'x'), (8, 'globex', 'Globex', 'USD', 'x', 'x');
      INSERT INTO usage_import (id, file_name, format, policy, status, mapping_json, operator,
        started_at) VALUES ('imp-1', 'a.csv', 'csv', 'keep_valid', 'completed', '{}', 'op', 'x');
      INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_id, late,
        properties_json) VALUES
        ('e2', 8, 'sms', 2500000, '2026-11-02T00:00:00.000Z', 'imp-1', 0, NULL),
        ('e1', 7, 'api_calls', 1, '2026-11-01T00:00:00.000Z', 'imp-1', 1, '{"region":"eu"}'),
        ('e3', 7, 'api_calls', 9007199254740993, '2026-10-31T00:00:00.000Z', 'imp-1', 0, NULL);
    `)
    const select = 'SELECT * FROM usage_event ORDER BY event_id'
    const before = db.prepare(select).safeIntegers(true).all()

    const applied = migrate(db, migrations, now)

    expect(applied.map((m) => m.name)).toContain('0004-usage-layout')
    expect(db.prepare(select).safeIntegers(true).all()).toEqual(before)
    const table = db
      .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'usage_event'")
      .pluck()
      .get() as string
    expect(table).toContain('PRIMARY KEY (customer_id, metric, ts, event_id)')
    expect(table).toMatch(/STRICT, WITHOUT ROWID/)
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_event'")
      .pluck()
      .all()
    expect(indexes).toContain('usage_event_event_id')
    expect(indexes).not.toContain('usage_event_ts')
    expect(db.pragma('foreign_key_check')).toEqual([])
    // Event ids stay unique, so imports stay idempotent.
    expect(() =>
      db.exec(`INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts,
        import_id) VALUES ('e1', 8, 'sms', 1, '2026-11-05T00:00:00.000Z', 'imp-1')`),
    ).toThrow(/UNIQUE/)
    db.close()
  })
})
