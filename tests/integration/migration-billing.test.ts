import { describe, expect, it } from 'vitest'
import { ledgerBefore, migrateThrough, tablesOf, triggersOf } from './migration-support'

describe('migration 0005-billing', () => {
  it('keeps subscriptions written before it, with no lifecycle dates yet', () => {
    const db = ledgerBefore(5)
    db.pragma('foreign_keys = OFF')
    db.prepare(
      `INSERT INTO subscription (id, customer_id, plan_id, plan_version, start_date,
         billing_anchor_day, status) VALUES (7, 1, 'pro', 1, '2026-10-01', 15, 'past_due')`,
    ).run()

    migrateThrough(db, 5)
    expect(
      db
        .prepare(
          `SELECT id, status, billing_anchor_day, status_since, cancel_at, canceled_at
           FROM subscription`,
        )
        .raw()
        .all(),
    ).toEqual([[7, 'past_due', 15, null, null, null]])
    const added = [
      'billing_run',
      'billing_run_item',
      'credit_entry',
      'credit_note',
      'credit_note_line',
      'discount',
      'invoice',
      'invoice_discount',
      'invoice_line',
      'ledger_lock',
      'number_sequence',
      'schedule_state',
      'subscription_change',
      'subscription_transition',
    ]
    expect(tablesOf(db).filter((t) => added.includes(t.name))).toEqual(
      added.map((name) => ({ name, strict: 1 })),
    )
  })

  it('makes a finalized invoice, its lines, credit notes and the credit ledger unchangeable', () => {
    const db = ledgerBefore(5)
    migrateThrough(db, 5)
    db.pragma('foreign_keys = OFF')
    const invoice = db.prepare(
      `INSERT INTO invoice (id, subscription_id, customer_id, period, period_start, period_end,
         currency, status, number, subtotal_minor, discount_minor, credit_minor, tax_minor,
         total_minor, fingerprint, created_at, updated_at)
       VALUES (?, 1, 1, '2026-10', ?, '2026-11-01', 'EUR', ?, ?, 10000, 500, 1000, 1700, ?, 'f',
         'x', 'x')`,
    )
    // Total = subtotal − discount − credit + tax, exactly; a number exactly when not a draft.
    expect(() => invoice.run(1, '2026-10-01', 'draft', null, 10201)).toThrow(/CHECK constraint/)
    expect(() => invoice.run(1, '2026-10-01', 'draft', 'MB-1', 10200)).toThrow(/CHECK/)
    expect(() => invoice.run(1, '2026-10-01', 'finalized', null, 10200)).toThrow(/CHECK/)
    invoice.run(1, '2026-10-01', 'finalized', 'MB-2026-000001', 10200)
    invoice.run(2, '2026-09-01', 'draft', null, 10200)
    // One invoice per subscription and period.
    expect(() => invoice.run(3, '2026-10-01', 'draft', null, 10200)).toThrow(/UNIQUE/)

    expect(triggersOf(db, 'invoice')).toEqual([
      'invoice_finalized_immutable',
      'invoice_finalized_kept',
    ])
    expect(() => db.prepare('UPDATE invoice SET total_minor = 1 WHERE id = 1').run()).toThrow(
      /finalized invoices are immutable/,
    )
    expect(() => db.prepare(`UPDATE invoice SET status = 'draft' WHERE id = 1`).run()).toThrow(
      /finalized invoices are immutable/,
    )
    expect(() => db.prepare('DELETE FROM invoice WHERE id = 1').run()).toThrow(
      /finalized invoices cannot be deleted/,
    )
    // Its life goes on (paid), its amounts do not change.
    db.prepare(`UPDATE invoice SET status = 'paid', paid_at = 'x' WHERE id = 1`).run()
    const line = db.prepare(
      `INSERT INTO invoice_line (invoice_id, position, kind, description, quantity, amount_minor,
         period_start, period_end) VALUES (?, 1, 'base', 'Pro', '1', 10000, 'a', 'b')`,
    )
    expect(() => line.run(1)).toThrow(/finalized invoices are immutable/)
    line.run(2)
    db.prepare('UPDATE invoice_line SET amount_minor = 9000 WHERE invoice_id = 2').run()

    db.prepare(
      `INSERT INTO credit_note (id, invoice_id, number, currency, reason, subtotal_minor,
         tax_minor, total_minor, settlement, created_at, created_by)
       VALUES (1, 1, 'CN-1', 'EUR', 'x', 1000, 170, 1170, 'refund', 'x', 'ana')`,
    ).run()
    expect(() => db.prepare('UPDATE credit_note SET total_minor = 1').run()).toThrow(
      /credit notes are immutable/,
    )
    expect(() => db.prepare('DELETE FROM credit_note').run()).toThrow(/cannot be deleted/)

    const entry = db.prepare(
      `INSERT INTO credit_entry (customer_id, currency, kind, amount_minor, at, operator)
       VALUES (1, 'EUR', ?, ?, 'x', 'ana')`,
    )
    entry.run('grant', 5000)
    entry.run('consume', -1000)
    // A grant adds, a consumption takes away: the sign follows the kind.
    expect(() => entry.run('consume', 1000)).toThrow(/CHECK constraint failed/)
    expect(() => db.prepare('UPDATE credit_entry SET amount_minor = 1').run()).toThrow(
      /append-only/,
    )
    expect(() => db.prepare('DELETE FROM credit_entry').run()).toThrow(/append-only/)
    expect(db.prepare('SELECT sum(amount_minor) FROM credit_entry').pluck().get()).toBe(4000)
  })
})
