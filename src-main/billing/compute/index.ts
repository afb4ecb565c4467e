import { AppError } from '../../errors'
import { adjustmentLines } from './adjustments'
import { settle } from './adjust-totals'
import { baseFeeLines } from './base-fees'
import { checkBounds } from './bounds'
import { minimumLine } from './minimum'
import { periodNotes } from './notes'
import type { BillingInput, ComputedInvoice, ComputedLine } from './types'
import { usageLines } from './usage-lines'

export type {
  ApplicableDiscount,
  BillingInput,
  BillingPeriod,
  ComputedInvoice,
  ComputedLine,
  LateUsage,
  PlanSpan,
  TaxRate,
} from './types'
export { chargeFor, type Charge } from './charge'

/** A plan priced in another currency cannot be billed on this customer's invoice. */
const checkCurrencies = (input: BillingInput): void => {
  const { currency, externalId } = input.customer
  const plans = [
    ...input.spans.map((s) => ({ name: s.planName, currency: s.terms.currency })),
    ...input.late.map((l) => ({ name: l.feature.name, currency: l.terms.currency })),
  ]
  for (const plan of plans)
    if (plan.currency !== currency)
      throw new AppError(
        'conflict',
        `Customer ${externalId} is billed in ${currency}, but ${plan.name} is priced in ${plan.currency}.`,
      )
}

/**
 * The invoice for one subscription and period, from inputs the billing run gathered. Pure: no
 * clock, no database; the same input always gives the same invoice, to the minor unit.
 *
 * Lines, in order: base fees and proration credits per plan span, one usage line per metered
 * feature, the minimum commitment's true-up, late usage adjustments of earlier periods, then the
 * lines added by hand. Then discounts, tax and prepaid credit (see settle). A line or total past
 * the business bound, or a total that is not the sum of its parts, throws (see checkBounds).
 */
export const computeInvoice = (input: BillingInput): ComputedInvoice => {
  checkCurrencies(input)
  const charges = [...baseFeeLines(input), ...usageLines(input)]
  const minimum = minimumLine(input, charges)
  const lines: ComputedLine[] = [
    ...charges,
    ...(minimum ? [minimum] : []),
    ...adjustmentLines(input),
    ...input.manualLines,
  ]
  const settled = settle(input, lines)
  const computed: ComputedInvoice = {
    lines,
    discounts: settled.discounts,
    totals: settled.totals,
    tax: settled.tax,
    notes: [...periodNotes(input, lines), ...settled.notes],
  }
  checkBounds(input, computed)
  return computed
}
