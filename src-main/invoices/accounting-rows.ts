import type Database from 'better-sqlite3'
import type { InvoiceStatus } from '../../src-shared/domain/billing'
import { taxOf } from './invoice-store'

/** A half-open range of instants, `[from, to)`, as ISO strings (the ledger's own format). */
export type InstantRange = { from: string; to: string }

/** An issued invoice as an accountant reads it: dates, customer, tax rate and totals. */
export type IssuedInvoiceRow = {
  number: string
  status: InvoiceStatus
  customerId: string
  customerName: string
  currency: string
  period: string
  issuedAt: string
  dueDate: string | null
  paidAt: string | null
  voidedAt: string | null
  subtotalMinor: number
  discountMinor: number
  creditMinor: number
  taxMinor: number
  totalMinor: number
  taxName: string | null
  taxRatePercent: string | null
  taxExempt: boolean
}

export type IssuedLineRow = {
  invoiceNumber: string
  customerId: string
  currency: string
  position: number
  kind: string
  featureCode: string | null
  description: string
  quantity: string
  unit: string | null
  unitAmount: string | null
  amountMinor: number
}

export type CreditNoteRow = {
  number: string
  invoiceNumber: string
  customerId: string
  customerName: string
  currency: string
  createdAt: string
  reason: string
  subtotalMinor: number
  taxMinor: number
  totalMinor: number
  taxName: string | null
  taxRatePercent: string | null
  settlement: string
}

type RawInvoice = {
  number: string
  status: InvoiceStatus
  customer_id: string
  customer_name: string
  currency: string
  period: string
  issued_at: string
  due_date: string | null
  paid_at: string | null
  voided_at: string | null
  subtotal_minor: number
  discount_minor: number
  credit_minor: number
  tax_minor: number
  total_minor: number
  tax_json: string | null
  tax_exempt: number
}

// Issued means numbered: a draft has neither number nor issue date and is no accounting record.
const issuedIn = `i.number IS NOT NULL AND coalesce(i.issued_at, i.finalized_at) >= @from
  AND coalesce(i.issued_at, i.finalized_at) < @to`

/** Invoices issued in the range (whatever became of them since), oldest number first. */
export const invoicesIssuedIn = (db: Database.Database, range: InstantRange): IssuedInvoiceRow[] =>
  db
    .prepare<InstantRange, RawInvoice>(
      `SELECT i.number, i.status, c.external_id AS customer_id, c.name AS customer_name,
         i.currency, i.period, coalesce(i.issued_at, i.finalized_at) AS issued_at, i.due_date,
         i.paid_at, i.voided_at, i.subtotal_minor, i.discount_minor, i.credit_minor, i.tax_minor,
         i.total_minor, i.tax_json, i.tax_exempt
       FROM invoice i JOIN customer c ON c.id = i.customer_id
       WHERE ${issuedIn} ORDER BY i.number`,
    )
    .all(range)
    .map((r) => {
      const tax = taxOf(r)
      return {
        number: r.number,
        status: r.status,
        customerId: r.customer_id,
        customerName: r.customer_name,
        currency: r.currency,
        period: r.period,
        issuedAt: r.issued_at,
        dueDate: r.due_date,
        paidAt: r.paid_at,
        voidedAt: r.voided_at,
        subtotalMinor: r.subtotal_minor,
        discountMinor: r.discount_minor,
        creditMinor: r.credit_minor,
        taxMinor: r.tax_minor,
        totalMinor: r.total_minor,
        taxName: tax?.name ?? null,
        taxRatePercent: tax?.ratePercent ?? null,
        taxExempt: r.tax_exempt === 1,
      }
    })

/** The lines of the invoices issued in the range, in invoice and line order. */
export const linesIssuedIn = (db: Database.Database, range: InstantRange): IssuedLineRow[] =>
  db
    .prepare<InstantRange, IssuedLineRow>(
      `SELECT i.number AS invoiceNumber, c.external_id AS customerId, i.currency,
         l.position, l.kind, l.feature_code AS featureCode, l.description, l.quantity, l.unit,
         l.unit_amount AS unitAmount, l.amount_minor AS amountMinor
       FROM invoice i JOIN customer c ON c.id = i.customer_id
         JOIN invoice_line l ON l.invoice_id = i.id
       WHERE ${issuedIn} ORDER BY i.number, l.position`,
    )
    .all(range)

/** Credit notes issued in the range, with the tax rate of the invoice they correct. */
export const creditNotesIssuedIn = (db: Database.Database, range: InstantRange): CreditNoteRow[] =>
  db
    .prepare<
      InstantRange,
      Omit<CreditNoteRow, 'taxName' | 'taxRatePercent'> & { tax_json: string | null }
    >(
      `SELECT n.number, i.number AS invoiceNumber, c.external_id AS customerId,
         c.name AS customerName, n.currency, n.created_at AS createdAt, n.reason,
         n.subtotal_minor AS subtotalMinor, n.tax_minor AS taxMinor, n.total_minor AS totalMinor,
         i.tax_json,
         CASE WHEN n.settlement = 'credit_balance' THEN 'credit_balance'
           WHEN n.refund_method = 'stripe' THEN 'stripe_refund' ELSE 'paid_outside' END AS settlement
       FROM credit_note n JOIN invoice i ON i.id = n.invoice_id
         JOIN customer c ON c.id = i.customer_id
       WHERE n.created_at >= @from AND n.created_at < @to ORDER BY n.number`,
    )
    .all(range)
    .map(({ tax_json, ...note }) => {
      const tax = taxOf({ tax_json })
      return { ...note, taxName: tax?.name ?? null, taxRatePercent: tax?.ratePercent ?? null }
    })
