import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { GraduatedPercentagePricing } from '../../../src-shared/domain/pricing'
import { PricingSchema, quote } from '../../../src-main/pricing'
import { validationError } from '../../../src-main/ipc/validation'
import { graduatedPercentageModel } from '../../../src-main/pricing/graduated-percentage'

// Lago's graduated percentage: 1 % of the first 1,000, 0.5 % of the next 4,000 plus a 10 fee
// once that tier is reached, 0.25 % beyond.
const pricing: GraduatedPercentagePricing = {
  model: 'graduated_percentage',
  tiers: [
    { up_to: '1000', rate_percent: '1', flat_amount: '0' },
    { up_to: '5000', rate_percent: '0.5', flat_amount: '10' },
    { up_to: null, rate_percent: '0.25' },
  ],
}

const amountOf = (quantity: string, definition = pricing): string =>
  graduatedPercentageModel.price(new Big(quantity), definition).amount.toFixed()

describe('graduated percentage pricing (Lago)', () => {
  it.each([
    ['0', '0', 'nothing'],
    ['500', '5', 'within the first tier'],
    ['1000', '10', 'the first bound exactly: the second tier is not reached'],
    ['1000.01', '20.00005', 'a cent past it reaches the second tier and its flat fee'],
    ['5000', '40', '10 + 20 + 10'],
    ['8000', '47.5', '10 + (20 + 10) + 3,000 × 0.25 %'],
  ])('%s costs %s (%s)', (quantity, amount) => {
    expect(amountOf(quantity)).toBe(amount)
  })

  it('prices a quantity past a bounded last tier at the last tier', () => {
    const bounded: GraduatedPercentagePricing = {
      model: 'graduated_percentage',
      tiers: [
        { up_to: '1000', rate_percent: '1' },
        { up_to: '5000', rate_percent: '0.5' },
      ],
    }
    // 10 + 7,000 × 0.5 %.
    expect(amountOf('8000', bounded)).toBe('45')
  })

  it("charges the first tier's flat amount at zero, in a row of zero units", () => {
    const fee: GraduatedPercentagePricing = {
      model: 'graduated_percentage',
      tiers: [
        { up_to: '1000', rate_percent: '1', flat_amount: '2' },
        { up_to: null, rate_percent: '0.5', flat_amount: '10' },
      ],
    }
    const { amount, breakdown } = graduatedPercentageModel.price(new Big(0), fee)
    expect(amount.toFixed()).toBe('2')
    expect(breakdown).toEqual([
      {
        tier: 1,
        from: '0',
        to: '1000',
        units: '0',
        unit_amount: '0.01',
        flat_amount: '2',
        subtotal: '2',
      },
    ])
  })

  it('lists the open last tier from the bound before it, without a flat amount', () => {
    expect(graduatedPercentageModel.price(new Big('8000'), pricing).breakdown[2]).toEqual({
      tier: 3,
      from: '5000',
      to: null,
      units: '3000',
      unit_amount: '0.0025',
      flat_amount: '0',
      subtotal: '7.5',
    })
  })

  it('never reaches a tier after an open one (a definition the schema would reject)', () => {
    const openFirst: GraduatedPercentagePricing = {
      model: 'graduated_percentage',
      tiers: [
        { up_to: null, rate_percent: '1' },
        { up_to: '5000', rate_percent: '50' },
      ],
    }
    expect(amountOf('8000', openFirst)).toBe('80')
  })

  it('lists each reached tier with its rate as a fraction', () => {
    expect(graduatedPercentageModel.price(new Big('1200'), pricing).breakdown).toEqual([
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
        unit_amount: '0.005',
        flat_amount: '10',
        subtotal: '11',
      },
    ])
  })

  it('is quoted and rounded once', () => {
    expect(
      quote({ pricing, quantity: '1000.01', currency: 'USD', rounding: 'ceil' }),
    ).toMatchObject({ amount: '20.00005', amount_minor: 2001 })
  })
})

describe('graduated percentage definitions', () => {
  const withTiers = (tiers: unknown) => ({ model: 'graduated_percentage', tiers })
  const fieldsOf = (value: unknown): Record<string, string> | undefined => {
    const parsed = PricingSchema.safeParse(value)
    return parsed.success ? undefined : validationError('test', parsed.error).fields
  }
  const tier = (up_to: string | null) => ({ up_to, rate_percent: '1' })

  it.each<[string, unknown, Record<string, string>]>([
    ['tiers that are not a list', 'many', { tiers: 'must be a list of tiers' }],
    ['no tiers', [], { tiers: 'must have at least one tier' }],
    [
      'an open tier before the last',
      [tier(null), tier('10'), tier(null)],
      { 'tiers[0].up_to': 'only the last tier may be open (null); give this tier an upper bound' },
    ],
    [
      'a first bound of zero',
      [tier('0'), tier(null)],
      { 'tiers[0].up_to': 'must be greater than 0' },
    ],
    [
      'a bound that does not grow, quoted as written',
      [tier('10.50'), tier('10.5'), tier(null)],
      { 'tiers[1].up_to': 'must be greater than 10.50' },
    ],
    [
      'a step back after a valid step',
      [tier('10'), tier('20'), tier('15'), tier(null)],
      { 'tiers[2].up_to': 'must be greater than 20' },
    ],
    [
      'a malformed bound, not compared with the others',
      [tier('ten'), tier('5'), tier(null)],
      { 'tiers[0].up_to': 'must be a non-negative decimal number such as "12" or "0.0012"' },
    ],
  ])('rejects %s', (_name, tiers, fields) => {
    expect(fieldsOf(withTiers(tiers))).toEqual(fields)
  })

  it('accepts growing bounds, an open last tier or a bounded one', () => {
    expect(fieldsOf(withTiers([tier('10'), tier('20'), tier(null)]))).toBeUndefined()
    expect(fieldsOf(withTiers([tier('10'), tier('20')]))).toBeUndefined()
  })

  it('reports bound issues as custom zod issues', () => {
    const parsed = PricingSchema.safeParse(withTiers([tier('10'), tier('10')]))
    expect(parsed.error?.issues).toMatchObject([{ code: 'custom', path: ['tiers', 1, 'up_to'] }])
  })
})
