import { z } from 'zod'
import {
  intervalUnits,
  windowUnits,
  type PlanFeature,
  type PlanTerms,
} from '../../src-shared/domain/catalog'
import { aggregations } from '../../src-shared/domain/aggregation'
import { roundingRules } from '../../src-shared/domain/pricing'
import { isCurrency } from '../../src-shared/money'
import { PricingSchema } from '../pricing'

/** A non-negative decimal string: quantities and limits, never floats. */
export const DecimalSchema = z
  .string('must be a decimal number written as text, e.g. "1000"')
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal number')

export const CurrencySchema = z
  .string()
  .refine(isCurrency, 'must be an ISO 4217 currency code such as USD')

/**
 * A whole number. Documents keep every number as its source text (so decimals stay exact), hence
 * digit strings are accepted too.
 */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value),
    z
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  )

export const FeatureCode = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'must start with a letter: lowercase letters, digits, _ . -')

const Thresholds = z.array(wholeNumber(1, 1000)).max(10)

const base = {
  code: FeatureCode,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  unit: z.string().max(40).optional(),
}

/** How a metered feature's events become its quantity (see src-shared/domain/aggregation.ts). */
const metered = {
  aggregation: z.enum(aggregations).optional(),
  /** The event property `unique_count` counts the distinct values of, e.g. `user_id`. */
  aggregationProperty: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'must be a property name such as user_id')
    .optional(),
}

/** A property only means something to `unique_count`, and `unique_count` needs one. */
const checkAggregation = (
  feature: { aggregation?: string | undefined; aggregationProperty?: string | undefined },
  ctx: z.RefinementCtx,
): void => {
  const unique = feature.aggregation === 'unique_count'
  if (unique && feature.aggregationProperty === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['aggregationProperty'],
      message: 'is required for unique_count: the event property whose distinct values count',
    })
  if (!unique && feature.aggregationProperty !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['aggregationProperty'],
      message: 'only applies to aggregation: unique_count',
    })
}

const UsageFeatureSchema = z
  .strictObject({
    ...base,
    type: z.literal('usage'),
    ...metered,
    includedUnits: DecimalSchema.optional(),
    pricing: PricingSchema,
    alertThresholds: Thresholds.optional(),
  })
  .superRefine(checkAggregation)

const QuotaFeatureSchema = z
  .strictObject({
    ...base,
    type: z.literal('quota'),
    ...metered,
    limit: DecimalSchema,
    enforcement: z.enum(['hard', 'soft']),
    pricing: PricingSchema.optional(),
    alertThresholds: Thresholds.optional(),
  })
  .superRefine((feature, ctx) => {
    checkAggregation(feature, ctx)
    if (feature.enforcement === 'soft' && !feature.pricing) {
      ctx.addIssue({
        code: 'custom',
        path: ['pricing'],
        message: 'a soft quota needs pricing for the overage',
      })
    }
  })

const RateFeatureSchema = z.strictObject({
  ...base,
  type: z.literal('rate'),
  limit: DecimalSchema,
  window: z.strictObject({
    unit: z.enum(windowUnits),
    count: wholeNumber(1, 100_000),
  }),
  windowMode: z.enum(['fixed', 'sliding']),
  alertThresholds: Thresholds.optional(),
})

const BooleanFeatureSchema = z.strictObject({
  ...base,
  type: z.literal('boolean'),
  enabled: z.boolean(),
})

export const FeatureSchema = z.discriminatedUnion('type', [
  UsageFeatureSchema,
  QuotaFeatureSchema,
  RateFeatureSchema,
  BooleanFeatureSchema,
])

/** A plan's features: each code once, since usage events name features by code. */
export const FeaturesSchema = z
  .array(FeatureSchema)
  .max(500)
  .superRefine((features, ctx) => {
    const seen = new Map<string, number>()
    features.forEach((feature, index) => {
      const first = seen.get(feature.code)
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'code'],
          message: `duplicates the code of features[${first}]`,
        })
      } else seen.set(feature.code, index)
    })
  })

export const IntervalSchema = z.strictObject({
  unit: z.enum(intervalUnits),
  count: wholeNumber(1, 3650),
})

/** Everything a plan version fixes, validated deeply (pricing by the models' own schemas). */
export const PlanTermsSchema = z.strictObject({
  currency: CurrencySchema,
  interval: IntervalSchema,
  basePriceMinor: wholeNumber(0, Number.MAX_SAFE_INTEGER),
  trialDays: wholeNumber(0, 3650),
  /** Days past_due before suspension; omitted means the default (14) where it is read. */
  gracePeriodDays: wholeNumber(0, 365).optional(),
  minimumCommitmentMinor: wholeNumber(0, Number.MAX_SAFE_INTEGER).optional(),
  rounding: z.enum(roundingRules),
  features: FeaturesSchema,
  customContract: z.boolean().optional(),
})

export type ParsedPlanTerms = z.output<typeof PlanTermsSchema>
export type { PlanFeature, PlanTerms }
