import { z } from 'zod'
import type { BreakdownRow } from '../../src-shared/domain/pricing'
import { plus, type PricingModel } from './model'
import { parsedTiers, tierCost, tierOf, tierRow, TiersSchema } from './tiers'

/**
 * Graduated tiers: each unit is priced by the tier it falls in, so crossing a bound never makes
 * earlier units cheaper. A tier's flat amount is charged once the tier is reached; the first
 * tier is always reached, so its flat amount is a minimum fee even at zero usage.
 */
export const TieredSchema = z.strictObject({
  model: z.literal('tiered'),
  tiers: TiersSchema,
})

export const tieredModel = {
  kind: 'tiered',
  schema: TieredSchema,
  price: (quantity, { tiers }) => {
    const parsed = parsedTiers(tiers)
    // Every tier below the one the quantity falls in is used in full: its row and amount are
    // known in advance, so only the last reached tier is computed.
    const last = tierOf(quantity, parsed)
    const breakdown: BreakdownRow[] = []
    for (const tier of parsed) {
      if (tier === last || !tier.fullRow) break
      breakdown.push({ ...tier.fullRow })
    }
    // Stryker disable next-line ConditionalExpression: the first tier starts at 0; skipping the subtraction is only faster
    const units = last.number === 1 ? quantity : quantity.minus(last.from)
    const subtotal = tierCost(last, units)
    breakdown.push(tierRow(last.number, last.tier, last.fromText, units, subtotal))
    return { amount: plus(subtotal, last.before), breakdown }
  },
} satisfies PricingModel<'tiered'>
