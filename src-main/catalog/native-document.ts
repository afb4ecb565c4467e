import { z } from 'zod'
import type { Interval, Plan, PlanTerms } from '../../src-shared/domain/catalog'
import { PlanId } from '../../src-shared/domain/catalog-inputs'
import { roundingRules, type RoundingRule } from '../../src-shared/domain/pricing'
import type { CatalogDocumentHeader } from '../../src-shared/domain/settings'
import { isCurrency, parseMajor, toMajor } from '../../src-shared/money'
import { termsOf } from '../../src-shared/domain/catalog'
import { effectiveDayOf, EffectiveDateSchema } from './effective-date'
import { latestPublished } from './plans'
import {
  CurrencySchema,
  DecimalSchema,
  FeaturesSchema,
  IntervalSchema,
  wholeNumber,
} from './schemas'

/**
 * A plan as the catalog document states it; what import turns into a published version.
 * `sourceOf` maps a path in the terms (`features[3].code`) to where the user wrote it
 * (`tiers[0].features[1]`), so every error names a line of their file.
 */
export type DocumentPlan = {
  id: string
  name: string
  terms: PlanTerms
  effectiveFrom: string
  sourceOf: (path: readonly PropertyKey[]) => PropertyKey[]
}

/** A document read: its plans, what it sets in Settings, and its header as written. */
export type DocumentRead = {
  plans: DocumentPlan[]
  warnings: string[]
  tax?: { defaultRatePercent?: string; exemptRegions?: string[] }
  header: CatalogDocumentHeader
}

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
  effectiveDate: EffectiveDateSchema.optional(),
  customContract: z.boolean().optional(),
  features: FeaturesSchema.default([]),
})

/** Meterbook's own catalog document (see the README for an example). */
export const NativeDocumentSchema = z
  .strictObject({
    version: z.string().optional(),
    effectiveDate: EffectiveDateSchema.optional(),
    // `nearest` is the simpler document's name for half_up: an exported header keeps its word.
    roundingRule: z.enum([...roundingRules, 'nearest']).optional(),
    meteringWindow: z.enum(meteringWindows).optional(),
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
      if (!plan.interval && !windowInterval[doc.meteringWindow ?? 'monthly']) {
        ctx.addIssue({
          code: 'custom',
          path: ['plans', index, 'interval'],
          message: 'is required when meteringWindow is custom',
        })
      }
    })
  })

// Terms are named for the ledger (minor units); the document names them for people.
const documentKeys: Record<string, string> = {
  basePriceMinor: 'basePrice',
  minimumCommitmentMinor: 'minimumCommitment',
  rounding: 'roundingRule',
}

const topRounding = (rule: RoundingRule | 'nearest' | undefined): RoundingRule =>
  rule === undefined || rule === 'nearest' ? 'half_up' : rule

export const fromNativeDocument = (
  doc: z.output<typeof NativeDocumentSchema>,
  today: string,
  timeZone: string,
): DocumentRead => ({
  plans: doc.plans.map((plan, index) => {
    const date = plan.effectiveDate ?? doc.effectiveDate
    return {
      id: plan.id,
      name: plan.name,
      effectiveFrom: date ? effectiveDayOf(date, timeZone) : today,
      terms: {
        currency: plan.currency,
        // Both are checked by the schema's refinement above.
        interval: plan.interval ??
          windowInterval[doc.meteringWindow ?? 'monthly'] ?? { unit: 'month', count: 1 },
        basePriceMinor: parseMajor(plan.basePrice, plan.currency) ?? 0,
        trialDays: plan.trialDays,
        ...(plan.gracePeriodDays === undefined ? {} : { gracePeriodDays: plan.gracePeriodDays }),
        ...(plan.minimumCommitment === undefined
          ? {}
          : // Checked by the schema's refinement above.
            { minimumCommitmentMinor: parseMajor(plan.minimumCommitment, plan.currency) ?? 0 }),
        rounding: plan.roundingRule ?? topRounding(doc.roundingRule),
        features: plan.features,
        ...(plan.customContract === undefined ? {} : { customContract: plan.customContract }),
      },
      sourceOf: ([key, ...rest]) => [
        'plans',
        index,
        ...(typeof key === 'string' ? [documentKeys[key] ?? key] : []),
        ...rest,
      ],
    }
  }),
  warnings: [],
  header: {
    version: doc.version ?? null,
    effectiveDate: doc.effectiveDate ?? null,
    meteringWindow: doc.meteringWindow ?? null,
    roundingRule: doc.roundingRule ?? null,
  },
})

const meteringWindowOf = (intervals: Interval[]): (typeof meteringWindows)[number] => {
  if (intervals.every((i) => i.unit === 'month' && i.count === 1)) return 'monthly'
  if (intervals.every((i) => i.unit === 'year' && i.count === 1)) return 'annual'
  return 'custom'
}

/**
 * The catalog as a document: every plan's newest published version. Deterministic, so exporting,
 * importing elsewhere and exporting again gives the same text.
 */
export const toNativeDocument = (
  plans: Plan[],
  header: CatalogDocumentHeader | null,
): Record<string, unknown> => {
  const published = plans.flatMap((plan) => {
    const version = latestPublished(plan)
    return version ? [{ plan, version, terms: termsOf(version) }] : []
  })
  const dates = published.map((p) => p.version.effectiveFrom ?? '').sort()
  const latest = dates[dates.length - 1]
  const effectiveDate = header?.effectiveDate ?? latest
  // The header of the document last imported comes back as it was written; every plan states
  // its own terms below, so the header is only a default on re-import.
  return {
    version: header?.version ?? '1',
    ...(effectiveDate === undefined ? {} : { effectiveDate }),
    roundingRule: header?.roundingRule ?? 'half_up',
    meteringWindow:
      header?.meteringWindow ?? meteringWindowOf(published.map((p) => p.terms.interval)),
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
