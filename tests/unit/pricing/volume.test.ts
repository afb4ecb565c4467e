import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { VolumePricing } from '../../../src-shared/domain/pricing'
import { volumeModel } from '../../../src-main/pricing/volume'

const plain: VolumePricing = {
  model: 'volume',
  tiers: [
    { up_to: '5', unit_amount: '5' },
    { up_to: '10', unit_amount: '4' },
    { up_to: null, unit_amount: '3' },
  ],
}
const withFees: VolumePricing = {
  model: 'volume',
  tiers: [
    { up_to: '5', unit_amount: '5', flat_amount: '10' },
    { up_to: '10', unit_amount: '4', flat_amount: '2' },
    { up_to: null, unit_amount: '3', flat_amount: '1' },
  ],
}

const amountOf = (pricing: VolumePricing, quantity: string): string =>
  volumeModel.price(new Big(quantity), pricing).amount.toFixed()

describe('volume pricing', () => {
  it.each([
    ['0', '0', 'zero usage is in the first tier'],
    ['1', '5', 'one unit'],
    ['5', '25', 'the first bound exactly stays in the first tier'],
    ['5.5', '22', 'half a unit past the bound prices every unit at the second tier'],
    ['6', '24', 'one past the first bound'],
    ['10', '40', 'the second bound exactly'],
    ['10.5', '31.5', 'fractional units in the open tier'],
    ['12', '36', "the issue's example: 12 × 3"],
  ])('%s units cost %s (%s)', (quantity, amount) => {
    expect(amountOf(plain, quantity)).toBe(amount)
  })

  it.each([
    ['0', '10', "zero units: 0 × 5 + the first tier's flat amount"],
    ['5', '35', 'the first bound: 5 × 5 + 10'],
    ['6', '26', "only the chosen tier's flat amount: 6 × 4 + 2"],
    ['12', '37', '12 × 3 + 1'],
  ])('with flat amounts, %s units cost %s (%s)', (quantity, amount) => {
    expect(amountOf(withFees, quantity)).toBe(amount)
  })

  it('shows one row: the chosen tier with all the units', () => {
    expect(volumeModel.price(new Big('7.25'), withFees).breakdown).toEqual([
      {
        tier: 2,
        from: '5',
        to: '10',
        units: '7.25',
        unit_amount: '4',
        flat_amount: '2',
        subtotal: '31',
      },
    ])
  })
})
