import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

describe('migration 0010-run-item-periods', () => {
  it('keys run items by period, keeps the items stored before it, and gives them their month', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      migrations.filter((m) => m.id < 10),
      frozenClock().now,
    )
    db.pragma('foreign_keys = OFF')
    db.prepare(
      `INSERT INTO billing_run (id, period, dry_run, status, trigger, operator, started_at)
       VALUES ('r1', NULL, 0, 'completed', 'manual', 'someone', '2026-11-02T00:00:00.000Z')`,
    ).run()
    db.prepare(
      `INSERT INTO invoice (id, subscription_id, customer_id, status, period, period_start,
         period_end, currency, subtotal_minor, discount_minor, credit_minor, tax_minor,
         total_minor, fingerprint, created_at, updated_at)
       VALUES (7, 1, 1, 'draft', '2026-10', '2026-10-01T00:00:00.000Z',
         '2026-11-01T00:00:00.000Z', 'USD', 1900, 0, 0, 0, 1900, 'x', '2026-11-02T00:00:00.000Z',
         '2026-11-02T00:00:00.000Z')`,
    ).run()
    const item = db.prepare(
      `INSERT INTO billing_run_item (run_id, subscription_id, period_start, period_end, outcome,
         reason, currency, total_minor, invoice_id) VALUES ('r1', ?, ?, ?, ?, ?, 'USD', ?, ?)`,
    )
    item.run(1, '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 'created', null, 1900, 7)
    item.run(2, '', '', 'failed', 'Plan x has no published version 9.', 0, null)

    migrate(db, migrations, frozenClock().now)
    expect(
      db
        .prepare(
          `SELECT subscription_id, period, period_start, outcome, total_minor, invoice_id
           FROM billing_run_item ORDER BY subscription_id`,
        )
        .raw()
        .all(),
    ).toEqual([
      [1, '2026-10', '2026-10-01T00:00:00.000Z', 'created', 1900, 7],
      [2, null, '', 'failed', 0, null],
    ])
    // One subscription, two periods, one run: both kept.
    item.run(1, '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 'created', null, 1900, 8)
    expect(db.prepare('SELECT count(*) FROM billing_run_item').pluck().get()).toBe(3)
    expect(() =>
      item.run(1, '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 'x', null, 0, null),
    ).toThrow(/CHECK constraint failed|UNIQUE constraint failed/)
  })
})
