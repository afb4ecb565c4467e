import type Database from 'better-sqlite3'
import type { RunItem } from '../../src-shared/domain/billing'
import { billSubscription } from './bill-one'

export type FinalInvoice =
  { outcome: RunItem['outcome']; invoiceId: number | null; totalMinor: number } | { error: string }

/**
 * Writes the final invoice of a subscription just canceled (the current period up to now) as a
 * draft. When the invoice cannot be computed, the cancellation still stands: the invoice's own
 * writes are undone (a savepoint), the error is kept for the audit, and the next billing run
 * bills that period (it bills the period a subscription was canceled in).
 */
export const billFinalInvoice = (
  db: Database.Database,
  subscriptionId: number,
  context: { now: Date; operator: string },
): FinalInvoice => {
  // Inside the mutation's transaction, better-sqlite3 runs this as a savepoint.
  const bill = db.transaction(() =>
    billSubscription(db, subscriptionId, {
      now: context.now,
      operator: context.operator,
      upToNow: true,
    }),
  )
  try {
    const item = bill()
    return { outcome: item.outcome, invoiceId: item.invoiceId, totalMinor: item.totalMinor }
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) }
  }
}
