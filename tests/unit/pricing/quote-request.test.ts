import { describe, expect, it } from 'vitest'
import { pricingKinds } from '../../../src-shared/domain/pricing'
import { AppError } from '../../../src-main/errors'
import { curve, models, price, QuoteSchema, quoteUnknown } from '../../../src-main/pricing'

const failure = (run: () => unknown): AppError => {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}
const fieldsOf = (input: unknown) => failure(() => quoteUnknown(input)).fields

const flat = { model: 'flat', unit_amount: '2' }
// The request as Lago writes a charge: the definition beside its model.
const lago = { model: 'flat', definition: { unit_amount: '2' }, quantity: '3', currency: 'USD' }
const modelsMessage =
  'must be one of flat, tiered, volume, package, percentage, graduated_percentage'

describe('a quote request', () => {
  it.each<[string, unknown, Record<string, string>]>([
    ['a missing currency', { pricing: flat, quantity: '1' }, { currency: 'is required' }],
    [
      'a currency that is not text',
      { pricing: flat, quantity: '1', currency: 840 },
      { currency: 'must be text' },
    ],
    [
      'an unknown rounding rule',
      { pricing: flat, quantity: '1', currency: 'USD', rounding: 'nearest' },
      { rounding: 'must be one of half_up, half_even, ceil, floor' },
    ],
    [
      'events that are not a list',
      { pricing: flat, events: '1,2', currency: 'USD' },
      { events: 'must be a list of event values' },
    ],
    [
      'neither a quantity nor events',
      { pricing: flat, currency: 'USD' },
      { quantity: "give either quantity or events (the period's event values), one of them" },
    ],
    [
      'a request that is not an object',
      'flat 3 USD',
      { '(input)': 'Invalid input: expected object, received string' },
    ],
  ])('names %s', (_name, input, fields) => {
    expect(fieldsOf(input)).toEqual(fields)
  })

  it('says which channel refused it', () => {
    expect(failure(() => quoteUnknown({ pricing: flat, currency: 'USD' })).message).toBe(
      "Invalid input for pricing:quote: quantity: give either quantity or events (the period's event values), one of them",
    )
  })

  it('refuses null, as data, not with a crash', () => {
    expect(failure(() => quoteUnknown(null)).code).toBe('validation_failed')
  })

  it('defaults the rounding to half_up and reports its rules as custom issues', () => {
    expect(QuoteSchema.parse({ pricing: flat, quantity: '1', currency: 'USD' }).rounding).toBe(
      'half_up',
    )
    expect(QuoteSchema.safeParse({ pricing: flat, currency: 'USD' }).error?.issues).toMatchObject([
      { code: 'custom', path: ['quantity'] },
    ])
  })

  it('prices a percentage definition given a quantity as one event', () => {
    const pricing = { model: 'percentage', rate_percent: '1', fixed_amount_per_event: '0.3' }
    expect(quoteUnknown({ pricing, quantity: '200', currency: 'USD' })).toMatchObject({
      amount: '2.3',
      amount_minor: 230,
    })
  })

  it('prices the sum of the events under a model other than percentage', () => {
    expect(quoteUnknown({ pricing: flat, events: ['1.5', '2.5'], currency: 'USD' })).toMatchObject({
      amount: '8',
      amount_minor: 800,
    })
  })

  it('has a model for every pricing kind, each under its own kind', () => {
    expect(Object.keys(models)).toEqual([...pricingKinds])
    for (const kind of pricingKinds) expect(models[kind].kind).toBe(kind)
  })
})

describe("a quote request in Lago's form (model beside its definition)", () => {
  it('is priced like the same request with a pricing', () => {
    expect(quoteUnknown(lago)).toMatchObject({ amount: '6', amount_minor: 600 })
  })

  it.each<[string, unknown, Record<string, string>]>([
    [
      'a definition that is null',
      { ...lago, definition: null },
      {
        definition: `must be a pricing definition: an object with a model (${pricingKinds.join(', ')})`,
      },
    ],
    [
      'a definition that is a list',
      { ...lago, definition: ['2'] },
      {
        definition: `must be a pricing definition: an object with a model (${pricingKinds.join(', ')})`,
      },
    ],
    [
      'a definition that is text',
      { ...lago, definition: 'cheap' },
      {
        definition: `must be a pricing definition: an object with a model (${pricingKinds.join(', ')})`,
      },
    ],
    ['an unknown model', { ...lago, model: 'stairs' }, { model: modelsMessage }],
    [
      'a field of the request itself',
      { ...lago, currency: 'usd' },
      { currency: 'must be a known ISO 4217 currency code such as USD, EUR or JPY' },
    ],
    [
      'an unknown field of the request',
      { ...lago, extra: true },
      { extra: 'is not a known field' },
    ],
    [
      'neither a quantity nor events',
      { model: 'flat', definition: { unit_amount: '2' }, currency: 'USD' },
      { quantity: "give either quantity or events (the period's event values), one of them" },
    ],
    [
      'both a pricing and a definition',
      { ...lago, pricing: flat },
      { definition: 'is not a known field', model: 'is not a known field' },
    ],
  ])('names %s', (_name, input, fields) => {
    expect(fieldsOf(input)).toEqual(fields)
  })
})

describe('a price or a curve refused', () => {
  it('quotes the quantity that is not a decimal', () => {
    const error = failure(() => price({ model: 'flat', unit_amount: '1' }, '-1'))
    expect(error.code).toBe('validation_failed')
    expect(error.message).toBe(
      'Invalid quantity "-1": must be a non-negative decimal number such as "12" or "0.0012"',
    )
  })

  it.each<[string, object, Record<string, string>]>([
    [
      'a fractional number of points',
      { points: 2.5 },
      { points: 'must be a whole number of points' },
    ],
    ['more than 500 points', { points: 501 }, { points: 'must be at most 500' }],
    [
      'a last quantity too large to bill',
      { upTo: '100000000000000' },
      { upTo: 'is too large to bill' },
    ],
  ])('names %s', (_name, change, fields) => {
    const error = failure(() =>
      curve({
        pricing: { model: 'flat', unit_amount: '1' },
        currency: 'USD',
        upTo: '10',
        ...change,
      }),
    )
    expect(error.fields).toEqual(fields)
  })

  it('says which channel refused it', () => {
    const error = failure(() =>
      curve({
        pricing: { model: 'flat', unit_amount: '1' },
        currency: 'USD',
        upTo: '10',
        points: 1,
      }),
    )
    expect(error.message).toBe('Invalid input for pricing:curve: points: must be at least 2')
  })

  it('ends a curve on the last quantity exactly, beyond 20 decimal places', () => {
    const upTo = '0.1234567890123456789012345'
    const points = curve({
      pricing: { model: 'flat', unit_amount: '1' },
      currency: 'USD',
      upTo,
      points: 2,
    })
    expect(points.map((p) => p.quantity)).toEqual(['0', upTo])
  })

  it('draws up to 500 points', () => {
    expect(
      curve({
        pricing: { model: 'flat', unit_amount: '1' },
        currency: 'USD',
        upTo: '10',
        points: 500,
      }),
    ).toHaveLength(500)
  })
})
