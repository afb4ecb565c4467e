import Big from 'big.js'
import { z } from 'zod'
import { atLeastZero, decimalString, positiveDecimalString, type PricingModel } from './model'

/**
 * Sold in packages (500 SMS for $20): the units beyond `free_units` are divided by the package
 * size and rounded `up` (a started package is charged, the default) or `down` (only full ones).
 */
export const PackageSchema = z.strictObject({
  model: z.literal('package'),
  package_size: positiveDecimalString(),
  package_amount: decimalString(),
  free_units: decimalString().default('0'),
  rounding: z.enum(['up', 'down'], { error: 'must be up or down' }).default('up'),
})

/**
 * The exact number of whole packages in `units`. Division rounds to Big.DP places, which can
 * carry 2.999…9 up to 3, so the quotient is checked against the units and corrected by one.
 * Never by one the other way: rounding never takes a quotient below a whole number it reaches.
 */
export const wholePackages = (units: Big, size: Big): Big => {
  const count = units.div(size).round(0, Big.roundDown)
  return count.times(size).gt(units) ? count.minus(1) : count
}

export const packageModel = {
  kind: 'package',
  schema: PackageSchema,
  price: (quantity, pricing) => {
    const free = pricing.free_units ?? '0'
    const size = new Big(pricing.package_size)
    const units = atLeastZero(quantity.minus(new Big(free)))
    let packages = wholePackages(units, size)
    if (pricing.rounding !== 'down' && packages.times(size).lt(units)) packages = packages.plus(1)
    const amount = packages.times(new Big(pricing.package_amount))
    return {
      amount,
      breakdown: [
        {
          from: free,
          to: null,
          units: packages.toFixed(),
          unit_amount: pricing.package_amount,
          flat_amount: '0',
          subtotal: amount.toFixed(),
        },
      ],
    }
  },
} satisfies PricingModel<'package', 'free_units' | 'rounding'>
