import Big from 'big.js'
import { z } from 'zod'
import type {
  BreakdownRow,
  GraduatedPercentagePricing,
  PercentageTier,
} from '../../src-shared/domain/pricing'
import { decimalString, plus, ZERO, type PricingModel } from './model'

const HUNDRED = new Big(100)

const TierSchema = z.strictObject({
  up_to: decimalString().nullable(),
  rate_percent: decimalString(),
  flat_amount: decimalString().optional(),
}) satisfies z.ZodType<PercentageTier, PercentageTier>

/**
 * Lago's graduated percentage: each tier takes `rate_percent` of the units (an amount) that fall
 * in it, plus its `flat_amount` once reached; the first tier is always reached. Bounds grow;
 * only the last tier may be open, and a bounded last tier takes what lies beyond it.
 */
export const GraduatedPercentageSchema = z.strictObject({
  model: z.literal('graduated_percentage'),
  tiers: z
    .array(TierSchema, { error: 'must be a list of tiers' })
    .min(1, 'must have at least one tier')
    .check((ctx) => {
      let previous = { text: '0', value: ZERO }
      ctx.value.forEach((tier, index) => {
        const report = (message: string) =>
          ctx.issues.push({ code: 'custom', message, input: ctx.value, path: [index, 'up_to'] })
        if (tier.up_to === null) {
          if (index < ctx.value.length - 1)
            report('only the last tier may be open (null); give this tier an upper bound')
        } else {
          // zod runs this check only when every tier parsed, so each bound is a decimal here.
          const value = new Big(tier.up_to)
          if (value.lte(previous.value)) report(`must be greater than ${previous.text}`)
          else previous = { text: tier.up_to, value }
        }
      })
    }),
}) satisfies z.ZodType<GraduatedPercentagePricing, GraduatedPercentagePricing>

export const graduatedPercentageModel = {
  kind: 'graduated_percentage',
  schema: GraduatedPercentageSchema,
  price: (quantity, { tiers }) => {
    const breakdown: BreakdownRow[] = []
    let amount = ZERO
    let from = ZERO
    let fromText = '0'
    for (const [index, tier] of tiers.entries()) {
      const last = index === tiers.length - 1
      const upTo = tier.up_to === null || last ? null : new Big(tier.up_to)
      if (index > 0 && quantity.lte(from)) break
      const top = upTo === null || quantity.lt(upTo) ? quantity : upTo
      const units = top.minus(from)
      const rate = new Big(tier.rate_percent).div(HUNDRED)
      const subtotal = plus(units.times(rate), new Big(tier.flat_amount ?? '0'))
      amount = amount.plus(subtotal)
      breakdown.push({
        tier: index + 1,
        from: fromText,
        to: tier.up_to,
        units: units.toFixed(),
        unit_amount: rate.toFixed(),
        flat_amount: tier.flat_amount ?? '0',
        subtotal: subtotal.toFixed(),
      })
      if (upTo === null) break
      from = upTo
      fromText = tier.up_to ?? fromText
    }
    return { amount, breakdown }
  },
} satisfies PricingModel<'graduated_percentage'>
