import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type {
  PaymentListPage,
  PaymentListQuerySchema,
  PaymentMovement,
  PaymentSortField,
} from '../../src-shared/domain/payment-list'

type Query = z.output<typeof PaymentListQuerySchema>

/**
 * Payments and refunds as one list. A payment is a paid invoice: what Stripe reports as paid,
 * else the invoice's total (paid outside), as the accounting export counts it
 * (accounting-rows.ts). A refund is a credit note settled as one, negative.
 */
const movements = `
  WITH movement AS (
    SELECT 'p' || i.id AS key, 'payment' AS kind, i.paid_at AS at, c.external_id AS customerId,
      c.name AS customerName, i.id AS invoiceId, i.number AS invoiceNumber,
      NULL AS creditNoteNumber, i.currency,
      CASE WHEN coalesce(p.amount_paid_minor, 0) > 0 THEN p.amount_paid_minor
        ELSE i.total_minor END AS amountMinor,
      CASE WHEN coalesce(p.amount_paid_minor, 0) > 0 THEN 'stripe' ELSE 'outside' END AS method,
      CASE WHEN coalesce(p.amount_paid_minor, 0) > 0
        THEN coalesce(p.payment_intent, p.stripe_invoice_id) END AS stripeId,
      'paid' AS status
    FROM invoice i JOIN customer c ON c.id = i.customer_id
      LEFT JOIN invoice_payment p ON p.invoice_id = i.id
    WHERE i.paid_at IS NOT NULL
    UNION ALL
    SELECT 'r' || n.id, 'refund', n.created_at, c.external_id, c.name, i.id, i.number, n.number,
      n.currency, -n.total_minor, n.refund_method, json_extract(o.result_json, '$.refundId'),
      CASE WHEN n.refund_method = 'outside' THEN 'paid_outside'
        ELSE coalesce(o.status, 'pending') END
    FROM credit_note n JOIN invoice i ON i.id = n.invoice_id
      JOIN customer c ON c.id = i.customer_id
      LEFT JOIN outbox o ON o.credit_note_id = n.id AND o.operation = 'refund.create'
    WHERE n.settlement = 'refund'
  )`

const sortColumns: Record<PaymentSortField, string> = {
  date: 'at',
  amount: 'amountMinor',
  customer: 'customerName',
  invoice: 'invoiceNumber',
}

const whereOf = (query: Query): { sql: string; params: string[] } => {
  const filters: [string, string | undefined][] = [
    ['kind = ?', query.kind],
    ['method = ?', query.method],
    ['customerId = ?', query.customer],
    ['currency = ?', query.currency],
  ]
  const used = filters.filter((f): f is [string, string] => f[1] !== undefined)
  return {
    sql: used.length > 0 ? `WHERE ${used.map(([clause]) => clause).join(' AND ')}` : '',
    params: used.map(([, value]) => value),
  }
}

export const listPayments = (db: Database.Database, query: Query): PaymentListPage => {
  const where = whereOf(query)
  const sort = query.sort ?? { field: 'date', direction: 'desc' }
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC'
  // The key breaks ties, so pages never overlap (one list of a few rows per invoice: no index).
  const rows = db
    .prepare<string[], PaymentMovement>(
      `${movements} SELECT * FROM movement ${where.sql}
       ORDER BY ${sortColumns[sort.field]} ${direction}, key ${direction} LIMIT ? OFFSET ?`,
    )
    .all(...where.params, String(query.limit), String(query.offset))
  const sums = db
    .prepare<string[], { currency: string; total: number; count: number }>(
      `${movements} SELECT currency, sum(amountMinor) AS total, count(*) AS count
       FROM movement ${where.sql} GROUP BY currency ORDER BY currency`,
    )
    .all(...where.params)
  return {
    movements: rows,
    total: sums.reduce((count, s) => count + s.count, 0),
    totals: Object.fromEntries(sums.map((s) => [s.currency, s.total])),
  }
}
