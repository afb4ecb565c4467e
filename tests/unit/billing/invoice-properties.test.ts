import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { computeInvoice } from '../../../src-main/billing/compute'
import type { ApplicableDiscount, BillingInput } from '../../../src-main/billing/compute/types'
import type { PlanFeature } from '../../../src-shared/domain/catalog'
import type { Pricing } from '../../../src-shared/domain/pricing'
import { roundingRules } from '../../../src-shared/domain/pricing'
import { input, manualLine, october, september, span, terms } from './invoice-fixtures'

const DAY = 86_400_000

/** A decimal string with up to four places. */
const decimal = (max: number) =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 9999 }))
    .map(([whole, fraction]) => `${whole}.${String(fraction).padStart(4, '0')}`)

const pricing: fc.Arbitrary<Pricing> = fc.oneof(
  decimal(2).map((unit_amount): Pricing => ({ model: 'flat', unit_amount })),
  fc
    .tuple(decimal(1), decimal(1), fc.integer({ min: 1, max: 5000 }))
    .map(([a, b, bound]): Pricing => ({
      model: 'tiered',
      tiers: [
        { up_to: String(bound), unit_amount: a, flat_amount: '1.5' },
        { up_to: null, unit_amount: b },
      ],
    })),
  fc
    .tuple(decimal(1), decimal(1), fc.integer({ min: 1, max: 5000 }))
    .map(([a, b, bound]): Pricing => ({
      model: 'volume',
      tiers: [
        { up_to: String(bound), unit_amount: a },
        { up_to: null, unit_amount: b },
      ],
    })),
  fc.tuple(fc.integer({ min: 1, max: 1000 }), decimal(50)).map(([size, amount]): Pricing => ({
    model: 'package',
    package_size: String(size),
    package_amount: amount,
  })),
)

const features = fc
  .tuple(pricing, pricing, decimal(1000))
  .map(([a, b, included]): PlanFeature[] => [
    { code: 'calls', name: 'Calls', type: 'usage', includedUnits: included, pricing: a },
    { code: 'seats', name: 'Seats', type: 'quota', limit: '5', enforcement: 'soft', pricing: b },
  ])

const discount: fc.Arbitrary<ApplicableDiscount> = fc.oneof(
  decimal(99).map((value) => ({ id: 1, description: 'Percent', kind: 'percent' as const, value })),
  decimal(100_000).map((value) => ({ id: 2, description: 'Fixed', kind: 'fixed' as const, value })),
)

const inputs: fc.Arbitrary<BillingInput> = fc
  .record({
    currency: fc.constantFrom('USD', 'JPY', 'KWD'),
    rounding: fc.constantFrom(...roundingRules),
    base: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 0, maxLength: 3 }),
    cuts: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 4, maxLength: 4 }),
    features,
    usage: fc.tuple(decimal(100_000), decimal(20)),
    late: fc.option(
      fc.tuple(decimal(50_000), decimal(50_000), fc.integer({ min: 0, max: 10_000 })),
    ),
    minimum: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
    discounts: fc.array(discount, { maxLength: 3 }),
    credit: fc.integer({ min: -1000, max: 3_000_000 }),
    tax: fc.option(decimal(30)),
    exempt: fc.boolean(),
    manual: fc.array(fc.integer({ min: -50_000, max: 50_000 }), { maxLength: 2 }),
  })
  .map((g): BillingInput => {
    // Spans cut October at sorted day offsets: a start, plan changes, a cancellation.
    const days = [...g.cuts].sort((a, b) => a - b)
    const bounds = [0, ...days.slice(0, g.base.length), 31].map(
      (d) => new Date(october.start.getTime() + d * DAY),
    )
    const spans = g.base.map((basePriceMinor, i) =>
      span(
        `Plan ${i}`,
        terms({
          currency: g.currency,
          basePriceMinor,
          rounding: g.rounding,
          features: g.features,
          ...(g.minimum === undefined ? {} : { minimumCommitmentMinor: g.minimum }),
        }),
        bounds[i],
        bounds[i + 1],
      ),
    )
    const [feature] = g.features
    return input({
      customer: { ...input().customer, currency: g.currency, taxExempt: g.exempt },
      spans,
      usage: { calls: g.usage[0], seats: g.usage[1] },
      late:
        g.late && feature
          ? [
              {
                period: september,
                feature,
                terms: { currency: g.currency, rounding: g.rounding },
                override: undefined,
                totalQuantity: g.late[0],
                billedQuantity: g.late[1],
                billedAmountMinor: g.late[2],
              },
            ]
          : [],
      discounts: g.discounts,
      creditBalanceMinor: g.credit,
      tax: g.tax === null ? null : { region: 'US-NY', name: 'Tax', ratePercent: g.tax },
      manualLines: g.manual.map((amount) => manualLine('Manual', amount)),
    })
  })

describe('invoice properties', () => {
  it('total = subtotal − discount − credit + tax, every amount an integer, none out of bounds', () => {
    fc.assert(
      fc.property(inputs, (billing) => {
        const { lines, discounts, totals } = computeInvoice(billing)
        const amounts = [
          ...lines.map((l) => l.amountMinor),
          ...discounts.map((d) => d.amountMinor),
          ...Object.values(totals),
        ]
        for (const amount of amounts) expect(Number.isSafeInteger(amount)).toBe(true)
        const { subtotalMinor, discountMinor, creditMinor, taxMinor, totalMinor } = totals
        expect(totalMinor).toBe(subtotalMinor - discountMinor - creditMinor + taxMinor)
        expect(subtotalMinor).toBe(lines.reduce((sum, l) => sum + l.amountMinor, 0))
        expect(discountMinor).toBe(discounts.reduce((sum, d) => sum + d.amountMinor, 0))
        expect(discountMinor).toBeGreaterThanOrEqual(0)
        expect(discountMinor).toBeLessThanOrEqual(Math.max(0, subtotalMinor))
        expect(taxMinor).toBeGreaterThanOrEqual(0)
        if (billing.customer.taxExempt || !billing.tax) expect(taxMinor).toBe(0)
        expect(creditMinor).toBeGreaterThanOrEqual(0)
        expect(creditMinor).toBeLessThanOrEqual(Math.max(0, billing.creditBalanceMinor))
        if (subtotalMinor - discountMinor >= 0) expect(totalMinor).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 300 },
    )
  })

  it('bills a plan kept for the whole period its exact base fee, whatever the rounding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.constantFrom(...roundingRules),
        (basePriceMinor, rounding) => {
          const invoice = computeInvoice(
            input({ spans: [span('Plan', terms({ basePriceMinor, rounding }))] }),
          )
          expect(invoice.totals.subtotalMinor).toBe(basePriceMinor)
        },
      ),
    )
  })
})
