import type Database from 'better-sqlite3'
import type { InstantRange } from '../invoices/accounting-rows'

/** Money received against an invoice: through Stripe, or recorded as paid outside Meterbook. */
export type PaymentRow = {
  invoiceNumber: string
  customerId: string
  customerName: string
  currency: string
  paidAt: string
  amountMinor: number
  method: 'stripe' | 'outside'
  stripeInvoiceId: string | null
  paymentIntent: string | null
}

/** Money going back: a credit note settled as a refund, and how far its refund has got. */
export type RefundRow = {
  creditNoteNumber: string
  invoiceNumber: string
  customerId: string
  customerName: string
  currency: string
  createdAt: string
  amountMinor: number
  /** The outbox's state of the refund: pending, sending, sent, failed or canceled. */
  status: string
  sentAt: string | null
}

/** Invoices paid in the range. What Stripe reports as paid counts; otherwise the invoice total. */
export const paymentsIn = (db: Database.Database, range: InstantRange): PaymentRow[] =>
  db
    .prepare<InstantRange, Omit<PaymentRow, 'method'> & { via_stripe: number }>(
      `SELECT i.number AS invoiceNumber, c.external_id AS customerId, c.name AS customerName,
         i.currency, i.paid_at AS paidAt,
         CASE WHEN coalesce(p.amount_paid_minor, 0) > 0 THEN p.amount_paid_minor
           ELSE i.total_minor END AS amountMinor,
         coalesce(p.amount_paid_minor, 0) > 0 AS via_stripe,
         p.stripe_invoice_id AS stripeInvoiceId, p.payment_intent AS paymentIntent
       FROM invoice i JOIN customer c ON c.id = i.customer_id
         LEFT JOIN invoice_payment p ON p.invoice_id = i.id
       WHERE i.paid_at IS NOT NULL AND i.paid_at >= @from AND i.paid_at < @to
       ORDER BY i.paid_at, i.number`,
    )
    .all(range)
    .map(({ via_stripe, ...row }) => ({ ...row, method: via_stripe === 1 ? 'stripe' : 'outside' }))

/** Refunds issued in the range (by their credit note's date), with their outbox state. */
export const refundsIn = (db: Database.Database, range: InstantRange): RefundRow[] =>
  db
    .prepare<InstantRange, RefundRow>(
      `SELECT n.number AS creditNoteNumber, i.number AS invoiceNumber,
         c.external_id AS customerId, c.name AS customerName, n.currency,
         n.created_at AS createdAt, n.total_minor AS amountMinor,
         CASE WHEN n.refund_method = 'outside' THEN 'paid_outside'
           ELSE coalesce(o.status, 'pending') END AS status, o.sent_at AS sentAt
       FROM credit_note n JOIN invoice i ON i.id = n.invoice_id
         JOIN customer c ON c.id = i.customer_id
         LEFT JOIN outbox o ON o.credit_note_id = n.id AND o.operation = 'refund.create'
       WHERE n.settlement = 'refund' AND n.created_at >= @from AND n.created_at < @to
       ORDER BY n.number`,
    )
    .all(range)
