import { z } from 'zod'
import type { PricingModel } from './model'
import { parsedTiers, tierCost, tierOf, tierRow, TiersSchema } from './tiers'

/**
 * Volume tiers: the total quantity picks one tier (the first whose bound it does not exceed) and
 * every unit is priced at that tier's rate, plus its flat amount. Zero units fall in the first
 * tier, so its flat amount is still charged.
 */
export const VolumeSchema = z.strictObject({
  model: z.literal('volume'),
  tiers: TiersSchema,
})

export const volumeModel = {
  kind: 'volume',
  schema: VolumeSchema,
  price: (quantity, { tiers }) => {
    const tier = tierOf(quantity, parsedTiers(tiers))
    const amount = tierCost(tier, quantity)
    return { amount, breakdown: [tierRow(tier.number, tier.tier, tier.fromText, quantity, amount)] }
  },
} satisfies PricingModel<'volume'>
