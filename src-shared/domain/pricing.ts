/**
 * Pricing definitions as they appear in documents, on the wire and in the ledger. Amounts, rates
 * and quantities are decimal strings ("0.0012"), never floats. The rules of each model (schema,
 * defaults, price) live in src-main/pricing, one module per model; these are only the shapes.
 */
export type DecimalString = string

export const pricingKinds = [
  'flat',
  'tiered',
  'volume',
  'package',
  'percentage',
  'graduated_percentage',
] as const
export type PricingKind = (typeof pricingKinds)[number]

export const roundingRules = ['half_up', 'half_even', 'ceil', 'floor'] as const
export type RoundingRule = (typeof roundingRules)[number]

/**
 * `up_to` is an inclusive, cumulative upper bound; the last tier's is null (no limit) or a bound
 * that a larger quantity passes, priced at the last tier (as Kill Bill does). A tier prices per
 * unit (`unit_amount`) or per started block (`block_size` units for `block_amount`), never both.
 */
export type Tier = {
  up_to: DecimalString | null
  unit_amount?: DecimalString
  flat_amount?: DecimalString
  block_size?: DecimalString
  block_amount?: DecimalString
}

/** A tier of graduated percentage pricing: a percent of the units in it, plus a flat fee. */
export type PercentageTier = {
  up_to: DecimalString | null
  rate_percent: DecimalString
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
/**
 * A percent of each event's value (Lago's percentage model): a fixed fee per event, the first
 * events or the first amount free (whichever runs out first), each event's charge clamped.
 */
export type PercentagePricing = {
  model: 'percentage'
  rate_percent: DecimalString
  fixed_amount_per_event?: DecimalString
  free_units_per_events?: DecimalString
  free_units_per_total_aggregation?: DecimalString
  per_transaction_min_amount?: DecimalString
  per_transaction_max_amount?: DecimalString
}
export type GraduatedPercentagePricing = {
  model: 'graduated_percentage'
  tiers: PercentageTier[]
}
export type Pricing =
  | FlatPricing
  | TieredPricing
  | VolumePricing
  | PackagePricing
  | PercentagePricing
  | GraduatedPercentagePricing

/** One row of a price's breakdown: a tier, a package count, or the flat per-unit line. */
export type BreakdownRow = {
  /** What the row is when it is not a tier: `percentage`, `fixed fees`, `per-transaction limits`. */
  label?: string
  /** A block tier's block size; `units` are then the whole blocks charged. */
  block_size?: DecimalString
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

/**
 * A quote request: a definition and the period's quantity, or the period's event values (one
 * each, in order) for the models that price events one by one (percentage). Either shape:
 * `{pricing: {model, ...}, quantity}` or `{model, definition, events}`.
 */
export type QuoteInput =
  | {
      pricing: Pricing
      quantity?: DecimalString
      events?: DecimalString[]
      currency: string
      rounding?: RoundingRule
    }
  | {
      model: PricingKind
      definition: Record<string, unknown>
      quantity?: DecimalString
      events?: DecimalString[]
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
