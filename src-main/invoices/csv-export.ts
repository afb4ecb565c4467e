import type Database from 'better-sqlite3'
import type { InvoiceStatus, PeriodKey } from '../../src-shared/domain/billing'
import { csvDecimal, csvDocument, type CsvCell } from '../documents/csv-cell'
import { whereOf } from './invoice-list'

export const invoiceColumns = [
  'invoice_number',
  'customer_id',
  'currency',
  'subtotal_minor',
  'discount_minor',
  'credit_minor',
  'tax_minor',
  'total_minor',
  'status',
] as const

export const lineColumns = [
  'invoice_number',
  'customer_id',
  'feature',
  'description',
  'quantity',
  'amount_minor',
] as const

export const creditNoteColumns = [
  'credit_note_number',
  'invoice_number',
  'customer_id',
  'currency',
  'subtotal_minor',
  'tax_minor',
  'total_minor',
  'settlement',
  'reason',
  'created_at',
] as const

export type CsvExportInput = {
  period?: PeriodKey
  status?: InvoiceStatus
  lines?: boolean
  /** The credit notes of the invoices the filters pick, instead of the invoices. */
  creditNotes?: boolean
}

const order = 'ORDER BY i.period, i.number IS NULL, i.number, i.id'

/**
 * Invoices (or, with `lines`, their lines) as CSV for accounting. The lines export names each
 * discount (a coupon's "Coupon WELCOME20: 20 % off") after the invoice's lines, as a row of its
 * own with feature `discount` and the amount taken off as a negative amount_minor, so an
 * invoice's rows add up to subtotal − discount. Amounts stay integer minor
 * units and quantities the exact decimal strings, so nothing is lost to formatting; drafts have
 * an empty invoice_number.
 */
export const exportCsv = (
  db: Database.Database,
  input: CsvExportInput,
): { text: string; fileName: string; rows: number } => {
  const where = whereOf({ period: input.period, status: input.status })
  const from = 'FROM invoice i JOIN customer c ON c.id = i.customer_id'
  let data: CsvCell[][]
  if (input.creditNotes) {
    data = db
      .prepare<string[], CsvCell[]>(
        `SELECT n.number, i.number, c.external_id, n.currency, n.subtotal_minor, n.tax_minor,
           n.total_minor,
           CASE WHEN n.settlement = 'credit_balance' THEN 'credit_balance'
             WHEN n.refund_method = 'stripe' THEN 'stripe_refund' ELSE 'paid_outside' END,
           n.reason, n.created_at
         ${from} JOIN credit_note n ON n.invoice_id = i.id
         ${where.sql} ${order}, n.number`,
      )
      .raw()
      .all(...where.params)
  } else if (input.lines) {
    data = db
      .prepare<string[], (string | number)[]>(
        `SELECT number, external_id, feature, description, quantity, amount_minor FROM (
           SELECT coalesce(i.number, '') AS number, c.external_id, coalesce(l.feature_code, '') AS feature,
             l.description, l.quantity, l.amount_minor, i.period, i.id, 0 AS part, l.position AS at
           ${from} JOIN invoice_line l ON l.invoice_id = i.id ${where.sql}
           UNION ALL
           SELECT coalesce(i.number, ''), c.external_id, 'discount', d.description, '1',
             -d.amount_minor, i.period, i.id, 1, d.discount_id
           ${from} JOIN invoice_discount d ON d.invoice_id = i.id ${where.sql})
         ORDER BY period, number = '', number, id, part, at`,
      )
      .raw()
      .all(...where.params, ...where.params)
      // The quantity is an exact decimal string: written as a number, never prefixed.
      .map((row) => row.map((cell, i) => (i === 4 ? csvDecimal(String(cell)) : cell)))
  } else {
    data = db
      .prepare<string[], (string | number)[]>(
        `SELECT coalesce(i.number, ''), c.external_id, i.currency, i.subtotal_minor,
           i.discount_minor, i.credit_minor, i.tax_minor, i.total_minor, i.status
         ${from} ${where.sql} ${order}`,
      )
      .raw()
      .all(...where.params)
  }
  const fields = input.creditNotes
    ? [...creditNoteColumns]
    : input.lines
      ? [...lineColumns]
      : [...invoiceColumns]
  const text = csvDocument(fields, data)
  const name = [
    input.creditNotes ? 'credit-notes' : input.lines ? 'invoice-lines' : 'invoices',
    ...(input.period ? [input.period] : []),
    ...(input.status ? [input.status] : []),
  ].join('-')
  return { text, fileName: `${name}.csv`, rows: data.length }
}
