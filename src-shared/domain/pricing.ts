/**
 * Pricing definitions as they appear in documents, on the wire and in the ledger. Amounts, rates
 * and quantities are decimal strings ("0.0012"), never floats. The rules of each model (schema,
 * defaults, price) live in src-main/pricing, one module per model; these are only the shapes.
 */
export type DecimalString = string

export const pricingKinds = ['flat', 'tiered', 'volume', 'package'] as const
export type PricingKind = (typeof pricingKinds)[number]

export const roundingRules = ['half_up', 'half_even', 'ceil', 'floor'] as const
export type RoundingRule = (typeof roundingRules)[number]

/** `up_to` is an inclusive, cumulative upper bound; the last tier's is null (no limit). */
export type Tier = {
  up_to: DecimalString | null
  unit_amount: DecimalString
  flat_amount?: DecimalString
}

export type FlatPricing = { model: 'flat'; unit_amount: DecimalString; free_units?: DecimalString }
export type TieredPricing = { model: 'tiered'; tiers: Tier[] }
export type VolumePricing = { model: 'volume'; tiers: Tier[] }
export type PackagePricing = {
  model: 'package'
  package_size: DecimalString
  package_amount: DecimalString
  free_units?: DecimalString
  rounding?: 'up' | 'down'
}
export type Pricing = FlatPricing | TieredPricing | VolumePricing | PackagePricing

/** One row of a price's breakdown: a tier, a package count, or the flat per-unit line. */
export type BreakdownRow = {
  /** 1-based tier number for tiered and volume; absent for flat and package. */
  tier?: number
  /** The range of quantity this row covers: (from, to]. `to` null means no upper bound. */
  from: DecimalString
  to: DecimalString | null
  /** Units charged in this row (for package: the number of packages). */
  units: DecimalString
  unit_amount: DecimalString
  flat_amount: DecimalString
  subtotal: DecimalString
}

export type QuoteInput = {
  pricing: Pricing
  quantity: DecimalString
  currency: string
  rounding?: RoundingRule
}

export type Quote = {
  /** The exact, unrounded amount as a decimal string in major units. */
  amount: DecimalString
  /** The amount rounded once, by the rounding rule, to the currency's minor unit. */
  amount_minor: number
  currency: string
  breakdown: BreakdownRow[]
}
