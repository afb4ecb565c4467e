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
import { priceEventsOf } from './event-charge'
import { quantityLabel } from './quantity-label'

/** What a metered feature charges for a period's usage. */
export type Charge = {
  /**
   * What the line counts: usage beyond the included units (or a soft quota's limit) and the
   * price's free units; for packages, the packages. quantity × unitAmount = amount, once rounded.
   */
  quantity: Big
  /** The line's own unit where it is not the feature's (`package`). */
  unit?: string
  amountMinor: number
  breakdown: BreakdownRow[]
  unitAmount: DecimalString | null
  /** "API calls: 12,500 used, 10,000 included". */
  description: string
}

const ZERO = new Big(0)

const isZero = (text: string | undefined): boolean => text === undefined || new Big(text).eq(ZERO)

/** How a priced line reads: quantity × unit amount gives its amount, before its one rounding. */
type Shown = {
  quantity: Big
  unitAmount: DecimalString | null
  /** Set where the line counts something other than the feature's unit (packages). */
  unit?: string
  /** What the description adds: free units deducted, the package size. */
  detail: string
}

/**
 * The line as it reconciles. Flat: the units left after the price's own free units, at the unit
 * price. Package: the number of packages at the package price. Tiered and volume: the quantity,
 * at one unit amount where a single tier without a flat fee or blocks says it (a block tier's
 * unit amount is a block's price: the quantity does not multiply it); tiers crossed, flat fees,
 * blocks and percentages leave it to the breakdown (null), whose rows each multiply out.
 */
const shownAs = (pricing: Pricing, quantity: Big, breakdown: BreakdownRow[]): Shown => {
  const [only, ...rest] = breakdown
  switch (pricing.model) {
    case 'flat':
    case 'package': {
      const free = isZero(pricing.free_units)
        ? ''
        : `, ${formatQuantity(pricing.free_units ?? '0')} free`
      if (pricing.model === 'flat')
        return {
          quantity: new Big(only?.units ?? quantity),
          unitAmount: pricing.unit_amount,
          detail: free,
        }
      return {
        quantity: new Big(only?.units ?? '0'),
        unitAmount: pricing.package_amount,
        unit: 'package',
        detail: `${free}, in packages of ${formatQuantity(pricing.package_size)}`,
      }
    }
    case 'tiered':
    case 'volume':
      return {
        quantity,
        unitAmount:
          only && rest.length === 0 && isZero(only.flat_amount) && !only.block_size
            ? (only.unit_amount ?? null)
            : null,
        detail: '',
      }
    case 'percentage':
    case 'graduated_percentage':
      return { quantity, unitAmount: null, detail: '' }
  }
}

/**
 * The period's event values (in order) with what the line deducts from them first, where the
 * run read them: a percentage feature charges per event (fixed fees, free events, clamps).
 */
type Events = { values: readonly DecimalString[]; deducted: Big }

const priced = (
  pricing: Pricing,
  quantity: Big,
  terms: { currency: string; rounding: RoundingRule },
  events?: Events,
): Omit<Charge, 'description'> & { detail: string } => {
  if (pricing.model === 'percentage' && events) {
    const { amount, breakdown, detail } = priceEventsOf(pricing, events.values, events.deducted)
    return {
      amountMinor: roundToMinor(amount, terms.currency, terms.rounding),
      breakdown,
      quantity,
      unitAmount: null,
      detail,
    }
  }
  const { amount, breakdown: rows } = priceBig(pricing, quantity)
  // A package line's row counts packages: its size goes with it, so screens read "20.00 per 500".
  const breakdown =
    pricing.model === 'package'
      ? rows.map((row) => ({ ...row, block_size: pricing.package_size }))
      : rows
  return {
    amountMinor: roundToMinor(amount, terms.currency, terms.rounding),
    breakdown,
    ...shownAs(pricing, quantity, breakdown),
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
 *
 * `events` are the period's event values in order, read for percentage-priced features (sums
 * only): each event is then priced on its own, after the included units (or the quota's limit)
 * are taken off the first events. Without them a percentage prices the total as one event.
 */
export const chargeFor = (
  feature: PlanFeature,
  override: FeatureOverride | undefined,
  used: DecimalString,
  terms: { currency: string; rounding: RoundingRule },
  events?: readonly DecimalString[],
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
      const { detail, ...charge } = priced(
        f.pricing,
        quantity,
        terms,
        events && { values: events, deducted: included },
      )
      return {
        ...charge,
        description: `${f.name}: ${quantityLabel(f, used)}${includedText}${detail}${contract}`,
      }
    }
    case 'quota': {
      if (f.enforcement === 'hard' || !f.pricing) return null
      const limit = new Big(f.limit)
      const quantity = atLeastZero(usage.minus(limit))
      const { detail, ...charge } = quantity.gt(ZERO)
        ? priced(f.pricing, quantity, terms, events && { values: events, deducted: limit })
        : {
            quantity,
            amountMinor: 0,
            breakdown: [],
            unitAmount: f.pricing.model === 'flat' ? f.pricing.unit_amount : null,
            detail: '',
          }
      const over = quantity.gt(ZERO) ? `, ${formatQuantity(quantity)} over` : ', within'
      return {
        ...charge,
        description: `${f.name}: ${quantityLabel(f, used)}${over} the quota of ${formatQuantity(f.limit)}${detail}${contract}`,
      }
    }
    case 'rate':
    case 'boolean':
      return null
  }
}
