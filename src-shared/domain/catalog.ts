import type { Aggregation } from './aggregation'
import type { DecimalString, Pricing, RoundingRule } from './pricing'

/**
 * The catalog's shapes. Deep validation (pricing definitions, limits, currencies) is main's job:
 * src-main/catalog/schemas.ts; these types are what crosses the contract.
 */
export const intervalUnits = ['day', 'month', 'year'] as const
export type Interval = { unit: (typeof intervalUnits)[number]; count: number }

export const featureTypes = ['usage', 'quota', 'rate', 'boolean'] as const
export type FeatureType = (typeof featureTypes)[number]

export const windowUnits = ['second', 'minute', 'hour', 'day'] as const
export type RateWindow = { unit: (typeof windowUnits)[number]; count: number }

type FeatureBase = {
  /** The metric code usage events carry, e.g. `api_calls`. */
  code: string
  name: string
  unit?: string
}

/**
 * A metered feature says how its events become its quantity: `sum` when absent; `unique_count`
 * counts the distinct values of the event property `aggregationProperty` (e.g. `user_id`).
 */
type MeteredBase = FeatureBase & { aggregation?: Aggregation; aggregationProperty?: string }

/** Charged on consumption; `includedUnits` are free each period. */
export type UsageFeature = MeteredBase & {
  type: 'usage'
  includedUnits?: DecimalString
  pricing: Pricing
  alertThresholds?: number[]
}

/** A limit per billing period: `hard` blocks beyond it, `soft` charges the overage by `pricing`. */
export type QuotaFeature = MeteredBase & {
  type: 'quota'
  limit: DecimalString
  enforcement: 'hard' | 'soft'
  pricing?: Pricing
  alertThresholds?: number[]
}

/** A limit per time window (100 per hour), reset when the window passes. */
export type RateFeature = FeatureBase & {
  type: 'rate'
  limit: DecimalString
  window: RateWindow
  windowMode: 'fixed' | 'sliding'
  alertThresholds?: number[]
}

export type BooleanFeature = FeatureBase & { type: 'boolean'; enabled: boolean }

export type PlanFeature = UsageFeature | QuotaFeature | RateFeature | BooleanFeature

/** What a plan version fixes for its subscribers. */
export type PlanTerms = {
  currency: string
  interval: Interval
  /** The base fee per interval, in the currency's minor unit. */
  basePriceMinor: number
  trialDays: number
  /** Days a subscription stays past_due before it is suspended (dunning). Default 14. */
  gracePeriodDays?: number
  /** The least a period is billed (base fee and usage, before discounts and tax): a true-up line makes up the difference. */
  minimumCommitmentMinor?: number
  rounding: RoundingRule
  features: PlanFeature[]
  /** Prices are negotiated per customer: subscribers are expected to carry overrides. */
  customContract?: boolean
}

export type PlanVersion = PlanTerms & {
  version: number
  status: 'draft' | 'published'
  /** `YYYY-MM-DD`; null while a draft. */
  effectiveFrom: string | null
  createdAt: string
  publishedAt: string | null
  publishedBy: string | null
}

/** A plan with its versions, newest first (a draft, if any, comes first). */
export type Plan = { id: string; name: string; versions: PlanVersion[] }

export type PlanSummary = {
  id: string
  name: string
  /** The newest published version, or null if none is published yet. */
  current:
    | (Pick<
        PlanVersion,
        'version' | 'effectiveFrom' | 'currency' | 'basePriceMinor' | 'interval'
      > & {
        featureCount: number
      })
    | null
  hasDraft: boolean
}

/** A customer's custom contract for one feature: what it sets wins over the plan. */
export type FeatureOverride = {
  code: string
  limit?: DecimalString
  includedUnits?: DecimalString
  pricing?: Pricing
  enabled?: boolean
}

export type CatalogImportResult = {
  plans: { id: string; outcome: 'created' | 'new_version' | 'unchanged'; version: number }[]
  /** What the document said that Meterbook keeps elsewhere or interprets (e.g. a tax block). */
  warnings: string[]
}

export type DocumentFormat = 'yaml' | 'json'

/** A version's terms alone, in a stable key order: what versions are compared and edited by. */
export const termsOf = (version: PlanVersion): PlanTerms => ({
  currency: version.currency,
  interval: version.interval,
  basePriceMinor: version.basePriceMinor,
  trialDays: version.trialDays,
  ...(version.gracePeriodDays === undefined ? {} : { gracePeriodDays: version.gracePeriodDays }),
  ...(version.minimumCommitmentMinor === undefined
    ? {}
    : { minimumCommitmentMinor: version.minimumCommitmentMinor }),
  rounding: version.rounding,
  features: version.features,
  ...(version.customContract === undefined ? {} : { customContract: version.customContract }),
})
