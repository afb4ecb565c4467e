import { z } from 'zod'
import type { FeatureOverride, PlanFeature } from './catalog'
import { DecimalText } from './catalog-inputs'
import type { Pricing } from './pricing'

/**
 * The per-customer override editor's form: one row per feature of the customer's plan version,
 * every field text as typed, blank meaning "the plan's". Decimals are checked by the contract's
 * own DecimalText, so a message reads the same under the field as from the server.
 */
const blankOr = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional())

export const overrideSwitches = ['plan', 'on', 'off'] as const

export const OverrideRowSchema = z.object({
  code: z.string(),
  includedUnits: blankOr(DecimalText),
  limit: blankOr(DecimalText),
  /** Per unit (flat or a flat contract price over tiers), or per package for package pricing. */
  price: blankOr(DecimalText),
  /** 'plan': as the plan says; on/off: switched for this customer. */
  enabled: z.enum(overrideSwitches),
  /** Contract pricing the editor cannot show as one price (tiers set by an import): kept as is. */
  keptPricing: z.custom<Pricing>().optional(),
})

export const OverridesFormSchema = z.object({ features: z.array(OverrideRowSchema) })
export type OverridesFormInput = z.input<typeof OverridesFormSchema>
export type OverridesFormOutput = z.output<typeof OverridesFormSchema>
type Row = z.output<typeof OverrideRowSchema>

/** The plan's price as the editor's single price field reads it, or null when it has none. */
export const planPrice = (feature: PlanFeature): string | null => {
  const pricing = 'pricing' in feature ? feature.pricing : undefined
  if (!pricing) return null
  if (pricing.model === 'flat') return pricing.unit_amount
  if (pricing.model === 'package') return pricing.package_amount
  return null
}

/** What one price typed in the editor means for the feature's pricing. */
const pricingFor = (feature: PlanFeature, price: string): Pricing => {
  const plan = 'pricing' in feature ? feature.pricing : undefined
  if (plan?.model === 'flat') return { ...plan, unit_amount: price }
  if (plan?.model === 'package') return { ...plan, package_amount: price }
  // Tiers and percentages have no one price: a contract price per unit replaces them.
  return { model: 'flat', unit_amount: price }
}

/** The price field's text for a stored override, or null when it cannot be one field. */
const priceOf = (feature: PlanFeature, pricing: Pricing): string | null => {
  const plan = 'pricing' in feature ? feature.pricing : undefined
  if (pricing.model === 'package' && plan?.model === 'package') {
    const same =
      pricing.package_size === plan.package_size &&
      pricing.free_units === plan.free_units &&
      pricing.rounding === plan.rounding
    return same ? pricing.package_amount : null
  }
  if (pricing.model !== 'flat') return null
  const sameFree =
    plan?.model === 'flat' ? plan.free_units === pricing.free_units : !pricing.free_units
  return sameFree ? pricing.unit_amount : null
}

/** The form's rows for the plan's features, filled from the customer's stored overrides. */
export const overridesForm = (
  features: readonly PlanFeature[],
  overrides: readonly FeatureOverride[],
): OverridesFormInput => ({
  features: features.map((feature) => {
    const o = overrides.find((candidate) => candidate.code === feature.code)
    const price = o?.pricing ? priceOf(feature, o.pricing) : null
    return {
      code: feature.code,
      includedUnits: o?.includedUnits ?? '',
      limit: o?.limit ?? '',
      price: price ?? '',
      enabled: o?.enabled === undefined ? 'plan' : o.enabled ? 'on' : 'off',
      ...(o?.pricing && price === null ? { keptPricing: o.pricing } : {}),
    }
  }),
})

/**
 * The overrides to save: a row that sets nothing is no override at all (the plan's terms apply),
 * and overrides of features the plan no longer has are kept as they were.
 */
export const overridesOf = (
  features: readonly PlanFeature[],
  form: OverridesFormOutput,
  stored: readonly FeatureOverride[],
): FeatureOverride[] => {
  const rows = new Map<string, Row>(form.features.map((row) => [row.code, row]))
  const others = stored.filter((o) => !features.some((f) => f.code === o.code))
  const edited = features.flatMap((feature): FeatureOverride[] => {
    const row = rows.get(feature.code)
    if (!row) return []
    const pricing = row.price !== undefined ? pricingFor(feature, row.price) : row.keptPricing
    const override: FeatureOverride = {
      code: feature.code,
      ...(row.limit === undefined ? {} : { limit: row.limit }),
      ...(row.includedUnits === undefined ? {} : { includedUnits: row.includedUnits }),
      ...(pricing === undefined ? {} : { pricing }),
      ...(row.enabled === 'plan' ? {} : { enabled: row.enabled === 'on' }),
    }
    return Object.keys(override).length > 1 ? [override] : []
  })
  return [...edited, ...others]
}
