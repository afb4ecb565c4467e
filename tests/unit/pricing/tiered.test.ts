import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { TieredPricing } from '../../../src-shared/domain/pricing'
import { tieredModel } from '../../../src-main/pricing/tiered'

// The example: up to 5 at $5, up to 10 at $4, then $3.
const plain: TieredPricing = {
  model: 'tiered',
  tiers: [
    { up_to: '5', unit_amount: '5' },
    { up_to: '10', unit_amount: '4' },
    { up_to: null, unit_amount: '3' },
  ],
}
const withFees: TieredPricing = {
  model: 'tiered',
  tiers: [
    { up_to: '5', unit_amount: '5', flat_amount: '10' },
    { up_to: '10', unit_amount: '4', flat_amount: '2' },
    { up_to: null, unit_amount: '3', flat_amount: '1' },
  ],
}

const amountOf = (pricing: TieredPricing, quantity: string): string =>
  tieredModel.price(new Big(quantity), pricing).amount.toFixed()

describe('tiered (graduated) pricing', () => {
  it.each([
    ['0', '0', 'zero usage'],
    ['1', '5', 'one unit'],
    ['5', '25', 'the first bound exactly'],
    ['5.5', '27', 'half a unit past the first bound'],
    ['6', '29', 'one past the first bound'],
    ['10', '45', 'the second bound exactly'],
    ['10.5', '46.5', 'fractional units in the open tier'],
    ['11', '48', 'one past the second bound'],
    ['12', '51', "the issue's example: 5×5 + 5×4 + 2×3"],
    ['1000000', '3000015', 'far into the open last tier: 45 + 999,990 × 3'],
  ])('%s units cost %s (%s)', (quantity, amount) => {
    expect(amountOf(plain, quantity)).toBe(amount)
  })

  it.each([
    ['0', '10', "the first tier's flat amount is due at zero usage"],
    ['5', '35', 'the next tier is not reached at its lower bound'],
    ['5.5', '39', 'the next tier is reached by a fraction of a unit'],
    ['6', '41', "one past the bound adds the second tier's flat amount"],
    ['12', '64', 'every reached tier adds its flat amount once'],
  ])('with flat amounts, %s units cost %s (%s)', (quantity, amount) => {
    expect(amountOf(withFees, quantity)).toBe(amount)
  })

  it('lists only the tiers reached, with the range and units of each', () => {
    expect(tieredModel.price(new Big('12'), withFees).breakdown).toEqual([
      {
        tier: 1,
        from: '0',
        to: '5',
        units: '5',
        unit_amount: '5',
        flat_amount: '10',
        subtotal: '35',
      },
      {
        tier: 2,
        from: '5',
        to: '10',
        units: '5',
        unit_amount: '4',
        flat_amount: '2',
        subtotal: '22',
      },
      {
        tier: 3,
        from: '10',
        to: null,
        units: '2',
        unit_amount: '3',
        flat_amount: '1',
        subtotal: '7',
      },
    ])
  })

  it('shows the first tier with zero units at zero usage', () => {
    expect(tieredModel.price(new Big(0), plain).breakdown).toEqual([
      {
        tier: 1,
        from: '0',
        to: '5',
        units: '0',
        unit_amount: '5',
        flat_amount: '0',
        subtotal: '0',
      },
    ])
  })

  it('keeps decimals exact where floats would drift', () => {
    const cheap: TieredPricing = {
      model: 'tiered',
      tiers: [
        { up_to: '0.3', unit_amount: '0.1' },
        { up_to: null, unit_amount: '0.0012' },
      ],
    }
    expect(amountOf(cheap, '0.3')).toBe('0.03')
    expect(amountOf(cheap, '1000000.3')).toBe('1200.03')
  })

  it('prices a single open tier like a per-unit price', () => {
    const single: TieredPricing = { model: 'tiered', tiers: [{ up_to: null, unit_amount: '2.5' }] }
    expect(amountOf(single, '4')).toBe('10')
  })
})

describe('parsed tiers are reused, never stale', () => {
  const fresh = (): TieredPricing => structuredClone(withFees)

  it('prices a definition edited in place by its new text', () => {
    const pricing = fresh()
    expect(amountOf(pricing, '12')).toBe('64')
    pricing.tiers[1]!.unit_amount = '3'
    expect(amountOf(pricing, '12')).toBe('59')
    pricing.tiers[0]!.up_to = '6'
    expect(amountOf(pricing, '12')).toBe('61')
    pricing.tiers[2]!.flat_amount = undefined
    expect(amountOf(pricing, '12')).toBe('60')
    pricing.tiers.splice(1, 1)
    expect(amountOf(pricing, '12')).toBe('58')
  })

  it('is not changed by edits to a returned breakdown', () => {
    const pricing = fresh()
    const first = tieredModel.price(new Big('12'), pricing).breakdown
    first[0]!.subtotal = 'tampered'
    expect(tieredModel.price(new Big('12'), pricing).breakdown[0]!.subtotal).toBe('35')
    expect(tieredModel.price(new Big('12'), fresh()).breakdown[0]!.subtotal).toBe('35')
  })
})
