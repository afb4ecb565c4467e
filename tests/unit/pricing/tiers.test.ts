import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { Tier, TieredPricing } from '../../../src-shared/domain/pricing'
import { tieredModel } from '../../../src-main/pricing/tiered'
import { parsedTiers, tierOf, TierSchema, TiersSchema } from '../../../src-main/pricing/tiers'

const amountOf = (tiers: Tier[], quantity: string): string =>
  tieredModel
    .price(new Big(quantity), { model: 'tiered', tiers } satisfies TieredPricing)
    .amount.toFixed()

// A tier set no other test uses, so its text is not parsed before the test starts.
let unique = 0
const fresh = (): Tier[] => [{ up_to: null, unit_amount: `${++unique}.5` }]

describe('parsed tiers are cached', () => {
  it('returns the same parse for the same list and for another list with the same text', () => {
    const tiers = fresh()
    const first = parsedTiers(tiers)
    expect(parsedTiers(tiers)).toBe(first)
    expect(parsedTiers(structuredClone(tiers))).toBe(first)
  })

  it('keys the text by block size and block amount too', () => {
    const blocks = (size: string, amount: string): Tier[] => [
      { up_to: null, block_size: size, block_amount: amount },
    ]
    // 250 units: 3 blocks of 100 at 2, 2 blocks of 200 at 2, 3 blocks of 100 at 3.
    expect(amountOf(blocks('100', '2'), '250')).toBe('6')
    expect(amountOf(blocks('200', '2'), '250')).toBe('4')
    expect(amountOf(blocks('100', '3'), '250')).toBe('9')
  })

  it('bounds the text cache at 10,000 tier sets, and a list keeps its own parse past that', () => {
    const sentinel = fresh()
    const sentinelText = structuredClone(sentinel)
    const kept = parsedTiers(sentinel)
    // Other tests in this worker may have filled the text cache: parse new sets until it clears.
    let adds = 0
    while (parsedTiers(structuredClone(sentinelText)) === kept && adds <= 10_001) {
      parsedTiers(fresh())
      adds += 1
    }
    expect(adds).toBeLessThanOrEqual(10_001)
    // The list itself is still known, whatever the text cache dropped.
    expect(parsedTiers(sentinel)).toBe(kept)
    // Cleared, then the last set and the sentinel's text again: 2 entries. 9,998 more fill it.
    const probe = fresh()
    const probed = parsedTiers(probe)
    for (let i = 0; i < 9_997; i++) parsedTiers(fresh())
    expect(parsedTiers(structuredClone(probe))).toBe(probed)
    parsedTiers(fresh())
    expect(parsedTiers(structuredClone(probe))).not.toBe(probed)
  })
})

describe('parsed tiers are never stale', () => {
  const twoBounded = (): Tier[] => [
    { up_to: '5', unit_amount: '5' },
    { up_to: '10', unit_amount: '4' },
  ]

  it('prices a tier added in place', () => {
    const tiers = twoBounded()
    // Past the bounded last tier: 5 × 5 + 7 × 4.
    expect(amountOf(tiers, '12')).toBe('53')
    tiers.push({ up_to: null, unit_amount: '3' })
    expect(amountOf(tiers, '12')).toBe('51')
  })

  it('prices the last tier removed in place', () => {
    const tiers = twoBounded()
    expect(amountOf(tiers, '12')).toBe('53')
    tiers.pop()
    expect(amountOf(tiers, '12')).toBe('60')
  })

  it('prices a block size or block amount edited in place', () => {
    const tiers: Tier[] = [{ up_to: null, block_size: '100', block_amount: '2' }]
    expect(amountOf(tiers, '250')).toBe('6')
    tiers[0]!.block_size = '200'
    expect(amountOf(tiers, '250')).toBe('4')
    tiers[0]!.block_amount = '3'
    expect(amountOf(tiers, '250')).toBe('6')
  })
})

describe('tiers the schema would reject, priced as given', () => {
  it('charges nothing per unit for a tier without a unit amount', () => {
    const tiers: Tier[] = [{ up_to: null, flat_amount: '7' }]
    expect(tieredModel.price(new Big('3'), { model: 'tiered', tiers }).breakdown[0]).toMatchObject({
      units: '3',
      unit_amount: '0',
      subtotal: '7',
    })
  })

  it('charges nothing per block for a block tier without a block amount', () => {
    const tiers: Tier[] = [{ up_to: null, block_size: '10', flat_amount: '7' }]
    expect(tieredModel.price(new Big('25'), { model: 'tiered', tiers }).breakdown[0]).toMatchObject(
      { units: '3', unit_amount: '0', subtotal: '7' },
    )
  })

  it('refuses to pick a tier from none', () => {
    expect(() => tierOf(new Big(1), [])).toThrow('No tiers')
  })
})

describe('tier issues', () => {
  it('are custom zod issues at the offending field', () => {
    const both = { up_to: null, unit_amount: '1', block_size: '10', block_amount: '5' }
    expect(TierSchema.safeParse(both).error?.issues).toMatchObject([
      { code: 'custom', path: ['unit_amount'] },
    ])
    const duplicate = [
      { up_to: '10', unit_amount: '1' },
      { up_to: '10', unit_amount: '1' },
    ]
    expect(TiersSchema.safeParse(duplicate).error?.issues).toMatchObject([
      { code: 'custom', path: [1, 'up_to'], message: 'must be greater than 10' },
    ])
  })

  it('do not compare a malformed bound with the others', () => {
    const tiers = [
      { up_to: 'ten', unit_amount: '1' },
      { up_to: '5', unit_amount: '1' },
    ]
    expect(TiersSchema.safeParse(tiers).error?.issues).toMatchObject([
      {
        path: [0, 'up_to'],
        message: 'must be a non-negative decimal number such as "12" or "0.0012"',
      },
    ])
  })
})
