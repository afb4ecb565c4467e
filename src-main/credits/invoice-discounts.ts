import type Database from 'better-sqlite3'
import type { ApplicableDiscount } from './discounts'

/**
 * The discounts an invoice carries, as they were defined, in the order billing applied them (by
 * id, as applicableDiscounts chooses them): what re-pricing that invoice applies again.
 */
export const discountsOnInvoice = (
  db: Database.Database,
  invoiceId: number,
): ApplicableDiscount[] =>
  db
    .prepare<[number], ApplicableDiscount>(
      `SELECT d.id, d.description, d.kind, d.value FROM invoice_discount x
       JOIN discount d ON d.id = x.discount_id
       WHERE x.invoice_id = ? ORDER BY d.id`,
    )
    .all(invoiceId)
