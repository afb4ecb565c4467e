import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { creditNoteSnapshot, invoiceSnapshot } from '../../src-main/invoices/snapshots'
import { frozenClock } from '../support/test-app'

const legacyNote = 'No tax rate is set for the tax region "": no tax is charged.'

/** A ledger as it was before 0012: one issued invoice with a credit note, and one draft. */
const ledgerBefore = (): Database.Database => {
  const db = new Database(':memory:')
  migrate(
    db,
    migrations.filter((m) => m.id < 12),
    frozenClock().now,
  )
  // Documents alone, without the plans and subscriptions they belong to.
  db.pragma('foreign_keys = OFF')
  const setting = db.prepare(
    "INSERT INTO setting (key, value_json, updated_at) VALUES (?, ?, '2026-10-01T00:00:00.000Z')",
  )
  setting.run('companyName', JSON.stringify('Old Seller Ltd'))
  setting.run('taxId', JSON.stringify('GB123'))
  setting.run('businessTimeZone', JSON.stringify('Europe/Berlin'))
  db.exec(`
    INSERT INTO customer (id, external_id, name, currency, billing_address, tax_region,
      tax_exempt, created_at, updated_at)
    VALUES (1, 'acme', 'Acme', 'USD', '1 Market St', 'DE', 0, '2026-09-01T00:00:00.000Z',
      '2026-09-01T00:00:00.000Z');
    INSERT INTO invoice (id, subscription_id, customer_id, period, period_start, period_end,
      currency, status, number, subtotal_minor, discount_minor, credit_minor, tax_minor,
      total_minor, tax_json, tax_exempt, notes_json, fingerprint, due_date, issued_at,
      finalized_at, created_at, updated_at)
    VALUES
      (1, 1, 1, '2026-10', '2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', 'USD', 'paid',
       'MB-2026-000001', 10000, 1000, 0, 1710, 10710,
       '{"region":"DE","name":"VAT","ratePercent":"19"}', 0,
       '${JSON.stringify([legacyNote, 'Billed for 17 of 31 days.'])}', 'x', '2026-11-17',
       '2026-11-03T09:00:00.000Z', '2026-11-03T09:00:00.000Z', '2026-11-01T00:00:00.000Z',
       '2026-11-03T09:00:00.000Z'),
      (2, 2, 1, '2026-11', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', 'USD', 'draft',
       NULL, 500, 0, 0, 0, 500, NULL, 0, '[]', 'y', NULL, NULL, NULL,
       '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    INSERT INTO invoice_discount (invoice_id, discount_id, description, amount_minor)
      VALUES (1, 7, 'Launch', 1000);
    INSERT INTO credit_note (id, invoice_id, number, currency, reason, subtotal_minor, tax_minor,
      total_minor, settlement, created_at, created_by)
    VALUES (1, 1, 'CN-2026-000001', 'USD', 'Outage', 2000, 380, 2380, 'credit_balance',
      '2026-11-05T10:00:00.000Z', 'someone');
  `)
  return db
}

describe('migration 0012-document-snapshots', () => {
  it('freezes the documents issued before it with the details of the time, operator notes left out', () => {
    const db = ledgerBefore()
    migrate(db, migrations, frozenClock().now)
    const seller = { name: 'Old Seller Ltd', address: '', email: '', taxId: 'GB123' }
    const buyer = {
      name: 'Acme',
      externalId: 'acme',
      billingAddress: '1 Market St',
      taxRegion: 'DE',
    }
    const tax = { region: 'DE', name: 'VAT', ratePercent: '19' }
    expect(invoiceSnapshot(db, 1)).toEqual({
      version: 1,
      seller,
      buyer,
      timeZone: 'Europe/Berlin',
      tax,
      taxExempt: false,
      footer: 'Old Seller Ltd - Invoice MB-2026-000001',
      issuedAt: '2026-11-03T09:00:00.000Z',
      dueDate: '2026-11-17',
      paymentTermsDays: 14,
      discounts: [{ description: 'Launch', amountMinor: 1000 }],
      notes: ['Billed for 17 of 31 days.'],
    })
    expect(creditNoteSnapshot(db, 1)).toEqual({
      version: 1,
      seller,
      buyer,
      timeZone: 'Europe/Berlin',
      tax,
      taxExempt: false,
      footer: 'Old Seller Ltd - Credit note CN-2026-000001',
      issuedAt: '2026-11-05T10:00:00.000Z',
    })
    // A draft is not issued: it has no snapshot, and cannot be given one.
    expect(invoiceSnapshot(db, 2)).toBeNull()
    expect(() =>
      db
        .prepare(
          "INSERT INTO invoice_snapshot (invoice_id, snapshot_json, taken_at) VALUES (2, '{}', 'x')",
        )
        .run(),
    ).toThrow('a draft has no snapshot')
    expect(() => db.prepare('DELETE FROM credit_note_snapshot').run()).toThrow(
      'issued documents are immutable',
    )
  })
})
