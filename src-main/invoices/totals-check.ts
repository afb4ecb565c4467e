import type Database from 'better-sqlite3'
import type { InvoiceTotals } from '../../src-shared/domain/billing'
import { formatMinor } from '../../src-shared/money'
import { boundText, withinBound } from '../../src-shared/money-bounds'
import { AppError } from '../errors'

const names: Record<keyof InvoiceTotals, string> = {
  subtotalMinor: 'subtotal',
  discountMinor: 'discount',
  creditMinor: 'credit',
  taxMinor: 'tax',
  totalMinor: 'total',
}

/** Refuses totals past the business bound, before they are written. */
export const checkTotalsBound = (totals: InvoiceTotals, label: string, currency: string): void => {
  for (const key of Object.keys(names) as (keyof InvoiceTotals)[]) {
    const value = totals[key]
    if (!withinBound(value))
      throw new AppError(
        'conflict',
        `Invoice ${label} would have a ${names[key]} of ${Number.isSafeInteger(value) ? formatMinor(value, currency, 'en-US') : String(value)}, past the limit of ${boundText} per invoice.`,
      )
  }
}

type StoredSums = {
  subtotal: bigint
  discount: bigint
  credit: bigint
  tax: bigint
  total: bigint
  lines: bigint
  discounts: bigint
}

/**
 * Checks, in the caller's transaction, that the stored invoice is the sum of its parts: subtotal
 * = Σ lines, discount = Σ discounts, total = subtotal − discount − credit + tax, each within the
 * bound. Read as 64-bit integers, so a difference of one past 2^53 is seen. Migration 0019's
 * trigger checks the same at finalization; this says it in words first.
 */
export const checkStoredSums = (db: Database.Database, id: number, label: string): void => {
  const sums = db
    .prepare<[number], StoredSums>(
      `SELECT subtotal_minor AS subtotal, discount_minor AS discount, credit_minor AS credit,
         tax_minor AS tax, total_minor AS total,
         (SELECT coalesce(sum(amount_minor), 0) FROM invoice_line WHERE invoice_id = i.id) AS lines,
         (SELECT coalesce(sum(amount_minor), 0) FROM invoice_discount WHERE invoice_id = i.id)
           AS discounts
       FROM invoice i WHERE id = ?`,
    )
    .safeIntegers(true)
    .get(id)
  if (!sums) throw new AppError('not_found', `There is no invoice ${id}.`)
  const wrong = (why: string): AppError =>
    new AppError('conflict', `Invoice ${label} cannot be finalized: ${why}. Regenerate the draft.`)
  for (const [name, value] of Object.entries(sums))
    if (!withinBound(value)) throw wrong(`its ${name} is past ${boundText}`)
  if (sums.subtotal !== sums.lines)
    throw wrong(`its subtotal (${sums.subtotal}) is not the sum of its lines (${sums.lines})`)
  if (sums.discount !== sums.discounts)
    throw wrong(
      `its discount (${sums.discount}) is not the sum of its discounts (${sums.discounts})`,
    )
  if (sums.total !== sums.subtotal - sums.discount - sums.credit + sums.tax)
    throw wrong('its total is not subtotal − discount − credit + tax')
}
