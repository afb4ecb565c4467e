import { describe, expect, it } from 'vitest'
import { indexesOf, ledgerBefore, migrateThrough, tablesOf, triggersOf } from './migration-support'

describe('migration 0006-payments', () => {
  it("adds Stripe's side, the outbox and the retry queue, and gives the ledger its own id", () => {
    const db = ledgerBefore(6)
    db.pragma('foreign_keys = OFF')
    db.prepare(
      `INSERT INTO invoice (id, subscription_id, customer_id, period, period_start, period_end,
         currency, status, number, subtotal_minor, discount_minor, credit_minor, tax_minor,
         total_minor, fingerprint, created_at, updated_at)
       VALUES (1, 1, 1, '2026-10', '2026-10-01', '2026-11-01', 'EUR', 'finalized',
         'MB-2026-000001', 4900, 0, 0, 0, 4900, 'f', 'x', 'x')`,
    ).run()

    migrateThrough(db, 6)
    const added = [
      'invoice_payment',
      'outbox',
      'payment_attempt',
      'payment_failure',
      'payment_sync',
      'stripe_customer',
      'stripe_event',
    ]
    expect(tablesOf(db).filter((t) => added.includes(t.name))).toEqual(
      added.map((name) => ({ name, strict: 1 })),
    )
    // The finalized invoice is untouched: its Stripe side lives in its own table.
    expect(db.prepare('SELECT status, total_minor FROM invoice').raw().all()).toEqual([
      ['finalized', 4900],
    ])
    expect(indexesOf(db, 'outbox')).toEqual(['outbox_customer', 'outbox_invoice', 'outbox_status'])
    expect(indexesOf(db, 'payment_failure')).toEqual([
      'payment_failure_created',
      'payment_failure_customer',
      'payment_failure_due',
      'payment_failure_invoice',
      'payment_failure_type',
    ])

    // One sync row, with a 12-hex-digit ledger id that keeps idempotency keys apart.
    const sync = db
      .prepare<[], { id: number; ledger_id: string; cursor_created: number }>(
        'SELECT id, ledger_id, cursor_created FROM payment_sync',
      )
      .all()
    expect(sync.map((row) => [row.id, row.cursor_created])).toEqual([[1, 0]])
    expect(sync[0]?.ledger_id).toMatch(/^[0-9a-f]{12}$/)
    expect(() =>
      db
        .prepare(`INSERT INTO payment_sync (id, ledger_id, cursor_created) VALUES (2, 'x', 0)`)
        .run(),
    ).toThrow(/CHECK constraint failed/)

    const queue = db.prepare(
      `INSERT INTO outbox (operation, customer_id, invoice_id, idempotency_key, status,
         created_at, created_by) VALUES (?, 1, 1, ?, 'pending', 'x', 'ana')`,
    )
    queue.run('invoice.push', 'mb-1-invoice.push')
    // Queuing the same operation twice is a no-op by its key; unknown operations are refused.
    expect(() => queue.run('invoice.push', 'mb-1-invoice.push')).toThrow(/UNIQUE/)
    expect(() => queue.run('invoice.mail', 'mb-1-invoice.mail')).toThrow(/CHECK/)

    db.prepare(
      `INSERT INTO payment_failure (id, operation, outbox_id, error_type, message, strategy,
         attempts, max_attempts, status, context_json, created_at, updated_at)
       VALUES (1, 'invoice.push', 1, 'api_error', 'x', 'exponential', 1, 5, 'open', '{}', 'x',
         'x')`,
    ).run()
    db.prepare(
      `INSERT INTO payment_attempt (failure_id, number, at, outcome, strategy, operator)
       VALUES (1, 1, 'x', 'failed', 'exponential', 'ana')`,
    ).run()
    expect(triggersOf(db, 'payment_attempt')).toHaveLength(2)
    expect(() => db.prepare(`UPDATE payment_attempt SET outcome = 'succeeded'`).run()).toThrow(
      /payment attempts are append-only/,
    )
    expect(() => db.prepare('DELETE FROM payment_attempt').run()).toThrow(/append-only/)
  })
})
