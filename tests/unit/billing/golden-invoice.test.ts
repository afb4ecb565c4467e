import { describe, expect, it } from 'vitest'
import { computeInvoice } from '../../../src-main/billing/compute'
import type { BillingPeriod } from '../../../src-main/billing/compute/types'
import type { FeatureOverride, PlanFeature } from '../../../src-shared/domain/catalog'
import { at, input, span, summary, terms } from './invoice-fixtures'

/**
 * One invoice with everything at once, in New York time: a trial ending on 6 Oct, a change from
 * Starter to Pro on 20 Oct at 10:00 local, a contract override, tiered usage, a soft quota,
 * late usage from September, two discounts, sales tax and prepaid credit.
 */
const october: BillingPeriod = {
  start: at('2026-10-01T04:00:00Z'),
  end: at('2026-11-01T04:00:00Z'),
  key: '2026-10',
}
const september: BillingPeriod = {
  start: at('2026-09-01T04:00:00Z'),
  end: at('2026-10-01T04:00:00Z'),
  key: '2026-09',
}
const trialEnd = at('2026-10-06T04:00:00Z')
const change = at('2026-10-20T14:00:00Z') // 10:00 EDT

const starterCalls: PlanFeature = {
  code: 'api_calls',
  name: 'API calls',
  unit: 'call',
  type: 'usage',
  includedUnits: '10000',
  pricing: { model: 'flat', unit_amount: '0.002' },
}
const proCalls: PlanFeature = {
  ...starterCalls,
  pricing: {
    model: 'tiered',
    tiers: [
      { up_to: '10000', unit_amount: '0.002' },
      { up_to: null, unit_amount: '0.001' },
    ],
  },
}
const seats: PlanFeature = {
  code: 'seats',
  name: 'Seats',
  unit: 'seat',
  type: 'quota',
  limit: '5',
  enforcement: 'soft',
  pricing: { model: 'flat', unit_amount: '8' },
}
const starter = terms({ basePriceMinor: 2900, features: [starterCalls] })
const pro = terms({ basePriceMinor: 9900, features: [proCalls, seats] })
const override: FeatureOverride = { code: 'api_calls', includedUnits: '5000' }

const invoice = computeInvoice(
  input({
    period: october,
    timeZone: 'America/New_York',
    customer: { ...input().customer, overrides: [override] },
    spans: [span('Starter', starter, trialEnd, change), span('Pro', pro, change, october.end)],
    trialEndedAt: trialEnd,
    usage: { api_calls: '27500', seats: '7' },
    late: [
      {
        period: september,
        feature: starterCalls,
        terms: { currency: 'USD', rounding: 'half_up' },
        override,
        totalQuantity: '8000',
        billedQuantity: '6000',
        billedAmountMinor: 200,
      },
    ],
    discounts: [
      { id: 1, description: 'Annual loyalty 10%', kind: 'percent', value: '10' },
      { id: 2, description: 'Service credit', kind: 'fixed', value: '500' },
    ],
    creditBalanceMinor: 2000,
    tax: { region: 'US-NY', name: 'NY sales tax', ratePercent: '8.875' },
  }),
)

describe('a complete invoice', () => {
  it('has these lines', () => {
    expect(summary(invoice)).toEqual([
      // Starter from the trial end, 6–31 Oct (26 days): 2900 × 26 / 31 = 2432.26 → 2432.
      ['base', 'Starter base fee, 6–31 Oct 2026 (26 of 31 days)', 2432],
      // The change's day goes to Pro: 20–31 Oct, 12 days: 2900 × 12 / 31 = 1122.58 → −1123.
      ['proration', 'Unused time on Starter, 20–31 Oct 2026 (12 of 31 days)', -1123],
      // 9900 × 12 / 31 = 3832.26 → 3832.
      ['base', 'Pro base fee, 20–31 Oct 2026 (12 of 31 days)', 3832],
      // Pro's tiers, 5,000 included by contract: 22,500 = 10,000 × 0.002 + 12,500 × 0.001 = 32.50.
      ['usage', 'API calls: 27,500 used, 5,000 included', 3250],
      // 7 seats, 5 in the quota: 2 × 8.00.
      ['usage', 'Seats: 7 used, 2 over the quota of 5', 1600],
      // September on Starter's terms: (8,000 − 5,000) × 0.002 = 6.00, less 2.00 billed.
      ['adjustment', 'Late usage for 1–30 Sep 2026: API calls +2,000', 400],
    ])
  })

  it('shows the tier breakdown of the usage line', () => {
    expect(invoice.lines[3]).toMatchObject({
      quantity: '22500',
      unit: 'call',
      unitAmount: null,
      breakdown: [
        { tier: 1, from: '0', to: '10000', units: '10000', unit_amount: '0.002', subtotal: '20' },
        {
          tier: 2,
          from: '10000',
          to: null,
          units: '12500',
          unit_amount: '0.001',
          subtotal: '12.5',
        },
      ],
      periodStart: '2026-10-01T04:00:00.000Z',
      periodEnd: '2026-11-01T04:00:00.000Z',
    })
  })

  it('adds up exactly', () => {
    // Subtotal 2432 − 1123 + 3832 + 3250 + 1600 + 400 = 10391.
    // 10% of 103.91 = 10.391 → 10.39; then 5.00: discount 15.39, leaving 88.52.
    // Tax 8.875% of 88.52 = 7.85615 → 7.86. Credit 20.00 of 96.38. Total 76.38.
    expect(invoice.discounts).toEqual([
      { discountId: 1, description: 'Annual loyalty 10%', amountMinor: 1039 },
      { discountId: 2, description: 'Service credit', amountMinor: 500 },
    ])
    expect(invoice.totals).toEqual({
      subtotalMinor: 10391,
      discountMinor: 1539,
      creditMinor: 2000,
      taxMinor: 786,
      totalMinor: 7638,
    })
    expect(invoice.tax).toEqual({ region: 'US-NY', name: 'NY sales tax', ratePercent: '8.875' })
  })

  it('explains itself', () => {
    expect(invoice.notes).toEqual([
      'The trial ended on 6 Oct 2026: billing starts that day.',
      'The plan changed from Starter to Pro on 20 Oct 2026: unused time on Starter is credited and Pro is charged for its days.',
      'Billed for 26 of 31 days.',
    ])
  })
})
