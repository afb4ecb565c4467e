import type Database from 'better-sqlite3'
import type {
  CreditNote,
  Invoice,
  InvoiceLine,
  InvoiceStatus,
  InvoiceSummary,
  LineKind,
} from '../../src-shared/domain/billing'
import type { JsonValue } from '../../src-shared/domain/json'
import type { BreakdownRow } from '../../src-shared/domain/pricing'
import { AppError } from '../errors'

/** An invoice row with its customer's details, as the services read it. */
export type InvoiceRow = {
  id: number
  subscription_id: number
  customer_row_id: number
  customer_external_id: string
  customer_name: string
  billing_address: string
  tax_region: string
  period: string
  period_start: string
  period_end: string
  currency: string
  status: InvoiceStatus
  number: string | null
  subtotal_minor: number
  discount_minor: number
  credit_minor: number
  tax_minor: number
  total_minor: number
  tax_json: string | null
  tax_exempt: number
  notes_json: string
  run_id: string | null
  due_date: string | null
  issued_at: string | null
  finalized_at: string | null
  finalized_by: string | null
  paid_at: string | null
  voided_at: string | null
  created_at: string
  updated_at: string
}

/** Shared by the single-invoice read and the list: the invoice joined with its customer. */
export const invoiceSelect = `
  SELECT i.id, i.subscription_id, c.id AS customer_row_id, c.external_id AS customer_external_id,
    c.name AS customer_name, c.billing_address, c.tax_region, i.period, i.period_start,
    i.period_end, i.currency, i.status, i.number, i.subtotal_minor, i.discount_minor,
    i.credit_minor, i.tax_minor, i.total_minor, i.tax_json, i.tax_exempt, i.notes_json, i.run_id,
    i.due_date, i.issued_at, i.finalized_at, i.finalized_by, i.paid_at, i.voided_at,
    i.created_at, i.updated_at
  FROM invoice i JOIN customer c ON c.id = i.customer_id`

export const findInvoiceRow = (db: Database.Database, id: number): InvoiceRow | undefined =>
  db.prepare<[number], InvoiceRow>(`${invoiceSelect} WHERE i.id = ?`).get(id)

export const invoiceRow = (db: Database.Database, id: number): InvoiceRow => {
  const row = findInvoiceRow(db, id)
  if (!row) throw new AppError('not_found', `There is no invoice ${id}.`)
  return row
}

/** How the invoice is named to people: its number, or `draft-<id>` until it has one. */
export const invoiceLabel = (row: Pick<InvoiceRow, 'id' | 'number'>): string =>
  row.number ?? `draft-${row.id}`

export const toSummary = (row: InvoiceRow): InvoiceSummary => ({
  id: row.id,
  number: row.number,
  status: row.status,
  customerId: row.customer_external_id,
  customerName: row.customer_name,
  subscriptionId: row.subscription_id,
  currency: row.currency,
  period: row.period,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  dueDate: row.due_date,
  issuedAt: row.issued_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  subtotalMinor: row.subtotal_minor,
  discountMinor: row.discount_minor,
  creditMinor: row.credit_minor,
  taxMinor: row.tax_minor,
  totalMinor: row.total_minor,
})

type LineRow = {
  id: number
  position: number
  kind: LineKind
  feature_code: string | null
  description: string
  quantity: string
  unit: string | null
  unit_amount: string | null
  amount_minor: number
  breakdown_json: string
  period_start: string
  period_end: string
}

export const invoiceLines = (db: Database.Database, invoiceId: number): InvoiceLine[] =>
  db
    .prepare<[number], LineRow>(
      `SELECT id, position, kind, feature_code, description, quantity, unit, unit_amount,
         amount_minor, breakdown_json, period_start, period_end
       FROM invoice_line WHERE invoice_id = ? ORDER BY position`,
    )
    .all(invoiceId)
    .map((r) => ({
      id: r.id,
      position: r.position,
      kind: r.kind,
      featureCode: r.feature_code,
      description: r.description,
      quantity: r.quantity,
      unit: r.unit,
      unitAmount: r.unit_amount,
      amountMinor: r.amount_minor,
      breakdown: JSON.parse(r.breakdown_json) as BreakdownRow[],
      periodStart: r.period_start,
      periodEnd: r.period_end,
    }))

type CreditNoteRow = {
  id: number
  number: string
  currency: string
  reason: string
  subtotal_minor: number
  tax_minor: number
  total_minor: number
  settlement: 'credit_balance' | 'refund'
  refund_method: 'stripe' | 'outside' | null
  created_at: string
  created_by: string
}

/** The stored pair (where the money goes, how a refund was paid) as the one choice it was. */
const settlementOf = (n: CreditNoteRow): CreditNote['settlement'] => {
  if (n.settlement === 'credit_balance') return 'credit_balance'
  return n.refund_method === 'stripe' ? 'stripe_refund' : 'paid_outside'
}

export const creditNotesOf = (db: Database.Database, row: InvoiceRow): CreditNote[] => {
  const lines = db.prepare<[number], { description: string; amount_minor: number }>(
    `SELECT description, amount_minor FROM credit_note_line
     WHERE credit_note_id = ? ORDER BY position`,
  )
  return db
    .prepare<[number], CreditNoteRow>(
      `SELECT id, number, currency, reason, subtotal_minor, tax_minor, total_minor, settlement,
         refund_method, created_at, created_by
       FROM credit_note WHERE invoice_id = ? ORDER BY id`,
    )
    .all(row.id)
    .map((n) => ({
      id: n.id,
      number: n.number,
      invoiceId: row.id,
      invoiceNumber: row.number ?? '',
      currency: n.currency,
      reason: n.reason,
      lines: lines
        .all(n.id)
        .map((l) => ({ description: l.description, amountMinor: l.amount_minor })),
      subtotalMinor: n.subtotal_minor,
      taxMinor: n.tax_minor,
      totalMinor: n.total_minor,
      settlement: settlementOf(n),
      createdAt: n.created_at,
      createdBy: n.created_by,
    }))
}

export type StoredTax = Invoice['tax']

export const taxOf = (row: Pick<InvoiceRow, 'tax_json'>): StoredTax =>
  row.tax_json === null ? null : (JSON.parse(row.tax_json) as NonNullable<StoredTax>)

export const toInvoice = (db: Database.Database, row: InvoiceRow): Invoice => ({
  ...toSummary(row),
  lines: invoiceLines(db, row.id),
  discounts: db
    .prepare<[number], { discountId: number; description: string; amountMinor: number }>(
      `SELECT discount_id AS discountId, description, amount_minor AS amountMinor
       FROM invoice_discount WHERE invoice_id = ? ORDER BY discount_id`,
    )
    .all(row.id),
  tax: taxOf(row),
  taxExempt: row.tax_exempt === 1,
  notes: JSON.parse(row.notes_json) as string[],
  creditNotes: creditNotesOf(db, row),
  finalizedAt: row.finalized_at,
  finalizedBy: row.finalized_by,
  paidAt: row.paid_at,
  voidedAt: row.voided_at,
  runId: row.run_id,
})

export const getInvoice = (db: Database.Database, id: number): Invoice =>
  toInvoice(db, invoiceRow(db, id))

/** What the audit log keeps of an invoice before and after a change. */
export const auditSummary = (row: InvoiceRow): JsonValue => ({
  number: row.number,
  status: row.status,
  customerId: row.customer_external_id,
  period: row.period,
  currency: row.currency,
  subtotalMinor: row.subtotal_minor,
  discountMinor: row.discount_minor,
  creditMinor: row.credit_minor,
  taxMinor: row.tax_minor,
  totalMinor: row.total_minor,
})
