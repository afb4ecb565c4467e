import { z } from 'zod'
import type { Interval, PlanFeature } from '../../src-shared/domain/catalog'
import { PlanId } from '../../src-shared/domain/catalog-inputs'
import type { RoundingRule } from '../../src-shared/domain/pricing'
import { isCurrency, parseMajor } from '../../src-shared/money'
import { effectiveDayOf, EffectiveDateSchema } from './effective-date'
import type { DocumentPlan, DocumentRead } from './native-document'
import { CurrencySchema, DecimalSchema, FeatureCode } from './schemas'
import { SimpleTaxSchema, taxOfDocument } from './simple-tax'

/**
 * The simpler pricing document many teams keep (the pricing-architecture template): a top-level
 * `tiers:` list with included usage and overage rates per metric and a list of feature names. It
 * is translated into plans:
 * - a metric with an overage rate becomes a USAGE feature (flat price per unit beyond the included);
 * - a metric with only an included amount becomes a hard QUOTA of that amount;
 * - each other feature name becomes a BOOLEAN feature; a name that is a metric is simply granted;
 * - `"*"` grants every name and every metric the catalog knows (the document's and the published
 *   plans' already in the ledger), metrics at a price of zero that the customer's contract
 *   (`customContract: true`) sets.
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

export const simpleRoundingRules = ['ceil', 'floor', 'nearest'] as const

export const SimpleDocumentSchema = z
  .strictObject({
    version: z.string().optional(),
    effectiveDate: EffectiveDateSchema.optional(),
    meteringWindow: z.enum(['monthly', 'annual', 'custom']).optional(),
    roundingRule: z.enum(simpleRoundingRules).optional(),
    tax: SimpleTaxSchema.optional(),
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
type SimpleTierDoc = SimpleDocument['tiers'][number]

const rounding: Record<(typeof simpleRoundingRules)[number], RoundingRule> = {
  nearest: 'half_up',
  ceil: 'ceil',
  floor: 'floor',
}

const intervals: Record<NonNullable<SimpleDocument['meteringWindow']>, Interval> = {
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

/** A converted feature and where the user wrote it, so an error points into their file. */
type Sourced = { feature: PlanFeature; source: PropertyKey[] }

const metricsOf = (tier: SimpleTierDoc): string[] => [
  ...new Set([...Object.keys(tier.includedUsage), ...Object.keys(tier.overageRates)]),
]

const metricFeatures = (tier: SimpleTierDoc, at: PropertyKey[]): Sourced[] =>
  metricsOf(tier)
    .sort()
    .map((metric): Sourced => {
      const included = tier.includedUsage[metric]
      const rate = tier.overageRates[metric]
      if (rate === undefined) {
        // Included usage with no price beyond it: a quota that blocks, not a free allowance.
        const feature: PlanFeature = {
          code: metric,
          name: metric,
          type: 'quota',
          limit: included ?? '0',
          enforcement: 'hard',
        }
        return { feature, source: [...at, 'includedUsage', metric] }
      }
      const feature: PlanFeature = {
        code: metric,
        name: metric,
        type: 'usage',
        ...(included === undefined ? {} : { includedUnits: included }),
        pricing: { model: 'flat', unit_amount: rate, free_units: '0' },
      }
      return { feature, source: [...at, 'overageRates', metric] }
    })

/**
 * A metric the tier grants without pricing it (named in `features`, or by `"*"`): metered at a
 * price of zero, so its events are accepted and a contract override can price it.
 */
const grantedMetric = (metric: string, source: PropertyKey[], known?: PlanFeature): Sourced => ({
  feature: {
    code: metric,
    name: known?.name ?? metric,
    ...(known?.unit === undefined ? {} : { unit: known.unit }),
    type: 'usage',
    // A metric the ledger already meters keeps how its events become a quantity.
    ...(known?.type === 'usage' || known?.type === 'quota'
      ? {
          ...(known.aggregation ? { aggregation: known.aggregation } : {}),
          ...(known.aggregationProperty ? { aggregationProperty: known.aggregationProperty } : {}),
        }
      : {}),
    pricing: { model: 'flat', unit_amount: '0', free_units: '0' },
  },
  source,
})

/**
 * What `"*"` may grant: the document's metrics and feature names, and every feature of the
 * published plans already in the ledger (by code), so an all-inclusive tier also covers metrics
 * the document itself does not mention.
 */
