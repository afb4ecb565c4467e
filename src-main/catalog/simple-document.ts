import { z } from 'zod'
import type { Interval, PlanFeature } from '../../src-shared/domain/catalog'
import { IsoDate, PlanId } from '../../src-shared/domain/catalog-inputs'
import type { RoundingRule } from '../../src-shared/domain/pricing'
import { isCurrency, parseMajor } from '../../src-shared/money'
import type { DocumentPlan } from './native-document'
import { CurrencySchema, DecimalSchema, FeatureCode } from './schemas'

/**
 * The simpler pricing document many teams keep: a top-level `tiers:` list with included usage and
 * overage rates per metric and a list of feature names. It is translated into plans:
 * - a metric with an overage rate becomes a USAGE feature (flat price per unit beyond the included);
 * - a metric with only an included amount becomes a hard QUOTA of that amount;
 * - each feature name becomes a BOOLEAN feature, `"*"` meaning every name the document mentions.
 */
const SimpleTier = z.strictObject({
  id: PlanId,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  description: z.string().optional(),
  basePrice: DecimalSchema,
  currency: CurrencySchema,
  includedUsage: z.record(FeatureCode, DecimalSchema).default({}),
  overageRates: z.record(FeatureCode, DecimalSchema).default({}),
  features: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
  customContract: z.union([z.boolean(), z.record(z.string(), z.unknown())]).optional(),
})

export const SimpleDocumentSchema = z
  .strictObject({
    version: z.string().optional(),
    effectiveDate: IsoDate.optional(),
    meteringWindow: z.enum(['monthly', 'annual', 'custom']).default('monthly'),
    roundingRule: z.enum(['ceil', 'floor', 'nearest']).default('nearest'),
    tax: z.record(z.string(), z.unknown()).optional(),
    tiers: z.array(SimpleTier).min(1, 'must list at least one tier'),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>()
    doc.tiers.forEach((tier, index) => {
      if (seen.has(tier.id)) {
        ctx.addIssue({ code: 'custom', path: ['tiers', index, 'id'], message: 'is listed twice' })
      }
      seen.add(tier.id)
      if (isCurrency(tier.currency) && parseMajor(tier.basePrice, tier.currency) === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', index, 'basePrice'],
          message: `has more decimals than ${tier.currency} allows`,
        })
      }
    })
  })

type SimpleDocument = z.output<typeof SimpleDocumentSchema>

const rounding: Record<SimpleDocument['roundingRule'], RoundingRule> = {
  nearest: 'half_up',
  ceil: 'ceil',
  floor: 'floor',
}

const intervals: Record<SimpleDocument['meteringWindow'], Interval> = {
  monthly: { unit: 'month', count: 1 },
  annual: { unit: 'year', count: 1 },
  custom: { unit: 'month', count: 1 },
}

/** `"Single sign-on"` → `single_sign_on`: a feature name as a code usage and overrides can use. */
export const featureCodeOf = (name: string): string => {
  const code = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
  return /^[a-z]/.test(code) ? code : `f_${code}`
}

const metricFeatures = (tier: SimpleDocument['tiers'][number]): PlanFeature[] => {
  const metrics = [
    ...new Set([...Object.keys(tier.includedUsage), ...Object.keys(tier.overageRates)]),
  ]
  return metrics.sort().map((metric): PlanFeature => {
    const included = tier.includedUsage[metric]
    const rate = tier.overageRates[metric]
    if (rate === undefined) {
      return {
        code: metric,
        name: metric,
        type: 'quota',
        limit: included ?? '0',
        enforcement: 'hard',
      }
    }
    return {
      code: metric,
      name: metric,
      type: 'usage',
      ...(included === undefined ? {} : { includedUnits: included }),
      pricing: { model: 'flat', unit_amount: rate, free_units: '0' },
    }
  })
}

export const fromSimpleDocument = (
  doc: SimpleDocument,
  today: string,
): { plans: DocumentPlan[]; warnings: string[] } => {
  const warnings: string[] = []
  if (doc.tax) {
    warnings.push('The tax block was not imported: tax rates per region are set in Settings.')
  }
  if (doc.meteringWindow === 'custom') {
    warnings.push(
      'meteringWindow "custom": the plans were given a monthly interval; adjust each plan in the editor.',
    )
  }
  const allNames = [...new Set(doc.tiers.flatMap((t) => t.features.filter((f) => f !== '*')))]
  const plans = doc.tiers.map((tier): DocumentPlan => {
    const names = tier.features.includes('*') ? allNames : tier.features
    const booleans = [...new Set(names)].map((name): PlanFeature => ({
      code: featureCodeOf(name),
      name,
      type: 'boolean',
      enabled: true,
    }))
    if (tier.customContract !== undefined && typeof tier.customContract !== 'boolean') {
      warnings.push(
        `Tier ${tier.id}: the customContract terms were not imported; set them as overrides on the customers concerned.`,
      )
    }
    return {
      id: tier.id,
      name: tier.name,
      effectiveFrom: doc.effectiveDate ?? today,
      terms: {
        currency: tier.currency,
        interval: intervals[doc.meteringWindow],
        basePriceMinor: parseMajor(tier.basePrice, tier.currency) ?? 0,
        trialDays: 0,
        rounding: rounding[doc.roundingRule],
        features: [...metricFeatures(tier), ...booleans],
        ...(tier.customContract === undefined
          ? {}
          : { customContract: tier.customContract !== false }),
      },
    }
  })
  return { plans, warnings }
}
