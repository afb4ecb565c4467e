import { z } from 'zod'
import type { Interval, Plan, PlanTerms } from '../../src-shared/domain/catalog'
import { IsoDate, PlanId } from '../../src-shared/domain/catalog-inputs'
import { roundingRules } from '../../src-shared/domain/pricing'
import { isCurrency, parseMajor, toMajor } from '../../src-shared/money'
import { termsOf } from '../../src-shared/domain/catalog'
import { latestPublished } from './plans'
import {
  CurrencySchema,
  DecimalSchema,
  FeaturesSchema,
  IntervalSchema,
  wholeNumber,
} from './schemas'

/** A plan as the catalog document states it; what import turns into a published version. */
export type DocumentPlan = { id: string; name: string; terms: PlanTerms; effectiveFrom: string }

export const meteringWindows = ['monthly', 'annual', 'custom'] as const
const windowInterval: Record<(typeof meteringWindows)[number], Interval | undefined> = {
  monthly: { unit: 'month', count: 1 },
  annual: { unit: 'year', count: 1 },
  custom: undefined,
}

const IntervalDoc = z.union([
  z.enum(['day', 'month', 'year']).transform((unit): Interval => ({ unit, count: 1 })),
  IntervalSchema,
])

const PlanDoc = z.strictObject({
  id: PlanId,
  name: z.string().trim().min(1, 'must not be empty').max(200),
  currency: CurrencySchema,
  interval: IntervalDoc.optional(),
  /** Major units, e.g. "49.00": converted exactly to minor units. */
  basePrice: DecimalSchema,
  trialDays: wholeNumber(0, 3650).default(0),
  gracePeriodDays: wholeNumber(0, 365).optional(),
  /** Major units like basePrice; the least a period is billed. */
  minimumCommitment: DecimalSchema.optional(),
  roundingRule: z.enum(roundingRules).optional(),
  effectiveDate: IsoDate.optional(),
  customContract: z.boolean().optional(),
  features: FeaturesSchema.default([]),
})

/** Meterbook's own catalog document (see the README for an example). */
export const NativeDocumentSchema = z
  .strictObject({
    version: z.string().optional(),
    effectiveDate: IsoDate.optional(),
    roundingRule: z.enum(roundingRules).default('half_up'),
    meteringWindow: z.enum(meteringWindows).default('monthly'),
    plans: z.array(PlanDoc),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>()
    doc.plans.forEach((plan, index) => {
      if (seen.has(plan.id)) {
        ctx.addIssue({ code: 'custom', path: ['plans', index, 'id'], message: 'is listed twice' })
      }
      seen.add(plan.id)
      if (isCurrency(plan.currency) && parseMajor(plan.basePrice, plan.currency) === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['plans', index, 'basePrice'],
          message: `has more decimals than ${plan.currency} allows`,
        })
      }
      if (
        plan.minimumCommitment !== undefined &&
        isCurrency(plan.currency) &&
        parseMajor(plan.minimumCommitment, plan.currency) === undefined
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['plans', index, 'minimumCommitment'],
          message: `has more decimals than ${plan.currency} allows`,
        })
      }
      if (!plan.interval && !windowInterval[doc.meteringWindow]) {
        ctx.addIssue({
          code: 'custom',
          path: ['plans', index, 'interval'],
          message: 'is required when meteringWindow is custom',
        })
      }
    })
  })

export const fromNativeDocument = (
  doc: z.output<typeof NativeDocumentSchema>,
  today: string,
): DocumentPlan[] =>
  doc.plans.map((plan) => ({
    id: plan.id,
    name: plan.name,
    effectiveFrom: plan.effectiveDate ?? doc.effectiveDate ?? today,
    terms: {
      currency: plan.currency,
      // Both are checked by the schema's refinement above.
      interval: plan.interval ?? windowInterval[doc.meteringWindow] ?? { unit: 'month', count: 1 },
      basePriceMinor: parseMajor(plan.basePrice, plan.currency) ?? 0,
      trialDays: plan.trialDays,
      ...(plan.gracePeriodDays === undefined ? {} : { gracePeriodDays: plan.gracePeriodDays }),
      ...(plan.minimumCommitment === undefined
        ? {}
        : // Checked by the schema's refinement above.
          { minimumCommitmentMinor: parseMajor(plan.minimumCommitment, plan.currency) ?? 0 }),
      rounding: plan.roundingRule ?? doc.roundingRule,
      features: plan.features,
      ...(plan.customContract === undefined ? {} : { customContract: plan.customContract }),
    },
  }))

const meteringWindowOf = (intervals: Interval[]): (typeof meteringWindows)[number] => {
  if (intervals.every((i) => i.unit === 'month' && i.count === 1)) return 'monthly'
  if (intervals.every((i) => i.unit === 'year' && i.count === 1)) return 'annual'
  return 'custom'
}

/**
 * The catalog as a document: every plan's newest published version. Deterministic, so exporting,
 * importing elsewhere and exporting again gives the same text.
 */
export const toNativeDocument = (plans: Plan[]): Record<string, unknown> => {
  const published = plans.flatMap((plan) => {
    const version = latestPublished(plan)
    return version ? [{ plan, version, terms: termsOf(version) }] : []
  })
  const dates = published.map((p) => p.version.effectiveFrom ?? '').sort()
  return {
    version: '1',
    ...(dates.length > 0 ? { effectiveDate: dates[dates.length - 1] } : {}),
    roundingRule: 'half_up',
    meteringWindow: meteringWindowOf(published.map((p) => p.terms.interval)),
    plans: published.map(({ plan, version, terms }) => ({
      id: plan.id,
      name: plan.name,
      currency: terms.currency,
      interval: terms.interval.count === 1 ? terms.interval.unit : terms.interval,
      basePrice: toMajor(terms.basePriceMinor, terms.currency),
      trialDays: terms.trialDays,
      ...(terms.gracePeriodDays === undefined ? {} : { gracePeriodDays: terms.gracePeriodDays }),
      ...(terms.minimumCommitmentMinor === undefined
        ? {}
        : { minimumCommitment: toMajor(terms.minimumCommitmentMinor, terms.currency) }),
      roundingRule: terms.rounding,
      effectiveDate: version.effectiveFrom,
      ...(terms.customContract === undefined ? {} : { customContract: terms.customContract }),
      features: terms.features,
    })),
  }
}
