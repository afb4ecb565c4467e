import type { InvoiceDiscount, InvoiceLine, InvoiceTotals } from './billing'
import type { DecimalString } from './pricing'

/**
 * The invoice the current period would get if it ended now: computed by the billing run's own
 * calculation from the usage stored so far, and written nowhere.
 */
export type UpcomingEstimate = {
  status: 'estimated'
  currency: string
  periodStart: string
  periodEnd: string
  /** The instant the usage was counted up to. */
  asOf: string
  lines: Omit<InvoiceLine, 'id' | 'position'>[]
  discounts: InvoiceDiscount[]
  tax: { region: string; name: string; ratePercent: DecimalString } | null
  totals: InvoiceTotals
  notes: string[]
}

/** Why there is nothing to estimate: no subscription, canceled, a period wholly in trial… */
export type NoUpcomingInvoice = { status: 'none'; reason: string }

export type UpcomingInvoice = UpcomingEstimate | NoUpcomingInvoice
