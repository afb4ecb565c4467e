import { describe, expect, it } from 'vitest'
import type { Pricing, QuoteInput } from '../../../src-shared/domain/pricing'
import { AppError } from '../../../src-main/errors'
import type { QueryCtx } from '../../../src-main/ipc/handlers-types'
import { pricingHandlers } from '../../../src-main/pricing/handlers'
import { curve, price, quote } from '../../../src-main/pricing'

const tiered: Pricing = {
  model: 'tiered',
  tiers: [
    { up_to: '100', unit_amount: '1', flat_amount: '0' },
    { up_to: null, unit_amount: '0.5' },
  ],
}
const perUnit = (unit_amount: string): Pricing => ({ model: 'flat', unit_amount })

const failure = (run: () => unknown): AppError => {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

describe('quote', () => {
  it('prices the example: 150 units, 100 at $1 then $0.50', () => {
    expect(
      quote({ pricing: tiered, quantity: '150', currency: 'USD', rounding: 'half_up' }),
    ).toEqual({
      amount: '125',
      amount_minor: 12500,
      currency: 'USD',
      breakdown: [
        {
          tier: 1,
          from: '0',
          to: '100',
          units: '100',
          unit_amount: '1',
          flat_amount: '0',
          subtotal: '100',
        },
        {
          tier: 2,
          from: '100',
          to: null,
          units: '50',
          unit_amount: '0.5',
          flat_amount: '0',
          subtotal: '25',
        },
      ],
    })
  })

  it.each<[string, string, QuoteInput['rounding'], string, number]>([
    ['0.005', 'USD', undefined, '0.005', 1],
    ['0.005', 'USD', 'half_even', '0.005', 0],
    ['0.0001', 'USD', 'ceil', '0.0001', 1],
    ['0.0099', 'USD', 'floor', '0.0099', 0],
    ['0.5', 'JPY', undefined, '0.5', 1],
    ['0.0005', 'KWD', 'half_up', '0.0005', 1],
  ])(
    'one unit at %s %s rounded by %s: amount %s, %d minor',
    (unit, currency, rounding, amount, minor) => {
      const result = quote({ pricing: perUnit(unit), quantity: '1', currency, rounding })
      expect(result).toMatchObject({ amount, amount_minor: minor, currency })
    },
  )

  it('writes amounts without exponents, however small or large', () => {
    expect(quote({ pricing: perUnit('0.0000001'), quantity: '1', currency: 'USD' }).amount).toBe(
      '0.0000001',
    )
    expect(
      quote({ pricing: perUnit('1000000000'), quantity: '1000', currency: 'JPY' }).amount,
    ).toBe('1000000000000')
  })

  it('names every invalid field by its path', () => {
    const error = failure(() =>
      quote({
        pricing: {
          model: 'tiered',
          tiers: [
            { up_to: '100', unit_amount: '1' },
            { up_to: '100', unit_amount: '1' },
          ],
        },
        quantity: '-3',
        currency: 'usd',
      }),
    )
    expect(error.code).toBe('validation_failed')
    expect(error.fields).toEqual({
      'pricing.tiers[1].up_to': 'must be greater than 100',
      quantity: 'must not be negative',
      currency: 'must be a known ISO 4217 currency code such as USD, EUR or JPY',
    })
    expect(error.message).toContain('pricing.tiers[1].up_to: must be greater than 100')
  })

  it.each([
    ['1e3', 'must be a non-negative decimal number such as "12" or "0.0012"'],
    ['', 'must be a non-negative decimal number such as "12" or "0.0012"'],
    ['12 ', 'must be a non-negative decimal number such as "12" or "0.0012"'],
  ])('rejects the quantity %j', (quantity, message) => {
    const error = failure(() => quote({ pricing: tiered, quantity, currency: 'USD' }))
    expect(error.fields).toEqual({ quantity: message })
  })

  it('refuses a line too large to bill, naming the quantity', () => {
    const error = failure(() =>
      quote({ pricing: perUnit('1'), quantity: '100000000000000', currency: 'USD' }),
    )
    expect(error.fields).toEqual({ quantity: 'is too large to bill' })
  })
})

describe('price', () => {
  it('returns the exact amount of a parsed definition', () => {
    expect(price(tiered, '150.5').amount.toFixed()).toBe('125.25')
  })

  it('refuses a malformed quantity', () => {
    expect(failure(() => price(tiered, '-1')).fields).toEqual({
      quantity: 'must be a non-negative decimal number such as "12" or "0.0012"',
    })
  })
})

describe('curve', () => {
  it('samples evenly from zero to the last quantity inclusive', () => {
    expect(curve({ pricing: tiered, currency: 'USD', upTo: '200', points: 5 })).toEqual([
      { quantity: '0', amount_minor: 0 },
      { quantity: '50', amount_minor: 5000 },
      { quantity: '100', amount_minor: 10000 },
      { quantity: '150', amount_minor: 12500 },
      { quantity: '200', amount_minor: 15000 },
    ])
  })

  it('divides exactly to 20 places and ends on the last quantity itself', () => {
    const points = curve({ pricing: perUnit('3'), currency: 'USD', upTo: '1', points: 4 })
    expect(points.map((p) => p.quantity)).toEqual([
      '0',
      '0.33333333333333333333',
      '0.66666666666666666667',
      '1',
    ])
    expect(points.map((p) => p.amount_minor)).toEqual([0, 100, 200, 300])
  })

  it('defaults to 101 points', () => {
    expect(curve({ pricing: tiered, currency: 'USD', upTo: '100' })).toHaveLength(101)
  })

  it('names invalid fields', () => {
    expect(
      failure(() => curve({ pricing: tiered, currency: 'EUR', upTo: 'lots', points: 1 })).fields,
    ).toEqual({
      upTo: 'must be a non-negative decimal number such as "12" or "0.0012"',
      points: 'must be at least 2',
    })
  })
})

describe('pricing handlers', () => {
  const ctx = {} as QueryCtx

  it('answer a quote', async () => {
    await expect(
      pricingHandlers['pricing:quote']({ pricing: tiered, quantity: '150', currency: 'USD' }, ctx),
    ).resolves.toMatchObject({ amount: '125', amount_minor: 12500 })
  })

  it('reject, rather than throw, on an invalid request', async () => {
    const answer = pricingHandlers['pricing:curve'](
      { pricing: tiered, currency: 'XYZ', upTo: '10', points: 3 },
      ctx,
    )
    await expect(answer).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { currency: 'must be a known ISO 4217 currency code such as USD, EUR or JPY' },
    })
  })
})
