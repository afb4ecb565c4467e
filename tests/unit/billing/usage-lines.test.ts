import { describe, expect, it } from 'vitest'
import { computeInvoice } from '../../../src-main/billing/compute'
import type { PlanFeature } from '../../../src-shared/domain/catalog'
import type { Pricing } from '../../../src-shared/domain/pricing'
import { apiCalls, at, input, linesOf, october, span, terms } from './invoice-fixtures'

/** An invoice for a plan without a base fee, so only usage lines remain. */
const usageInvoice = (features: PlanFeature[], usage: Record<string, string>, patch = {}) =>
  computeInvoice(
    input({
      spans: [span('Metered', terms({ basePriceMinor: 0, features }))],
      usage,
      ...patch,
    }),
  )

const metered = (pricing: Pricing, extra: Partial<PlanFeature> = {}): PlanFeature =>
  ({ code: 'sms', name: 'SMS', unit: 'message', type: 'usage', pricing, ...extra }) as PlanFeature

const tiers = [
  { up_to: '1000', unit_amount: '0.01' },
  { up_to: '5000', unit_amount: '0.008' },
  { up_to: null, unit_amount: '0.005' },
]

describe('each pricing model on an invoice', () => {
  it('flat: the units beyond the included ones at one price', () => {
    // 12,500 calls, 10,000 included: 2,500 × 0.002 = 5.00.
    const [line] = usageInvoice([apiCalls], { api_calls: '12500' }).lines
    expect(line).toEqual({
      kind: 'usage',
      featureCode: 'api_calls',
      description: 'API calls: 12,500 used, 10,000 included',
      quantity: '2500',
      unit: 'call',
      unitAmount: '0.002',
      amountMinor: 500,
      breakdown: [
        {
          from: '0',
          to: null,
          units: '2500',
          unit_amount: '0.002',
          flat_amount: '0',
          subtotal: '5',
        },
      ],
      periodStart: '2026-10-01T00:00:00.000Z',
      periodEnd: '2026-11-01T00:00:00.000Z',
    })
  })

  it('tiered: each unit in its tier, no single unit amount', () => {
    // 6,000: 1,000 × 0.01 + 4,000 × 0.008 + 1,000 × 0.005 = 10 + 32 + 5 = 47.00.
    const [line] = usageInvoice([metered({ model: 'tiered', tiers })], { sms: '6000' }).lines
    expect(line).toMatchObject({ quantity: '6000', unitAmount: null, amountMinor: 4700 })
    expect(line?.breakdown.map((r) => [r.tier, r.units, r.subtotal])).toEqual([
      [1, '1000', '10'],
      [2, '4000', '32'],
      [3, '1000', '5'],
    ])
  })

  it('tiered within the first tier: the unit amount is that tier’s', () => {
    // 700 × 0.01 = 7.00.
    const [line] = usageInvoice([metered({ model: 'tiered', tiers })], { sms: '700' }).lines
    expect(line).toMatchObject({ unitAmount: '0.01', amountMinor: 700 })
  })

  it('volume: every unit at the tier the total reaches', () => {
    // 6,000 × 0.005 = 30.00.
    const [line] = usageInvoice([metered({ model: 'volume', tiers })], { sms: '6000' }).lines
    expect(line).toMatchObject({ quantity: '6000', unitAmount: '0.005', amountMinor: 3000 })
    expect(line?.breakdown).toHaveLength(1)
  })

  it('package: started packages, shown as the number of packages at the package price', () => {
    // 1,201 messages in packages of 500 at 20.00, rounded up: 3 packages = 60.00.
    const pricing: Pricing = { model: 'package', package_size: '500', package_amount: '20' }
    const [line] = usageInvoice([metered(pricing)], { sms: '1201' }).lines
    expect(line).toMatchObject({
      description: 'SMS: 1,201 used, in packages of 500',
      quantity: '3',
      unit: 'package',
      unitAmount: '20',
      amountMinor: 6000,
    })
    expect(line?.breakdown[0]?.units).toBe('3')
  })

  it('package: the line carries the package size, so a screen can read "20.00 per 500"', () => {
    const pricing: Pricing = { model: 'package', package_size: '500', package_amount: '20' }
    const [line] = usageInvoice([metered(pricing)], { sms: '1201' }).lines
    expect(line?.breakdown).toEqual([
      expect.objectContaining({ units: '3', unit_amount: '20', block_size: '500' }),
    ])
  })

  it('rounds each line once by the plan’s rule', () => {
    // 3 × 0.0015 = 0.0045 → half_up 0.00; 7 × 0.0015 = 0.0105 → half_up 0.01, ceil 0.02.
    const f = metered({ model: 'flat', unit_amount: '0.0015' })
    expect(usageInvoice([f], { sms: '3' }).lines[0]?.amountMinor).toBe(0)
    expect(usageInvoice([f], { sms: '7' }).lines[0]?.amountMinor).toBe(1)
    const ceil = computeInvoice(
      input({
        spans: [span('M', terms({ basePriceMinor: 0, rounding: 'ceil', features: [f] }))],
        usage: { sms: '7' },
      }),
    )
    expect(ceil.lines[0]?.amountMinor).toBe(2)
  })

  it('keeps fractional quantities exact', () => {
    // 10,000.5 GB at 0.10, 10,000 included: 0.5 × 0.1 = 0.05.
    const gb = metered(
      { model: 'flat', unit_amount: '0.1' },
      { code: 'storage', name: 'Storage', includedUnits: '10000' },
    )
    const [line] = usageInvoice([gb], { storage: '10000.5' }).lines
    expect(line).toMatchObject({
      description: 'Storage: 10,000.5 used, 10,000 included',
      quantity: '0.5',
      amountMinor: 5,
    })
  })
})

