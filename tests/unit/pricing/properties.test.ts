import Big from 'big.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Pricing, Tier } from '../../../src-shared/domain/pricing'
import { PricingSchema, price, quote, roundToMinor } from '../../../src-main/pricing'

/** A non-negative decimal string with up to four places, e.g. "1203.0500". */
const decimal = (max = 100_000) =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 9999 }), fc.boolean())
    .map(([whole, fraction, plain]) =>
      plain ? String(whole) : `${whole}.${String(fraction).padStart(4, '0')}`,
    )

const positive = (max?: number) => decimal(max).filter((text) => new Big(text).gt(0))

/** Valid tiers: growing bounds (each step positive), the last open. */
const tiers = fc
  .array(fc.tuple(positive(1000), decimal(100), fc.option(decimal(100), { nil: undefined })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((steps): Tier[] => {
    let bound = new Big(0)
    return steps.map(([step, unit_amount, flat_amount], index) => {
      bound = bound.plus(step)
      const up_to = index === steps.length - 1 ? null : bound.toFixed()
      return flat_amount === undefined
        ? { up_to, unit_amount }
        : { up_to, unit_amount, flat_amount }
    })
  })

const amount = (pricing: Pricing, quantity: string): Big => price(pricing, quantity).amount

describe('pricing properties', () => {
  it('accepts every well-formed definition the generators make', () => {
    fc.assert(
      fc.property(tiers, (generated) => {
        expect(PricingSchema.safeParse({ model: 'tiered', tiers: generated }).success).toBe(true)
      }),
    )
  })

  it('graduated cost never decreases as the quantity grows', () => {
    fc.assert(
      fc.property(tiers, decimal(5000), decimal(5000), (generated, a, b) => {
        const [low, high] = new Big(a).lte(b) ? [a, b] : [b, a]
        const pricing: Pricing = { model: 'tiered', tiers: generated }
        expect(amount(pricing, low).lte(amount(pricing, high))).toBe(true)
      }),
    )
  })

  it("graduated cost is the sum of its rows' subtotals", () => {
    fc.assert(
      fc.property(tiers, decimal(5000), (generated, quantity) => {
        const { amount: total, breakdown } = price({ model: 'tiered', tiers: generated }, quantity)
        const sum = breakdown.reduce((acc, row) => acc.plus(row.subtotal), new Big(0))
        expect(sum.eq(total)).toBe(true)
      }),
    )
  })

  it("volume cost is the quantity × the chosen tier's unit amount + its flat amount", () => {
    fc.assert(
      fc.property(tiers, decimal(5000), (generated, quantity) => {
        const { amount: total, breakdown } = price({ model: 'volume', tiers: generated }, quantity)
        const [row] = breakdown
        if (!row?.tier) throw new Error('volume must report its tier')
        const chosen = generated[row.tier - 1]!
        const q = new Big(quantity)
        // The chosen tier is the first whose bound the quantity does not exceed.
        expect(chosen.up_to === null || q.lte(chosen.up_to)).toBe(true)
        expect(row.tier === 1 || q.gt(row.from)).toBe(true)
        const expected = q.times(chosen.unit_amount ?? '0').plus(chosen.flat_amount ?? '0')
        expect(total.eq(expected)).toBe(true)
      }),
    )
  })

  it('package cost is a whole multiple of the package amount covering the billable units', () => {
    fc.assert(
      fc.property(
        positive(1000),
        decimal(100),
        decimal(500),
        fc.constantFrom('up' as const, 'down' as const),
        decimal(20_000),
        (package_size, package_amount, free_units, rounding, quantity) => {
          const pricing: Pricing = {
            model: 'package',
            package_size,
            package_amount,
            free_units,
            rounding,
          }
          const { amount: total, breakdown } = price(pricing, quantity)
          const packages = new Big(breakdown[0]!.units)
          expect(packages.mod(1).eq(0)).toBe(true)
          expect(total.eq(packages.times(package_amount))).toBe(true)
          const billable = new Big(quantity).minus(free_units)
          const covered = packages.times(package_size)
          if (billable.lte(0)) expect(packages.eq(0)).toBe(true)
          else if (rounding === 'up')
            expect(covered.gte(billable) && covered.minus(package_size).lt(billable)).toBe(true)
          else expect(covered.lte(billable) && covered.plus(package_size).gt(billable)).toBe(true)
        },
      ),
    )
  })

  it('flat cost with free units is never negative', () => {
    fc.assert(
      fc.property(decimal(100), decimal(10_000), decimal(10_000), (unit_amount, free_units, q) => {
        expect(amount({ model: 'flat', unit_amount, free_units }, q).gte(0)).toBe(true)
      }),
    )
  })

  it('a quote is deterministic', () => {
    fc.assert(
      fc.property(
        tiers,
        decimal(5000),
        fc.constantFrom('USD', 'JPY', 'KWD'),
        fc.constantFrom(
          'half_up' as const,
          'half_even' as const,
          'ceil' as const,
          'floor' as const,
        ),
        (generated, quantity, currency, rounding) => {
          const input = {
            pricing: { model: 'tiered' as const, tiers: generated },
            quantity,
            currency,
            rounding,
          }
          expect(quote(structuredClone(input))).toEqual(quote(input))
        },
      ),
    )
  })

  it('rounding lands within one minor unit of the exact amount, ceil above and floor below', () => {
    fc.assert(
      fc.property(decimal(1_000_000), (text) => {
        const exact = new Big(text).times(100)
        const ceil = roundToMinor(new Big(text), 'USD', 'ceil')
        const floor = roundToMinor(new Big(text), 'USD', 'floor')
        expect(exact.lte(ceil) && exact.gte(floor) && ceil - floor <= 1).toBe(true)
      }),
    )
  })
})
