import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import { computeInvoice } from '../../../src-main/billing/compute'
import type { ComputedLine } from '../../../src-main/billing/compute/types'
import { roundToMinor } from '../../../src-main/pricing'
import type { PlanFeature } from '../../../src-shared/domain/catalog'
import type { Pricing, RoundingRule } from '../../../src-shared/domain/pricing'
import { input, span, terms } from './invoice-fixtures'

const feature = (code: string, pricing: Pricing, extra: Partial<PlanFeature> = {}): PlanFeature =>
  ({
    code,
    name: code.toUpperCase(),
    unit: 'message',
    type: 'usage',
    pricing,
    ...extra,
  }) as PlanFeature

const linesOf = (
  features: PlanFeature[],
  usage: Record<string, string>,
  rounding: RoundingRule = 'half_up',
): ComputedLine[] =>
  computeInvoice(
    input({
      spans: [span('Metered', terms({ basePriceMinor: 0, rounding, features }))],
      usage,
    }),
  ).lines

/** quantity × unit amount, rounded once: what the line says it charges. */
const multipliedOut = (line: ComputedLine): number =>
  roundToMinor(new Big(line.quantity).times(line.unitAmount ?? '0'), 'USD', 'half_up')

describe('every usage line reconciles: quantity × unit price = amount', () => {
  it('deducts a flat price’s free units from the quantity shown', () => {
    // 12,500 used, 10,000 included, 100 free: 2,400 × 0.002 = 4.80 (not 2,500 × 0.002 = 5.00).
    const [line] = linesOf(
      [
        feature(
          'calls',
          { model: 'flat', unit_amount: '0.002', free_units: '100' },
          { includedUnits: '10000', unit: 'call' },
        ),
      ],
      { calls: '12500' },
    )
    expect(line).toMatchObject({
      description: 'CALLS: 12,500 used, 10,000 included, 100 free',
      quantity: '2400',
      unit: 'call',
      unitAmount: '0.002',
      amountMinor: 480,
    })
  })

  it('shows a package line as packages at the package price, after included and free units', () => {
    // 1,301 used − 200 included − 100 free = 1,001 → 3 started packages of 500 × 20.00 = 60.00.
    const [line] = linesOf(
      [
        feature(
          'sms',
          { model: 'package', package_size: '500', package_amount: '20', free_units: '100' },
          { includedUnits: '200' },
        ),
      ],
      { sms: '1301' },
    )
    expect(line).toMatchObject({
      description: 'SMS: 1,301 used, 200 included, 100 free, in packages of 500',
      quantity: '3',
      unit: 'package',
      unitAmount: '20',
      amountMinor: 6000,
    })
  })

  it('prices a soft quota’s overage in packages the same way', () => {
    // 5 seats included by the quota, 12 used: 7 over, in packs of 5 at 40.00 → 2 packs = 80.00.
    const seats = {
      code: 'seats',
      name: 'Seats',
      unit: 'seat',
      type: 'quota',
      limit: '5',
      enforcement: 'soft',
      pricing: { model: 'package', package_size: '5', package_amount: '40' },
    } as PlanFeature
    const [line] = linesOf([seats], { seats: '12' })
    expect(line).toMatchObject({
      description: 'Seats: 12 used, 7 over the quota of 5, in packages of 5',
      quantity: '2',
      unit: 'package',
      unitAmount: '40',
      amountMinor: 8000,
    })
  })

  it.each<[string, Pricing, string]>([
    ['flat', { model: 'flat', unit_amount: '0.0125' }, '777'],
    ['flat with free units', { model: 'flat', unit_amount: '0.3', free_units: '12.5' }, '40.25'],
    [
      'package rounded down',
      { model: 'package', package_size: '3', package_amount: '1.99', rounding: 'down' },
      '11',
    ],
    [
      'volume',
      {
        model: 'volume',
        tiers: [
          { up_to: '100', unit_amount: '0.5' },
          { up_to: null, unit_amount: '0.25' },
        ],
      },
      '333',
    ],
  ])('%s: the unit price times the quantity gives the amount', (_name, pricing, used) => {
    const [line] = linesOf([feature('m', pricing)], { m: used })
    expect(line?.unitAmount).not.toBeNull()
    expect(line && multipliedOut(line)).toBe(line?.amountMinor)
  })

  it('explains a tiered line tier by tier, each row multiplying out, together the amount', () => {
    // 1,500 through 0–1,000 at 0.01 + 5.00 flat and the rest at 0.008: 15.00 + 4.00 = 19.00.
    const [line] = linesOf(
      [
        feature('t', {
          model: 'tiered',
          tiers: [
            { up_to: '1000', unit_amount: '0.01', flat_amount: '5' },
            { up_to: null, unit_amount: '0.008' },
          ],
        }),
      ],
      { t: '1500' },
    )
    expect(line).toMatchObject({ quantity: '1500', unitAmount: null, amountMinor: 1900 })
    const rows = line?.breakdown ?? []
    for (const row of rows)
      expect(new Big(row.units).times(row.unit_amount).plus(row.flat_amount).eq(row.subtotal)).toBe(
        true,
      )
    const exact = rows.reduce((sum, row) => sum.plus(row.subtotal), new Big(0))
    expect(roundToMinor(exact, 'USD', 'half_up')).toBe(line?.amountMinor)
  })
})

describe('each usage line is rounded once, on its own', () => {
  it('rounds two lines whose fractions of a cent go different ways separately', () => {
    // 3 × 0.0015 = 0.0045 → 0.00 and 7 × 0.0015 = 0.0105 → 0.01, so the subtotal is 0.01;
    // rounding their sum (0.015) once instead would make it 0.02.
    const price: Pricing = { model: 'flat', unit_amount: '0.0015' }
    const invoice = computeInvoice(
      input({
        spans: [
          span(
            'Metered',
            terms({ basePriceMinor: 0, features: [feature('a', price), feature('b', price)] }),
          ),
        ],
        usage: { a: '3', b: '7' },
      }),
    )
    expect(invoice.lines.map((l) => [l.featureCode, l.amountMinor])).toEqual([
      ['a', 0],
      ['b', 1],
    ])
    expect(invoice.totals.subtotalMinor).toBe(1)
  })
})
