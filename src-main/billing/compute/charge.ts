import Big from 'big.js'
import type { FeatureOverride, PlanFeature } from '../../../src-shared/domain/catalog'
import type {
  BreakdownRow,
  DecimalString,
  Pricing,
  RoundingRule,
} from '../../../src-shared/domain/pricing'
import { applyOverride } from '../../entitlements/apply-override'
import { priceBig, roundToMinor } from '../../pricing'
import { formatQuantity } from './describe'

/** What a metered feature charges for a period's usage. */
export type Charge = {
  /** The units charged: usage beyond the included units, or beyond a soft quota's limit. */
  quantity: Big
  amountMinor: number
  breakdown: BreakdownRow[]
  unitAmount: DecimalString | null
  /** "API calls: 12,500 used, 10,000 included". */
  description: string
}

const ZERO = new Big(0)

const isZero = (text: string | undefined): boolean => text === undefined || new Big(text).eq(ZERO)

/**
 * The price of one unit when a single number says it: a flat price, or one tier (tiered or
 * volume) without a flat amount, so that quantity × unit amount is what the tier charges. Tiers
 * crossed, a tier's flat fee, blocks, packages and percentages leave it to the breakdown (null).
 */
const unitAmountOf = (pricing: Pricing, breakdown: BreakdownRow[]): DecimalString | null => {
  switch (pricing.model) {
    case 'flat':
      return pricing.unit_amount
    case 'tiered':
    case 'volume': {
      const [only, ...rest] = breakdown
      // A block tier's unit amount is a block's price: the quantity does not multiply it.
      return only && rest.length === 0 && isZero(only.flat_amount) && !only.block_size
        ? only.unit_amount
        : null
    }
    case 'package':
    case 'percentage':
    case 'graduated_percentage':
      return null
  }
}

const priced = (
  pricing: Pricing,
  quantity: Big,
  terms: { currency: string; rounding: RoundingRule },
): Pick<Charge, 'amountMinor' | 'breakdown' | 'unitAmount'> => {
  const { amount, breakdown } = priceBig(pricing, quantity)
  return {
    amountMinor: roundToMinor(amount, terms.currency, terms.rounding),
    breakdown,
    unitAmount: unitAmountOf(pricing, breakdown),
  }
}

const atLeastZero = (value: Big): Big => (value.lt(ZERO) ? ZERO : value)

/**
 * What `used` units of a feature charge, as this customer has the feature (their override
 * applied), priced by the pricing engine and rounded once. Null for features that never charge:
 * hard quotas, soft quotas without a price, rate limits and on/off features.
 *
 * A usage feature is always priced, even at zero units: a definition may charge at zero (a first
 * tier's flat amount is a minimum fee, by the tiered model's rules). A soft quota's pricing prices
 * the overage, so usage within the limit charges nothing and the engine is not asked: otherwise
 * such a flat amount would be charged for staying within the quota.
 */
export const chargeFor = (
  feature: PlanFeature,
  override: FeatureOverride | undefined,
  used: DecimalString,
  terms: { currency: string; rounding: RoundingRule },
): Charge | null => {
  const f = applyOverride(feature, override)
  const usage = new Big(used)
  const contract = override?.code === feature.code && override.pricing ? ' (contract price)' : ''
  switch (f.type) {
    case 'usage': {
      const included = new Big(f.includedUnits ?? '0')
      const quantity = atLeastZero(usage.minus(included))
      const includedText = included.gt(ZERO)
        ? `, ${formatQuantity(f.includedUnits ?? '0')} included`
        : ''
      return {
        quantity,
        ...priced(f.pricing, quantity, terms),
        description: `${f.name}: ${formatQuantity(used)} used${includedText}${contract}`,
      }
    }
    case 'quota': {
      if (f.enforcement === 'hard' || !f.pricing) return null
      const limit = new Big(f.limit)
      const quantity = atLeastZero(usage.minus(limit))
      const charge = quantity.gt(ZERO)
        ? priced(f.pricing, quantity, terms)
        : {
            amountMinor: 0,
            breakdown: [],
            unitAmount: f.pricing.model === 'flat' ? f.pricing.unit_amount : null,
          }
      const over = quantity.gt(ZERO) ? `, ${formatQuantity(quantity)} over` : ', within'
      return {
        quantity,
        ...charge,
        description: `${f.name}: ${formatQuantity(used)} used${over} the quota of ${formatQuantity(f.limit)}${contract}`,
      }
    }
    case 'rate':
    case 'boolean':
      return null
  }
}
