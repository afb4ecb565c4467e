import Big from 'big.js'
import { z } from 'zod'
import { atLeastZero, decimalString, type PricingModel } from './model'

/**
 * One price per unit after `free_units`: covers plain per-unit pricing and "overage beyond an
 * included amount" alike. Usage below the free units costs nothing (never a credit).
 */
export const FlatSchema = z.strictObject({
  model: z.literal('flat'),
  unit_amount: decimalString(),
  free_units: decimalString().default('0'),
})

export const flatModel = {
  kind: 'flat',
  schema: FlatSchema,
  price: (quantity, pricing) => {
    const free = pricing.free_units ?? '0'
    const units = atLeastZero(quantity.minus(new Big(free)))
    const amount = units.times(new Big(pricing.unit_amount))
    return {
      amount,
      breakdown: [
        {
          from: free,
          to: null,
          units: units.toFixed(),
          unit_amount: pricing.unit_amount,
          flat_amount: '0',
          subtotal: amount.toFixed(),
        },
      ],
    }
  },
} satisfies PricingModel<'flat', 'free_units'>