type Known = { names: string[]; metrics: string[]; ledger: Map<string, PlanFeature> }

const tierFeatures = (tier: SimpleTierDoc, index: number, known: Known): Sourced[] => {
  const at: PropertyKey[] = ['tiers', index]
  const priced = metricFeatures(tier, at)
  const codes = new Set(priced.map((p) => p.feature.code))
  const granted: Sourced[] = []
  const star = tier.features.indexOf('*')
  const named =
    star >= 0
      ? [
          ...known.metrics.map((name) => ({ name, source: [...at, 'features', star] })),
          ...known.names.map((name) => ({ name, source: [...at, 'features', star] })),
        ]
      : tier.features.map((name, i) => ({ name, source: [...at, 'features', i] }))
  for (const { name, source } of named) {
    const code = known.metrics.includes(name) ? name : featureCodeOf(name)
    if (codes.has(code)) continue
    codes.add(code)
    granted.push(
      known.metrics.includes(name)
        ? grantedMetric(name, source, known.ledger.get(name))
        : { feature: { code, name, type: 'boolean', enabled: true }, source },
    )
  }
  if (star >= 0) {
    for (const feature of known.ledger.values()) {
      if (codes.has(feature.code)) continue
      codes.add(feature.code)
      const source = [...at, 'features', star]
      granted.push(
        feature.type === 'boolean'
          ? {
              feature: { code: feature.code, name: feature.name, type: 'boolean', enabled: true },
              source,
            }
          : grantedMetric(feature.code, source, feature),
      )
    }
  }
  return [...priced, ...granted]
}

/**
 * `ledgerFeatures`: the features of the published plans already in the ledger, which `"*"` also
 * grants (the document's own entries win where a code is in both).
 */
export const fromSimpleDocument = (
  doc: SimpleDocument,
  today: string,
  timeZone: string,
  ledgerFeatures: PlanFeature[] = [],
) => {
  const warnings: string[] = []
  const window = doc.meteringWindow ?? 'monthly'
  if (window === 'custom') {
    warnings.push(
      'meteringWindow "custom": the plans were given a monthly interval; adjust each plan in the editor.',
    )
  }
  const metrics = [...new Set(doc.tiers.flatMap(metricsOf))].sort()
  const names = [
    ...new Set(
      doc.tiers.flatMap((t) => t.features.filter((f) => f !== '*' && !metrics.includes(f))),
    ),
  ]
  const ledger = new Map(ledgerFeatures.map((f) => [f.code, f]))
  const effectiveFrom = doc.effectiveDate ? effectiveDayOf(doc.effectiveDate, timeZone) : today
  const plans = doc.tiers.map((tier, index): DocumentPlan => {
    const features = tierFeatures(tier, index, { names, metrics, ledger })
    if (tier.customContract !== undefined && typeof tier.customContract !== 'boolean') {
      warnings.push(
        `Tier ${tier.id}: the customContract terms were not imported; set them as overrides on the customers concerned.`,
      )
    }
    const paths = features.map((f) => f.source)
    return {
      id: tier.id,
      name: tier.name,
      effectiveFrom,
      terms: {
        currency: tier.currency,
        interval: intervals[window],
        basePriceMinor: parseMajor(tier.basePrice, tier.currency) ?? 0,
        trialDays: 0,
        rounding: rounding[doc.roundingRule ?? 'nearest'],
        features: features.map((f) => f.feature),
        ...(tier.customContract === undefined
          ? {}
          : { customContract: tier.customContract !== false }),
      },
      // A converted feature's issue is the user's entry's issue: it has no fields of its own.
      sourceOf: (path) =>
        path[0] === 'features' && typeof path[1] === 'number'
          ? (paths[path[1]] ?? ['tiers', index, 'features'])
          : ['tiers', index, ...path],
    }
  })
  const tax = doc.tax ? taxOfDocument(doc.tax, warnings) : undefined
  const read: DocumentRead = {
    plans,
    warnings,
    ...(tax ? { tax } : {}),
    header: {
      version: doc.version ?? null,
      effectiveDate: doc.effectiveDate ?? null,
      meteringWindow: doc.meteringWindow ?? null,
      roundingRule: doc.roundingRule ?? null,
    },
  }
  return read
}
