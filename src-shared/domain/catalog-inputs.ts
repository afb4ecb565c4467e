import { z } from 'zod'
import type { PlanTerms } from './catalog'
import { pricingKinds, roundingRules, type Pricing, type QuoteInput } from './pricing'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The contract checks the envelope of what carries pricing; main checks the rest deeply with the
 * pricing models' own schemas (src-main/pricing) and reports every field the same way.
 */
export const PricingEnvelope = z.custom<Pricing>(
  (value) => isRecord(value) && (pricingKinds as readonly unknown[]).includes(value['model']),
  { message: `must be a pricing definition with a model of ${pricingKinds.join(', ')}` },
)

export const PlanTermsEnvelope = z.custom<PlanTerms>(
  (value) => isRecord(value) && Array.isArray(value['features']),
  { message: 'must be plan terms with a list of features' },
)

export const PlanId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lowercase letters, digits, - or _ (max 64)')

export const IsoDate = z.iso.date('must be a date as YYYY-MM-DD')

export const DecimalText = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal number')

const quoted = {
  quantity: z.string().optional(),
  events: z.array(z.string()).optional(),
  currency: z.string(),
  rounding: z.enum(roundingRules).optional(),
}

/** `{pricing, quantity}` or `{model, definition, events}` (see QuoteInput). */
export const QuoteInputSchema = z.union([
  z.strictObject({ pricing: PricingEnvelope, ...quoted }),
  z.strictObject({
    model: z.enum(pricingKinds, `must be one of ${pricingKinds.join(', ')}`),
    definition: z.record(z.string(), z.unknown()),
    ...quoted,
  }),
]) satisfies z.ZodType<QuoteInput, QuoteInput>

export const CurveInputSchema = z.strictObject({
  pricing: PricingEnvelope,
  currency: z.string(),
  rounding: z.enum(roundingRules).optional(),
  /** The largest quantity plotted; the curve starts at zero. */
  upTo: DecimalText,
  points: z.int().min(2).max(500).default(101),
})
