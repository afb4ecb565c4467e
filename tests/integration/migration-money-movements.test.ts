import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

const AT = '2026-11-01T00:00:00.000Z'

/** A ledger at the migration before this one, with two refunds and a balance credit. */
const ledgerBefore = (): Database.Database => {
  const db = new Database(':memory:')
  migrate(
    db,
    migrations.filter((m) => m.id < 13),
    frozenClock().now,
  )
  // The parents alone (no plan or subscription behind them): their own checks are not at stake.
  db.pragma('foreign_keys = OFF')
  db.prepare(
    `INSERT INTO customer (id, external_id, name, email, currency, billing_address, tax_region,
       created_at, updated_at) VALUES (1, 'acme', 'Acme', '', 'USD', '', 'DE', ?, ?)`,
  ).run(AT, AT)
  db.prepare(
    `INSERT INTO invoice (id, subscription_id, customer_id, period, period_start, period_end,
       currency, status, subtotal_minor, discount_minor, credit_minor, tax_minor, total_minor,
       tax_json, tax_exempt, notes_json, fingerprint, created_at, updated_at)
     VALUES (1, 1, 1, '2026-10', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 'USD',
       'draft', 10000, 0, 0, 0, 10000, NULL, 0, '[]', 'x', ?, ?)`,
  ).run(AT, AT)
  const note = db.prepare(
    `INSERT INTO credit_note (id, invoice_id, number, currency, reason, subtotal_minor, tax_minor,
       total_minor, settlement, created_at, created_by)
     VALUES (?, 1, ?, 'USD', 'r', 100, 0, 100, ?, ?, 'someone')`,
  )
  note.run(1, 'CN-1', 'refund', AT)
  note.run(2, 'CN-2', 'refund', AT)
  note.run(3, 'CN-3', 'credit_balance', AT)
  const outbox = db.prepare(
    `INSERT INTO outbox (id, operation, customer_id, invoice_id, credit_note_id, idempotency_key,
       status, attempts, created_at, created_by) VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?, 'someone')`,
  )
  outbox.run(7, 'invoice.collect', null, 'k-collect', 'sent', 1, AT)
  // Only the first refund was sent to Stripe (its invoice had been collected there).
  outbox.run(9, 'refund.create', 1, 'k-refund', 'failed', 2, AT)
  db.prepare(
    `INSERT INTO payment_failure (id, operation, outbox_id, customer_id, invoice_id, error_type,
       message, strategy, attempts, max_attempts, status, context_json, created_at, updated_at)
     VALUES (4, 'refund.create', 9, 1, 1, 'api_error', 'boom', 'immediate', 2, 5, 'open', '{}',
       ?, ?)`,
  ).run(AT, AT)
  db.pragma('foreign_keys = ON')
  return db
}

describe('migration 0013-money-movements', () => {
  it('names how each earlier refund went: through Stripe when one was queued, else outside', () => {
    const db = ledgerBefore()
    migrate(db, migrations, frozenClock().now)
    expect(
      db
        .prepare('SELECT number, settlement, refund_method FROM credit_note ORDER BY id')
        .raw()
        .all(),
    ).toEqual([
      ['CN-1', 'refund', 'stripe'],
      ['CN-2', 'refund', 'outside'],
      ['CN-3', 'credit_balance', null],
    ])
    const insert = db.prepare(
      `INSERT INTO credit_note (invoice_id, number, currency, reason, subtotal_minor, tax_minor,
         total_minor, settlement, refund_method, created_at, created_by)
       VALUES (1, ?, 'USD', 'r', 100, 0, 100, ?, ?, ?, 'someone')`,
    )
    expect(() => insert.run('CN-4', 'refund', null, AT)).toThrow(/names its method/)
    expect(() => insert.run('CN-5', 'credit_balance', 'stripe', AT)).toThrow(/names its method/)
    expect(() => insert.run('CN-6', 'refund', 'cheque', AT)).toThrow(/CHECK constraint failed/)
    expect(() =>
      db.prepare("UPDATE credit_note SET refund_method = 'stripe' WHERE id = 2").run(),
    ).toThrow(/immutable/)
  })

  it('keeps every outbox row and id, its failures linked, and accepts a write-off for Stripe', () => {
    const db = ledgerBefore()
    migrate(db, migrations, frozenClock().now)
    expect(
      db.prepare('SELECT id, operation, status, attempts FROM outbox ORDER BY id').raw().all(),
    ).toEqual([
      [7, 'invoice.collect', 'sent', 1],
      [9, 'refund.create', 'failed', 2],
    ])
    expect(db.pragma('foreign_key_check(outbox)')).toEqual([])
    expect(db.pragma('foreign_key_check(payment_failure)')).toEqual([])
    expect(
      db
        .prepare(
          'SELECT o.idempotency_key FROM payment_failure f JOIN outbox o ON o.id = f.outbox_id',
        )
        .pluck()
        .all(),
    ).toEqual(['k-refund'])
    db.prepare(
      `INSERT INTO outbox (operation, customer_id, invoice_id, idempotency_key, status, created_at,
         created_by) VALUES ('invoice.uncollectible', 1, 1, 'k-wo', 'pending', ?, 'someone')`,
    ).run(AT)
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND sql IS NOT NULL ORDER BY name",
        )
        .pluck()
        .all(),
    ).toEqual(['outbox_customer', 'outbox_invoice', 'outbox_status'])
  })
})
