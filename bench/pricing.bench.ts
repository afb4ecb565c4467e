import Big from 'big.js'
import { describe, expect, test } from 'vitest'
import type { Pricing, QuoteInput } from '../src-shared/domain/pricing'
import { PricingSchema, price, quote, roundToMinor } from '../src-main/pricing'

// Usage lines are priced in bulk at invoice time: a five-tier graduated price must quote at
// 200,000 lines per second or more in one process, rounding included.
const TARGET_PER_SECOND = 200_000
const BATCH = 1000
// Long enough to average out a noisy machine (a shared CI runner, JIT warm-up, GC).
const RUN = { time: 2000, warmupTime: 500 }

const pricing: Pricing = PricingSchema.parse({
  model: 'tiered',
  tiers: [
    { up_to: '1000', unit_amount: '0.0100', flat_amount: '5' },
    { up_to: '10000', unit_amount: '0.0080' },
    { up_to: '100000', unit_amount: '0.0060', flat_amount: '10' },
    { up_to: '1000000', unit_amount: '0.0045' },
    { up_to: null, unit_amount: '0.0030' },
  ],
})

// Quantities spread over every tier, fractional ones included.
const quantities = Array.from({ length: BATCH }, (_, i) =>
  i % 3 === 0 ? String(i * 1733) : `${(i * 7919) % 2_000_000}.${i % 100}`,
)

const perSecond = (meanMs: number): number => Math.round((BATCH * 1000) / meanMs)

describe('pricing throughput (five-tier graduated)', () => {
  test('price and round, definition parsed once', async ({ bench }) => {
    let total = 0
    const result = await bench('price + roundToMinor × 1000', () => {
      for (const quantity of quantities)
        total += roundToMinor(price(pricing, quantity).amount, 'USD', 'half_up')
    }).run(RUN)
    const rate = perSecond(result.latency.mean)
    console.log(
      `price + round: ${rate.toLocaleString('en')} quotes/s by the mean (${result.latency.mean.toFixed(3)} ms per ${BATCH}), ${perSecond(result.latency.p50).toLocaleString('en')} by the median`,
    )
    expect(total).toBeGreaterThan(0)
    expect(rate).toBeGreaterThanOrEqual(TARGET_PER_SECOND)
  })

  test('quote() with full validation, for information', async ({ bench }) => {
    const inputs: QuoteInput[] = quantities.map((quantity) => ({
      pricing,
      quantity,
      currency: 'USD',
    }))
    let total = new Big(0)
    const result = await bench('quote() × 1000', () => {
      for (const input of inputs) total = total.plus(quote(input).amount_minor)
    }).run(RUN)
    console.log(
      `quote(): ${perSecond(result.latency.mean).toLocaleString('en')} quotes/s (mean ${result.latency.mean.toFixed(3)} ms per ${BATCH})`,
    )
    expect(total.gt(0)).toBe(true)
  })
})