describe('included units, quotas and other features', () => {
  it('charges nothing within the included units, and still shows the line', () => {
    const [line] = usageInvoice([apiCalls], { api_calls: '9000' }).lines
    expect(line).toMatchObject({ quantity: '0', amountMinor: 0 })
  })

  it('shows a metered feature without usage as a zero line', () => {
    const [line] = usageInvoice([apiCalls], {}).lines
    expect(line).toMatchObject({
      description: 'API calls: 0 used, 10,000 included',
      quantity: '0',
      amountMinor: 0,
    })
  })

  it('charges a first tier’s flat fee even at zero usage, as the tiered model defines it', () => {
    const withFee = metered({
      model: 'tiered',
      tiers: [
        { up_to: '100', unit_amount: '0', flat_amount: '5' },
        { up_to: null, unit_amount: '0.1' },
      ],
    })
    expect(usageInvoice([withFee], {}).lines[0]?.amountMinor).toBe(500)
  })

  const seats = (pricing?: Pricing, enforcement: 'soft' | 'hard' = 'soft'): PlanFeature => ({
    code: 'seats',
    name: 'Seats',
    unit: 'seat',
    type: 'quota',
    limit: '5',
    enforcement,
    ...(pricing ? { pricing } : {}),
  })

  it('charges a soft quota’s overage by its pricing', () => {
    // 8 seats, limit 5: 3 × 10.00 = 30.00.
    const [line] = usageInvoice([seats({ model: 'flat', unit_amount: '10' })], { seats: '8' }).lines
    expect(line).toMatchObject({
      kind: 'usage',
      description: 'Seats: 8 used, 3 over the quota of 5',
      quantity: '3',
      unit: 'seat',
      unitAmount: '10',
      amountMinor: 3000,
    })
  })

  it('charges nothing within a soft quota, even where its pricing has a flat fee', () => {
    const fee: Pricing = {
      model: 'tiered',
      tiers: [{ up_to: null, unit_amount: '10', flat_amount: '50' }],
    }
    const [line] = usageInvoice([seats(fee)], { seats: '4' }).lines
    expect(line).toMatchObject({
      description: 'Seats: 4 used, within the quota of 5',
      quantity: '0',
      amountMinor: 0,
      breakdown: [],
    })
  })

  it('gives no line for hard quotas, soft quotas without a price, rate limits and switches', () => {
    const others: PlanFeature[] = [
      seats({ model: 'flat', unit_amount: '10' }, 'hard'),
      { ...seats(), code: 'projects' },
      {
        code: 'exports',
        name: 'Exports',
        type: 'rate',
        limit: '100',
        window: { unit: 'hour', count: 1 },
        windowMode: 'sliding',
      },
      { code: 'sso', name: 'SSO', type: 'boolean', enabled: true },
    ]
    expect(usageInvoice(others, { seats: '50', projects: '9', exports: '5000' }).lines).toEqual([])
  })
})

