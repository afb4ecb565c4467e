import type Database from 'better-sqlite3'
import type { InvoiceStatus } from '../../src-shared/domain/billing'
import type { BreakdownRow } from '../../src-shared/domain/pricing'
import { discountsOnInvoice } from '../credits/invoice-discounts'
import type { ComputedLine } from './compute/types'
import type { Kept } from './reprice'

/** An invoice as billed: its figures, and what re-pricing it keeps (see Kept). */
export type BilledInvoice = {
  id: number
  number: string | null
  status: InvoiceStatus
  currency: string
  subtotalMinor: number
  discountMinor: number
  kept: Kept
}

type InvoiceRow = {
  id: number
  number: string | null
  status: InvoiceStatus
  currency: string
  subtotal_minor: number
  discount_minor: number
}

type LineRow = Omit<ComputedLine, 'breakdown'> & { breakdown_json: string }

/**
 * Reads an invoice for re-pricing. Lines added by hand and late usage adjustments of earlier
 * periods are no price of this period's plan: they stay on the invoice whatever the plan says.
 */
export const billedInvoice = (db: Database.Database, invoiceId: number): BilledInvoice | null => {
  const row = db
    .prepare<[number], InvoiceRow>(
      `SELECT id, number, status, currency, subtotal_minor, discount_minor FROM invoice
       WHERE id = ?`,
    )
    .get(invoiceId)
  if (!row) return null
  const lines = db
    .prepare<[number], LineRow>(
      `SELECT kind, feature_code AS featureCode, description, quantity, unit,
         unit_amount AS unitAmount, amount_minor AS amountMinor, breakdown_json,
         period_start AS periodStart, period_end AS periodEnd
       FROM invoice_line WHERE invoice_id = ? AND kind IN ('manual', 'adjustment')
       ORDER BY position`,
    )
    .all(invoiceId)
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    currency: row.currency,
    subtotalMinor: row.subtotal_minor,
    discountMinor: row.discount_minor,
    kept: {
      discounts: discountsOnInvoice(db, invoiceId),
      manualLines: lines.map(({ breakdown_json, ...line }) => ({
        ...line,
        breakdown: JSON.parse(breakdown_json) as BreakdownRow[],
      })),
    },
  }
}
