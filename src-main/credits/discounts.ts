import type Database from 'better-sqlite3'
import type { Discount, PeriodKey } from '../../src-shared/domain/billing'
import type { DecimalString } from '../../src-shared/domain/pricing'

/** A discount that applies to a billing period (the run has checked its start and duration). */
export type ApplicableDiscount = {
  id: number
  description: string
  kind: 'percent' | 'fixed'
  /** percent: "12.5"; fixed: minor units as a decimal string. */
  value: DecimalString
}

type DiscountRow = {
  id: number
  description: string
  kind: 'percent' | 'fixed'
  value: string
  duration: 'once' | 'repeating' | 'forever'
  periods: number | null
  starts_with: string
  active: number
  created_at: string
  /** Invoices (not void) carrying it, leaving out the one being computed, if any. */
  applied: number
}

// Void invoices never happened for the customer, so a discount they carried is not used up;
// neither is one that took nothing off (a trial's or an idle month's invoice of zero).
const select = `
  SELECT d.*, (
    SELECT count(*) FROM invoice_discount x JOIN invoice i ON i.id = x.invoice_id
    WHERE x.discount_id = d.id AND x.amount_minor > 0 AND i.status <> 'void'
      AND i.id IS NOT @invoiceId
  ) AS applied
  FROM discount d WHERE d.customer_id = @customerId`

const toDiscount = (row: DiscountRow): Discount => ({
  id: row.id,
  description: row.description,
  kind: row.kind,
  value: row.value,
  duration: row.duration,
  periods: row.periods,
  startsWith: row.starts_with,
  applied: row.applied,
  active: row.active === 1,
  createdAt: row.created_at,
})

export const listDiscounts = (db: Database.Database, customerId: number): Discount[] =>
  db
    .prepare<{ customerId: number; invoiceId: null }, DiscountRow>(`${select} ORDER BY d.id`)
    .all({ customerId, invoiceId: null })
    .map(toDiscount)

const hasPeriodsLeft = (row: DiscountRow): boolean => {
  switch (row.duration) {
    case 'once':
      return row.applied === 0
    case 'repeating':
      return row.applied < (row.periods ?? 0)
    case 'forever':
      return true
  }
}

/**
 * The discounts a customer's invoice for `period` gets, by id: active, started on or before the
 * period, and not used up by other invoices (`invoiceId` is the draft being recomputed, which
 * does not count against itself): once → on no other invoice; repeating → on fewer than
 * `periods` others; forever → always.
 */
export const applicableDiscounts = (
  db: Database.Database,
  customerId: number,
  period: PeriodKey,
  invoiceId: number | null,
): ApplicableDiscount[] =>
  db
    .prepare<{ customerId: number; invoiceId: number | null; period: string }, DiscountRow>(
      `${select} AND d.active = 1 AND d.starts_with <= @period ORDER BY d.id`,
    )
    .all({ customerId, invoiceId, period })
    .filter(hasPeriodsLeft)
    .map((row) => ({ id: row.id, description: row.description, kind: row.kind, value: row.value }))

export type NewDiscount = {
  customerId: number
  description: string
  kind: 'percent' | 'fixed'
  /** Normalized decimal text: percent "12.5"; fixed: minor units "1500". */
  value: DecimalString
  duration: 'once' | 'repeating' | 'forever'
  periods: number | null
  startsWith: PeriodKey
  createdAt: string
}

/** Writes a discount of a customer (discounts:create, and a coupon's redemption); its id. */
export const insertDiscount = (db: Database.Database, d: NewDiscount): number =>
  Number(
    db
      .prepare(
        `INSERT INTO discount (customer_id, description, kind, value, duration, periods, starts_with, active, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)`,
      )
      .run(
        d.customerId,
        d.description,
        d.kind,
        d.value,
        d.duration,
        d.periods,
        d.startsWith,
        d.createdAt,
      ).lastInsertRowid,
  )

/** Ends a discount: no later invoice gets it; those that carry it keep it. */
export const endDiscount = (db: Database.Database, id: number): void => {
  db.prepare('UPDATE discount SET active = 0 WHERE id = ?').run(id)
}
