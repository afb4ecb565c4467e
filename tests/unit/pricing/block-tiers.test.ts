import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { TieredPricing, VolumePricing } from '../../../src-shared/domain/pricing'
import { quote } from '../../../src-main/pricing'
import { tieredModel } from '../../../src-main/pricing/tiered'
import { volumeModel } from '../../../src-main/pricing/volume'

// Kill Bill's block tiers: up to 1,000 units in blocks of 100 at 1.00, then blocks of 500 at 2.00.
const tiers = [
  { up_to: '1000', block_size: '100', block_amount: '1' },
  { up_to: null, block_size: '500', block_amount: '2' },
]
const graduated: TieredPricing = { model: 'tiered', tiers }
const volume: VolumePricing = { model: 'volume', tiers }

describe('block tiers (Kill Bill)', () => {
  it.each([
    ['0', '0', 'no blocks'],
    ['1', '1', 'a started block is charged in full'],
    ['950', '10', '9.5 blocks → 10'],
    ['1000', '10', 'the bound exactly'],
    ['1250', '12', '10 + one started block of 500'],
    ['2001', '16', '10 + 1,001 in blocks of 500 → 3 × 2'],
  ])('graduated: %s units cost %s (%s)', (quantity, amount) => {
    expect(tieredModel.price(new Big(quantity), graduated).amount.toFixed()).toBe(amount)
  })

  it.each([
    ['950', '10', 'the first tier: 10 blocks of 100'],
    ['1250', '6', 'the second tier prices all units: 3 blocks of 500'],
  ])('volume: %s units cost %s (%s)', (quantity, amount) => {
    expect(volumeModel.price(new Big(quantity), volume).amount.toFixed()).toBe(amount)
  })

  it('shows the blocks charged in the breakdown', () => {
    expect(tieredModel.price(new Big('1250'), graduated).breakdown).toEqual([
      {
        tier: 1,
        from: '0',
        to: '1000',
        block_size: '100',
        units: '10',
        unit_amount: '1',
        flat_amount: '0',
        subtotal: '10',
      },
      {
        tier: 2,
        from: '1000',
        to: null,
        block_size: '500',
        units: '1',
        unit_amount: '2',
        flat_amount: '0',
        subtotal: '2',
      },
    ])
  })
})

describe('a bounded last tier (Kill Bill)', () => {
  // "If we pass the maximum of the last tier, we price all units at the last tier."
  it('graduated: units past the last bound are priced at the last tier', () => {
    const pricing: TieredPricing = {
      model: 'tiered',
      tiers: [
        { up_to: '5', unit_amount: '5' },
        { up_to: '10', unit_amount: '4' },
      ],
    }
    // 5 × 5 + 7 × 4.
    expect(quote({ pricing, quantity: '12', currency: 'USD' })).toMatchObject({
      amount: '53',
      amount_minor: 5300,
    })
  })

  it('volume: a quantity past the last bound is priced at the last tier', () => {
    const pricing: VolumePricing = {
      model: 'volume',
      tiers: [
        { up_to: '10', unit_amount: '2' },
        { up_to: '100', unit_amount: '1' },
      ],
    }
    expect(quote({ pricing, quantity: '150', currency: 'USD' }).amount).toBe('150')
  })
})