describe('customer overrides', () => {
  it('prices with the customer’s contract price and included units', () => {
    // Override: 2,000 included at 0.001: 12,500 − 2,000 = 10,500 × 0.001 = 10.50.
    const invoice = usageInvoice(
      [apiCalls],
      { api_calls: '12500' },
      {
        customer: {
          ...input().customer,
          overrides: [
            {
              code: 'api_calls',
              includedUnits: '2000',
              pricing: { model: 'flat', unit_amount: '0.001' },
            },
          ],
        },
      },
    )
    expect(invoice.lines[0]).toMatchObject({
      description: 'API calls: 12,500 used, 2,000 included (contract price)',
      quantity: '10500',
      unitAmount: '0.001',
      amountMinor: 1050,
    })
  })

  it('applies an override of a soft quota’s limit', () => {
    const quota: PlanFeature = {
      code: 'seats',
      name: 'Seats',
      type: 'quota',
      limit: '5',
      enforcement: 'soft',
      pricing: { model: 'flat', unit_amount: '10' },
    }
    // Limit raised to 7: 8 seats are 1 over, 10.00.
    const invoice = usageInvoice(
      [quota],
      { seats: '8' },
      { customer: { ...input().customer, overrides: [{ code: 'seats', limit: '7' }] } },
    )
    expect(invoice.lines[0]).toMatchObject({ quantity: '1', amountMinor: 1000 })
  })
})

describe('usage across a plan change', () => {
  it('prices usage with the plan in force at the end of the period', () => {
    // Starter charges 0.002 a call, Pro 0.001: 12,500 − 10,000 = 2,500 × 0.001 = 2.50 on Pro.
    const cheaper: PlanFeature = { ...apiCalls, pricing: { model: 'flat', unit_amount: '0.001' } }
    const change = at('2026-10-15T00:00:00Z')
    const invoice = computeInvoice(
      input({
        spans: [
          span(
            'Starter',
            terms({ basePriceMinor: 0, features: [apiCalls] }),
            october.start,
            change,
          ),
          span('Pro', terms({ basePriceMinor: 0, features: [cheaper] }), change),
        ],
        usage: { api_calls: '12500' },
      }),
    )
    expect(linesOf(invoice, 'usage').map((l) => l.amountMinor)).toEqual([250])
  })

  it('still bills a feature the new plan dropped, by the last plan that had it', () => {
    const sms = metered({ model: 'flat', unit_amount: '0.05' })
    const change = at('2026-10-15T00:00:00Z')
    const invoice = computeInvoice(
      input({
        spans: [
          span(
            'Old',
            terms({ basePriceMinor: 0, features: [apiCalls, sms] }),
            october.start,
            change,
          ),
          span('New', terms({ basePriceMinor: 0, features: [apiCalls] }), change),
        ],
        usage: { api_calls: '10000', sms: '100' },
      }),
    )
    // api_calls from New, then sms (100 × 0.05 = 5.00) from Old.
    expect(invoice.lines.map((l) => [l.featureCode, l.amountMinor])).toEqual([
      ['api_calls', 0],
      ['sms', 500],
    ])
  })
})
