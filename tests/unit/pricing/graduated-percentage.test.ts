import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { GraduatedPercentagePricing } from '../../../src-shared/domain/pricing'
import { quote } from '../../../src-main/pricing'
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
