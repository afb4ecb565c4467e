import Big from 'big.js'
import { z } from 'zod'
import type { BreakdownRow, PercentagePricing } from '../../src-shared/domain/pricing'
import { decimalString, ZERO, type PricingModel } from './model'

const HUNDRED = new Big(100)

/**
 * Lago's percentage model: `rate_percent` of each event's value plus `fixed_amount_per_event`.
 * The first `free_units_per_events` events and the first `free_units_per_total_aggregation` of
 * value are free; when both are set, free pricing stops at whichever runs out first (an event
 * that crosses the free amount pays the rate on the part beyond it, and its fixed fee). With
 * `per_transaction_min_amount` / `_max_amount` each charged event's amount is clamped; a free
 * event stays free.
 */
export const PercentageSchema = z
  .strictObject({
    model: z.literal('percentage'),
    rate_percent: decimalString(),
    fixed_amount_per_event: decimalString().optional(),
    free_units_per_events: decimalString()
      .refine((n) => /^\d+$/.test(n), 'must be a whole number of events')
      .optional(),
    free_units_per_total_aggregation: decimalString().optional(),
    per_transaction_min_amount: decimalString().optional(),
    per_transaction_max_amount: decimalString().optional(),
  })
  .check((ctx) => {
    const { per_transaction_min_amount: min, per_transaction_max_amount: max } = ctx.value
    // zod runs this check only when every field parsed, so both limits are decimals here.
    if (min && max && new Big(max).lt(min))
      ctx.issues.push({
        code: 'custom',
        message: `must not be less than per_transaction_min_amount (${min})`,
        input: ctx.value,
        path: ['per_transaction_max_amount'],
      })
  }) satisfies z.ZodType<PercentagePricing, PercentagePricing>

const big = (text: string | undefined): Big | null => (text === undefined ? null : new Big(text))

const row = (label: string, units: Big, unit: string, subtotal: Big): BreakdownRow => ({
  label,
  from: '0',
  to: null,
  units: units.toFixed(),
  unit_amount: unit,
  flat_amount: '0',
  subtotal: subtotal.toFixed(),
})

/**
 * The exact price of a period's events, each value in order (pure; rounded once by the caller).
 * Rows: the percentage on the charged value, the fixed fees on the charged events, and the
 * per-transaction limits' adjustment when they changed anything.
 */
export const priceEvents = (events: readonly Big[], pricing: PercentagePricing) => {
  const rate = new Big(pricing.rate_percent).div(HUNDRED)
  const fixed = big(pricing.fixed_amount_per_event) ?? ZERO
  const min = big(pricing.per_transaction_min_amount)
  const max = big(pricing.per_transaction_max_amount)
  let freeEvents = big(pricing.free_units_per_events)
  let freeValue = big(pricing.free_units_per_total_aggregation)
  let charged = ZERO
  let chargedEvents = 0
  let adjustment = ZERO
  for (const value of events) {
    let paid = value
    // In the free window while every limit that is set has some left.
    const free =
      (freeEvents !== null || freeValue !== null) &&
      (freeEvents === null || freeEvents.gt(ZERO)) &&
      (freeValue === null || freeValue.gt(ZERO))
    if (free) {
      if (freeEvents !== null) freeEvents = freeEvents.minus(1)
      if (freeValue !== null) {
        // Stryker disable next-line EqualityOperator: at equality both choices are the same amount
        const covered = value.lt(freeValue) ? value : freeValue
        freeValue = freeValue.minus(covered)
        paid = value.minus(covered)
      } else paid = ZERO
      if (paid.eq(ZERO)) continue
    }
    const amount = paid.times(rate).plus(fixed)
    let clamped = amount
    // Stryker disable next-line EqualityOperator: clamping an amount equal to its limit changes nothing
    if (min && clamped.lt(min)) clamped = min
    // Stryker disable next-line EqualityOperator: clamping an amount equal to its limit changes nothing
    if (max && clamped.gt(max)) clamped = max
    charged = charged.plus(paid)
    chargedEvents += 1
    adjustment = adjustment.plus(clamped.minus(amount))
  }
  const percent = charged.times(rate)
  const fees = fixed.times(chargedEvents)
  const breakdown = [
    row('percentage', charged, rate.toFixed(), percent),
    row('fixed fees', new Big(chargedEvents), fixed.toFixed(), fees),
  ]
  if (!adjustment.eq(ZERO))
    breakdown.push(row('per-transaction limits', new Big(1), adjustment.toFixed(), adjustment))
  return { amount: percent.plus(fees).plus(adjustment), breakdown }
}

export const percentageModel = {
  kind: 'percentage',
  schema: PercentageSchema,
  // Given a total alone (a quote's `quantity`, a non-sum aggregation) it is priced as one event;
  // the billing run passes each event's value to priceEvents (billing/compute/event-charge.ts).
  price: (quantity, pricing) => priceEvents([quantity], pricing),
} satisfies PricingModel<'percentage'>
