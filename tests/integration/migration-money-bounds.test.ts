import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { frozenClock } from '../support/test-app'

const invoice = (db: Database.Database, status: string, subtotal: number): number =>
  Number(
    db
      .prepare(
        `INSERT INTO invoice (subscription_id, customer_id, period, period_start, period_end,
           currency, status, number, subtotal_minor, discount_minor, credit_minor, tax_minor,
           total_minor, fingerprint, created_at, updated_at)
         VALUES (1, 1, '2026-10', ?, '2026-11-01', 'USD', ?, ?, ?, 0, 0, 0, ?, 'f', 'x', 'x')`,
      )
      .run(
        `2026-10-0${subtotal % 9}`,
        status,
        status === 'draft' ? null : `N-${subtotal}`,
        subtotal,
        subtotal,
      ).lastInsertRowid,
  )
const line = (db: Database.Database, invoiceId: number, amount: number, position = 1) =>
  db
    .prepare(
      `INSERT INTO invoice_line (invoice_id, position, kind, description, quantity, amount_minor,
         period_start, period_end) VALUES (?, ?, 'manual', 'x', '1', ?, 'a', 'b')`,
    )
    .run(invoiceId, position, amount)

describe('migration 0019-money-bounds', () => {
  it('keeps rows stored before it readable and payable, and bounds every new write', () => {
    const db = new Database(':memory:')
    migrate(
      db,
      migrations.filter((m) => m.id < 19),
      frozenClock().now,
    )
    db.pragma('foreign_keys = OFF')
    // Written before the bounds: a finalized invoice of 2^53 + 2 minor units.
    const old = invoice(db, 'finalized', 2 ** 53 + 2)
    migrate(db, migrations, frozenClock().now)

    db.prepare("UPDATE invoice SET status = 'paid', paid_at = 'x' WHERE id = ?").run(old)
    expect(() => invoice(db, 'draft', 10_000_000_000_001)).toThrow(/past the money bound/)
    const draft = invoice(db, 'draft', 10_000_000_000_000)
    expect(() => line(db, draft, -10_000_000_000_001)).toThrow(/past the money bound/)
    expect(() =>
      db
        .prepare('UPDATE invoice SET subtotal_minor = ?, total_minor = ? WHERE id = ?')
        .run(10_000_000_000_001, 10_000_000_000_001, draft),
    ).toThrow(/past the money bound/)
  })

  it('finalizes a draft only when its subtotal is the sum of its lines, exactly', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, frozenClock().now)
    db.pragma('foreign_keys = OFF')
    const finalize = (id: number) =>
      db
        .prepare("UPDATE invoice SET status = 'finalized', number = ? WHERE id = ?")
        .run(`N-${id}`, id)
    const off = invoice(db, 'draft', 10_000_000_000_000)
    line(db, off, 5_000_000_000_000)
    line(db, off, 4_999_999_999_999, 2)
    expect(() => finalize(off)).toThrow(/totals are the sums of its lines and discounts/)
    const exact = invoice(db, 'draft', 9_999_999_999_999)
    line(db, exact, 5_000_000_000_000)
    line(db, exact, 4_999_999_999_999, 2)
    finalize(exact)
    expect(db.prepare('SELECT status FROM invoice WHERE id = ?').pluck().get(exact)).toBe(
      'finalized',
    )
  })

  it('refuses credit that takes a balance past 10^13', () => {
    const db = new Database(':memory:')
    migrate(db, migrations, frozenClock().now)
    db.pragma('foreign_keys = OFF')
    const credit = (kind: string, amount: number) =>
      db
        .prepare(
          `INSERT INTO credit_entry (customer_id, currency, kind, amount_minor, at, operator)
           VALUES (1, 'USD', ?, ?, 'x', 'y')`,
        )
        .run(kind, amount)
    credit('grant', 10_000_000_000_000)
    expect(() => credit('restore', 1)).toThrow(/credit balance is past the money bound/)
    credit('refund', -1)
    credit('grant', 1)
  })
})
