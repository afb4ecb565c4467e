import type {
  BillingInput,
  BillingPeriod,
  ComputedInvoice,
  ComputedLine,
  PlanSpan,
} from '../../../src-main/billing/compute/types'
import type { PlanTerms, UsageFeature } from '../../../src-shared/domain/catalog'

/**
 * Shared inputs for the invoice golden tests. October 2026 in UTC has 31 days, so a base fee of
 * 31.00 is 1.00 a day and most proration can be checked at a glance.
 */
export const at = (iso: string): Date => new Date(iso)

export const october: BillingPeriod = {
  start: at('2026-10-01T00:00:00Z'),
  end: at('2026-11-01T00:00:00Z'),
  key: '2026-10',
}

export const september: BillingPeriod = {
  start: at('2026-09-01T00:00:00Z'),
  end: at('2026-10-01T00:00:00Z'),
  key: '2026-09',
}

export const apiCalls: UsageFeature = {
  code: 'api_calls',
  name: 'API calls',
  unit: 'call',
  type: 'usage',
  includedUnits: '10000',
  pricing: { model: 'flat', unit_amount: '0.002' },
}

export const terms = (patch: Partial<PlanTerms> = {}): PlanTerms => ({
  currency: 'USD',
  interval: { unit: 'month', count: 1 },
  basePriceMinor: 3100,
  trialDays: 0,
  rounding: 'half_up',
  features: [],
  ...patch,
})

export const span = (
  planName: string,
  planTerms: PlanTerms,
  from = october.start,
  to = october.end,
  version = 1,
): PlanSpan => ({
  planId: planName.toLowerCase(),
  planName,
  version,
  terms: planTerms,
  from,
  to,
})

export const input = (patch: Partial<BillingInput> = {}): BillingInput => ({
  period: october,
  timeZone: 'UTC',
  customer: {
    externalId: 'acme',
    name: 'Acme Ltd',
    currency: 'USD',
    taxRegion: 'US-NY',
    taxExempt: false,
    overrides: [],
  },
  spans: [span('Starter', terms())],
  trialEndedAt: null,
  usage: {},
  late: [],
  discounts: [],
  creditBalanceMinor: 0,
  tax: null,
  manualLines: [],
  ...patch,
})

/** Kind, description and amount of each line: what most golden tests pin. */
export const summary = (invoice: ComputedInvoice) =>
  invoice.lines.map((l) => [l.kind, l.description, l.amountMinor] as const)

export const linesOf = (invoice: ComputedInvoice, kind: ComputedLine['kind']): ComputedLine[] =>
  invoice.lines.filter((l) => l.kind === kind)

export const manualLine = (description: string, amountMinor: number): ComputedLine => ({
  kind: 'manual',
  featureCode: null,
  description,
  quantity: '1',
  unit: null,
  unitAmount: null,
  amountMinor,
  breakdown: [],
  periodStart: october.start.toISOString(),
  periodEnd: october.end.toISOString(),
})
