import type Database from 'better-sqlite3'
import { usageTestApp } from './usage-support'

export type BillingTestApp = Awaited<ReturnType<typeof usageTestApp>>

/**
 * The usage test app (catalog fixture: `acme` on Starter, USD, from 2026-10-01, anchor 1;
 * `globex` on the yearly Business plan) with the clock in mid-November, so October has ended.
 */
export const billingTestApp = async (
  options: { ledgerPath?: string } = {},
): Promise<BillingTestApp> => usageTestApp(options)

let importCount = 0

/** Stores usage events directly (the import is tested on its own): [event id, metric, qty, ts]. */
export const addEvents = (
  db: Database.Database,
  customerExternalId: string,
  events: [string, string, string, string][],
  late = false,
): void => {
  importCount += 1
  const importId = `test-import-${importCount}`
  const importSeq = db
    .prepare<[string, string], number>(
      `INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json, operator,
         started_at)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM usage_import), 'test.csv', 'csv',
         'keep_valid', 'completed', '{}', 'tester', ?)
       RETURNING seq`,
    )
    .pluck()
    .get(importId, '2026-11-01T00:00:00.000Z')
  const customerId = db
    .prepare<[string], number>('SELECT id FROM customer WHERE external_id = ?')
    .pluck()
    .get(customerExternalId)
  const insert = db.prepare(
    `INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_seq, late)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const [eventId, metric, quantity, ts] of events)
    insert.run(
      eventId,
      customerId,
      metric,
      Math.round(Number(quantity) * 1e6),
      Date.parse(ts),
      importSeq,
      late ? 1 : 0,
    )
}

export type InvoiceRow = {
  id: number
  status: string
  period: string
  subtotal_minor: number
  tax_minor: number
  total_minor: number
  fingerprint: string
}

export const invoicesOf = (db: Database.Database): InvoiceRow[] =>
  db
    .prepare<[], InvoiceRow>(
      `SELECT id, status, period, subtotal_minor, tax_minor, total_minor, fingerprint
       FROM invoice ORDER BY id`,
    )
    .all()

export const linesOf = (
  db: Database.Database,
  invoiceId: number,
): { kind: string; feature_code: string | null; quantity: string; amount_minor: number }[] =>
  db
    .prepare<
      [number],
      { kind: string; feature_code: string | null; quantity: string; amount_minor: number }
    >(
      `SELECT kind, feature_code, quantity, amount_minor FROM invoice_line
       WHERE invoice_id = ? ORDER BY position`,
    )
    .all(invoiceId)

/** Finalizes by hand (the invoice service is tested on its own): number and billed_through. */
export const finalizeBySql = (db: Database.Database, invoiceId: number, number: string): void => {
  db.prepare(
    `UPDATE invoice SET status = 'finalized', number = ?, finalized_at = '2026-11-16T00:00:00.000Z'
     WHERE id = ?`,
  ).run(number, invoiceId)
  db.prepare(
    `UPDATE subscription SET billed_through = (SELECT period_end FROM invoice WHERE id = ?)
     WHERE id = (SELECT subscription_id FROM invoice WHERE id = ?)`,
  ).run(invoiceId, invoiceId)
}
