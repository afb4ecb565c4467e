import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { FlatPricing } from '../../../src-shared/domain/pricing'
import { flatModel } from '../../../src-main/pricing/flat'

const amountOf = (pricing: FlatPricing, quantity: string): string =>
  flatModel.price(new Big(quantity), pricing).amount.toFixed()

describe('flat (per-unit) pricing', () => {
  it.each([
    ['0', '0.0012', undefined, '0', 'zero usage'],
    ['1000', '0.0012', undefined, '1.2', 'a fraction of a cent per unit'],
    ['10.5', '2', undefined, '21', 'fractional units'],
    ['3', '0.1', undefined, '0.3', 'exactly, where floats give 0.30000000000000004'],
    ['50', '0.5', '100', '0', 'below the free units: nothing, not a credit'],
    ['100', '0.5', '100', '0', 'the free units exactly'],
    ['101', '0.5', '100', '0.5', 'one past the free units'],
    ['100.5', '0.5', '100', '0.25', 'half a unit past the free units'],
    ['5', '0', undefined, '0', 'a free feature'],
  ])('%s units at %s with %s free cost %s (%s)', (quantity, unit, free, amount, _why) => {
    const pricing: FlatPricing = { model: 'flat', unit_amount: unit, free_units: free }
    expect(amountOf(pricing, quantity)).toBe(amount)
  })

  it('shows one row from the free units on, with the units charged', () => {
    const pricing: FlatPricing = { model: 'flat', unit_amount: '0.50', free_units: '1000' }
    expect(flatModel.price(new Big('1500'), pricing).breakdown).toEqual([
      {
        from: '1000',
        to: null,
        units: '500',
        unit_amount: '0.50',
        flat_amount: '0',
        subtotal: '250',
      },
    ])
  })

  it('applies the free units default of 0', () => {
    expect(flatModel.schema.parse({ model: 'flat', unit_amount: '1' })).toEqual({
      model: 'flat',
      unit_amount: '1',
      free_units: '0',
    })
  })
})
