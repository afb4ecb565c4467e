import type Database from 'better-sqlite3'
import { AppError } from '../errors'
import type { InstantRange } from '../invoices/accounting-rows'

/**
 * The reads the reports add to those the accounting export already shares (invoices issued,
 * credit notes, payments, refunds): who the customers are, and what each invoice still asked for
 * at a given instant. Read-only, like everything in reports.
 */

export type CustomerRef = { rowId: number; customerId: string; customerName: string }

export const customerRefs = (db: Database.Database): Map<number, CustomerRef> =>
  new Map(
    db
      .prepare<[], CustomerRef>(
        `SELECT id AS rowId, external_id AS customerId, name AS customerName FROM customer`,
      )
      .all()
      .map((c) => [c.rowId, c]),
  )

/** The customer a report is narrowed to, by the id people type; unknown ids are refused. */
export const customerByExternalId = (db: Database.Database, customerId: string): CustomerRef => {
  const found = db
    .prepare<[string], CustomerRef>(
      `SELECT id AS rowId, external_id AS customerId, name AS customerName FROM customer
       WHERE external_id = ?`,
    )
    .get(customerId)
  if (!found) throw new AppError('not_found', `No customer "${customerId}".`)
  return found
}

/** An issued invoice with what it still asked for at the instant, and its dates. */
export type OpenInvoiceRow = {
  number: string
  customerId: string
  customerName: string
  currency: string
  issuedAt: string
  dueDate: string | null
  openMinor: number
}

/**
 * What each invoice still asked for at `at` (an ISO instant), where that is more than zero: its
 * total less the credit notes issued on it before `at`. An invoice counts from its issue; it asks
 * nothing once paid or voided before `at`. Written-off (uncollectible) invoices are left out at
 * every instant: the ledger keeps no date for the write-off. Partial collections Stripe reports
 * on an unpaid invoice are not dated either, so an invoice is open or paid, as the payments
 * figures count it.
 */
export const openInvoicesAt = (db: Database.Database, at: string): OpenInvoiceRow[] =>
  db
    .prepare<{ at: string }, OpenInvoiceRow>(
      `SELECT number, customerId, customerName, currency, issuedAt, dueDate, openMinor FROM (
         SELECT i.number, c.external_id AS customerId, c.name AS customerName, i.currency,
           coalesce(i.issued_at, i.finalized_at) AS issuedAt, i.due_date AS dueDate,
           i.total_minor - (SELECT coalesce(sum(n.total_minor), 0) FROM credit_note n
             WHERE n.invoice_id = i.id AND n.created_at < @at) AS openMinor
         FROM invoice i JOIN customer c ON c.id = i.customer_id
         WHERE i.number IS NOT NULL AND coalesce(i.issued_at, i.finalized_at) < @at
           AND i.status <> 'uncollectible'
           AND NOT (i.status = 'void' AND coalesce(i.voided_at, '') < @at)
           AND NOT (i.paid_at IS NOT NULL AND i.paid_at < @at))
       WHERE openMinor > 0
       ORDER BY number`,
    )
    .all({ at })

/** Invoices voided before `before` among those issued in `range`: not invoiced after all. */
export const voidedNumbers = (
  db: Database.Database,
  range: InstantRange,
  before: string,
): Set<string> =>
  new Set(
    db
      .prepare<InstantRange & { before: string }, string>(
        `SELECT number FROM invoice
         WHERE number IS NOT NULL AND status = 'void' AND coalesce(voided_at, '') < @before
           AND coalesce(issued_at, finalized_at) >= @from
           AND coalesce(issued_at, finalized_at) < @to`,
      )
      .pluck()
      .all({ ...range, before }),
  )
