import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import { computeInvoice } from '../../../src-main/billing/compute'
import type { LateUsage } from '../../../src-main/billing/compute/types'
import type { PlanFeature } from '../../../src-shared/domain/catalog'
import { apiCalls, input, linesOf, september, span, summary, terms } from './invoice-fixtures'

// Graduated: the first 1,000 at 0.01, up to 5,000 at 0.008, beyond at 0.005.
const sms: PlanFeature = {
  code: 'sms',
  name: 'SMS',
  unit: 'message',
  type: 'usage',
  pricing: {
    model: 'tiered',
    tiers: [
      { up_to: '1000', unit_amount: '0.01' },
      { up_to: '5000', unit_amount: '0.008' },
      { up_to: null, unit_amount: '0.005' },
    ],
  },
}

const late = (patch: Partial<LateUsage>): LateUsage => ({
  period: september,
  feature: sms,
  terms: { currency: 'USD', rounding: 'half_up' },
  override: undefined,
  totalQuantity: '1200',
  billedQuantity: '900',
  billedAmountMinor: 900,
  ...patch,
})

const adjustments = (entries: LateUsage[]) =>
  linesOf(computeInvoice(input({ late: entries })), 'adjustment')

describe('late usage adjustments', () => {
  it('re-prices the whole period, so late units continue in the tier the billed ones reached', () => {
    // September billed 900 messages: 9.00. Now 1,200: 1,000 × 0.01 + 200 × 0.008 = 11.60.
    // The adjustment is 11.60 − 9.00 = 2.60, not 300 × 0.01 = 3.00.
    const [line] = adjustments([late({})])
    expect(line).toEqual({
      kind: 'adjustment',
      featureCode: 'sms',
      description: 'Late usage for 1–30 Sep 2026: SMS +300',
      quantity: '300',
      unit: 'message',
      unitAmount: null,
      amountMinor: 260,
      breakdown: [
        {
          tier: 1,
          from: '0',
          to: '1000',
          units: '1000',
          unit_amount: '0.01',
          flat_amount: '0',
          subtotal: '10',
        },
        {
          tier: 2,
          from: '1000',
          to: '5000',
          units: '200',
          unit_amount: '0.008',
          flat_amount: '0',
          subtotal: '1.6',
        },
        // What September's invoice charged, taken off: 10 + 1.6 − 9 = 2.60, the line's amount.
        {
          label: 'already billed for the period',
          from: '0',
          to: null,
          units: '1',
          unit_amount: '-9',
          flat_amount: '0',
          subtotal: '-9',
        },
      ],
      periodStart: '2026-09-01T00:00:00.000Z',
      periodEnd: '2026-10-01T00:00:00.000Z',
    })
  })

  it.each([
    // [billed quantity, billed amount, total, adjustment, quantity, why]
    ['1200', 1160, '6000', 3540, '4800', 'after an earlier adjustment: 47.00 − 11.60'],
    ['900', 900, '800', -100, '-100', 'usage that shrank is credited: 8.00 − 9.00'],
    ['0', 0, '7000', 5200, '7000', 'a period that billed nothing: 10 + 32 + 10 = 52.00'],
  ])(
    'billed %s for %s, now %s: %s (%s)',
    (billedQuantity, billedAmountMinor, totalQuantity, amount, quantity) => {
      const [line] = adjustments([late({ billedQuantity, billedAmountMinor, totalQuantity })])
      expect([line?.amountMinor, line?.quantity]).toEqual([amount, quantity])
      // The breakdown adds up to the amount: the re-priced rows less what was billed.
      const sum = (line?.breakdown ?? []).reduce((n, row) => n.plus(row.subtotal), new Big(0))
      expect(sum.times(100).round(0, Big.roundHalfUp).toNumber()).toBe(amount)
    },
  )

  it('deducts included units as the usage line did', () => {
    // 10,000 calls included. Billed 9,000 (0.00); now 10,800: 800 × 0.002 = 1.60.
    const [line] = adjustments([
      late({
        feature: apiCalls,
        totalQuantity: '10800',
        billedQuantity: '9000',
        billedAmountMinor: 0,
      }),
    ])
    expect(line).toMatchObject({
      description: 'Late usage for 1–30 Sep 2026: API calls +1,800',
      quantity: '1800',
      amountMinor: 160,
    })
  })

  it('applies the customer’s override of that period', () => {
    // Contract price 0.001 flat: 1,200 × 0.001 = 1.20, less 0.90 billed = 0.30.
    const override = { code: 'sms', pricing: { model: 'flat' as const, unit_amount: '0.001' } }
    const [line] = adjustments([late({ override, billedAmountMinor: 90 })])
    expect(line?.amountMinor).toBe(30)
  })

  it('rounds by the rule of the terms then', () => {
    // 1,200.5 messages: 10 + 200.5 × 0.008 = 11.604 → ceil 11.61, less 9.00 = 2.61.
    const [line] = adjustments([
      late({ totalQuantity: '1200.5', terms: { currency: 'USD', rounding: 'ceil' } }),
    ])
    expect(line).toMatchObject({ quantity: '300.5', amountMinor: 261 })
  })

  it('skips entries whose quantity did not change and features that never charge', () => {
    const hard: PlanFeature = {
      code: 'seats',
      name: 'Seats',
      type: 'quota',
      limit: '5',
      enforcement: 'hard',
    }
    expect(
      adjustments([late({ totalQuantity: '900' }), late({ feature: hard, totalQuantity: '9' })]),
    ).toEqual([])
  })

  it('adjusts an invoice whose own period is wholly in trial', () => {
    const invoice = computeInvoice(input({ spans: [], late: [late({})] }))
    expect(summary(invoice)).toEqual([
      ['adjustment', 'Late usage for 1–30 Sep 2026: SMS +300', 260],
    ])
    expect(invoice.totals.totalMinor).toBe(260)
  })

  it('comes after the period’s own lines and before manual ones', () => {
    const invoice = computeInvoice(
      input({
        spans: [span('Starter', terms({ features: [sms] }))],
        usage: { sms: '100' },
        late: [late({})],
      }),
    )
    expect(invoice.lines.map((l) => l.kind)).toEqual(['base', 'usage', 'adjustment'])
  })

  it('takes nothing off where the period billed nothing, and leaves a feature without a unit unitless', () => {
    const unitless: PlanFeature = { ...apiCalls, unit: undefined }
    const [line] = adjustments([
      late({
        feature: unitless,
        totalQuantity: '10800',
        billedQuantity: '0',
        billedAmountMinor: 0,
      }),
    ])
    expect(line?.unit).toBeNull()
    expect(line?.breakdown.map((row) => row.label ?? 'priced')).toEqual(['priced'])
  })

  it('prices a percentage feature’s late events one by one, each paying its fixed fee', () => {
    // 1% + 0.50 per event: 2 events of 100 = 2 × (1.00 + 0.50) = 3.00; priced as one total of
    // 200 it would be 2.00 + 0.50 = 2.50. Billed before: 1.50 for the first event.
    const payments: PlanFeature = {
      code: 'payments',
      name: 'Payments',
      type: 'usage',
      pricing: { model: 'percentage', rate_percent: '1', fixed_amount_per_event: '0.5' },
    }
    const [line] = adjustments([
      late({
        feature: payments,
        totalQuantity: '200',
        billedQuantity: '100',
        billedAmountMinor: 150,
        events: ['100', '100'],
      }),
    ])
    expect(line).toMatchObject({ quantity: '100', amountMinor: 150 })
  })
})
