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
  /** The features used beyond their allowance so far, and what those units cost. */
  overages: Overage[]
}

/**
 * Units used beyond a feature's allowance (included units, or a soft quota's limit, the
 * customer's override applied) and what they cost at the price this customer pays.
 */
export type Overage = { code: string; overUnits: DecimalString; amountMinor: number }

/** Why there is nothing to estimate: no subscription, canceled, a period wholly in trial… */
export type NoUpcomingInvoice = { status: 'none'; reason: string }

export type UpcomingInvoice = UpcomingEstimate | NoUpcomingInvoice

/** What a customer owes in one currency: open invoices less credit notes and payments. */
export type CustomerReceivables = {
  currency: string
  owedMinor: number
  owedInvoices: number
  overdueMinor: number
  overdueInvoices: number
}
