import { z } from 'zod'
import type { InvoiceStatus } from './billing'
import type { DecimalString } from './pricing'
import { IdText } from './text-bounds'

/** A plan's draft version, named by its plan and number (a plan has at most one draft). */
export const WhatIfInputSchema = z.strictObject({
  planId: IdText.min(1, 'must name a plan'),
  version: z.int().min(1),
})
export type WhatIfInput = z.input<typeof WhatIfInputSchema>

/**
 * Each subscriber's last billed period, as billed and re-priced under the draft.
 * - `compared`: both figures, in `currency`.
 * - `not_billed`: no invoice yet; not in the totals.
 * - `not_comparable`: the draft cannot price it in the invoice's currency, or would not bill it
 *   (see `reason`); not in the totals.
 */
export type WhatIfStatus = 'compared' | 'not_billed' | 'not_comparable'

export type WhatIfRow = {
  externalId: string
  customerName: string
  subscriptionId: number
  /** The version of the plan the subscriber is on now. */
  planVersion: number
  status: WhatIfStatus
  reason: string | null
  /** The invoice's currency (the customer's when not billed yet). */
  currency: string
  period: string | null
  periodStart: string | null
  periodEnd: string | null
  invoiceId: number | null
  invoiceNumber: string | null
  invoiceStatus: InvoiceStatus | null
  /** The invoice's revenue: subtotal − discounts (before tax and prepaid credit). */
  currentMinor: number | null
  /** The same usage, days, overrides and discounts priced under the draft, in `currency`. */
  draftMinor: number | null
  /** draftMinor − currentMinor: positive, the customer would have paid more. */
  differenceMinor: number | null
  /** The difference as a percent of currentMinor, one decimal; null when currentMinor is 0. */
  differencePercent: DecimalString | null
}

/** Per currency, over the compared rows only: each figure the exact sum of its rows'. */
export type WhatIfTotal = {
  currency: string
  customers: number
  currentMinor: number
  draftMinor: number
  differenceMinor: number
  differencePercent: DecimalString | null
}

export type WhatIf = {
  planId: string
  planName: string
  /** The draft's version number and currency. */
  version: number
  currency: string
  /** Compared rows first, biggest increase to biggest decrease; then the others by customer. */
  rows: WhatIfRow[]
  totals: WhatIfTotal[]
}
