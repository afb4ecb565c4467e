import { computeInvoice } from '../../../src-main/billing/compute'
import type { BillingInput } from '../../../src-main/billing/compute/types'
import { input, manualLine, span, terms } from './invoice-fixtures'

/** An invoice whose lines sum to `subtotalMinor`: one full-period base fee (or a manual line). */
export const invoiceOf = (subtotalMinor: number, patch: Partial<BillingInput> = {}) =>
  computeInvoice(
    input(
      subtotalMinor >= 0
        ? { spans: [span('Plan', terms({ basePriceMinor: subtotalMinor }))], ...patch }
        : { spans: [], manualLines: [manualLine('Goodwill', subtotalMinor)], ...patch },
    ),
  )
