import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import type { PercentagePricing } from '../../../src-shared/domain/pricing'
import { PricingSchema, quote } from '../../../src-main/pricing'
import { validationError } from '../../../src-main/ipc/validation'
import { priceEvents } from '../../../src-main/pricing/percentage'

const amountOf = (pricing: Omit<PercentagePricing, 'model'>, events: string[]): string =>
  priceEvents(
    events.map((e) => new Big(e)),
    { model: 'percentage', ...pricing },
  ).amount.toFixed()

// Lago's own spec (percentage_service_spec.rb): four events of 50, 100, 250 and 400 (800 in all),
// 1.3 % plus 2.00 a transaction, the first 3 events or the first 250 free.
const lago = ['50', '100', '250', '400']
const rate = { rate_percent: '1.3', fixed_amount_per_event: '2.0' }

describe('percentage pricing (Lago)', () => {
  it.each<[string, Omit<PercentagePricing, 'model'>, string[], string]>([
    ['nothing used', { ...rate, free_units_per_events: '3' }, [], '0'],
    [
      'both free limits: the amount runs out first, (800 − 250) × 1.3 % + 2 events × 2',
      { ...rate, free_units_per_events: '3', free_units_per_total_aggregation: '250.0' },
      lago,
      '11.15',
    ],
    [
      'free events only: (800 − 400) × 1.3 % + 1 event × 2',
      { ...rate, free_units_per_events: '3' },
      lago,
      '7.2',
    ],
    [
      'free amount only: (800 − 250) × 1.3 % + 2 events × 2',
      { ...rate, free_units_per_total_aggregation: '250.0' },
      lago,
      '11.15',
    ],
    [
      'both, the events run out first (500 free, 3 events): (800 − 400) × 1.3 % + 1 × 2',
      { ...rate, free_units_per_events: '3', free_units_per_total_aggregation: '500.0' },
      lago,
      '7.2',
    ],
    ['no free units: 800 × 1.3 % + 4 × 2', rate, lago, '18.4'],
    [
      'a rate of 0: the fixed fees alone, 4 × 2',
      { rate_percent: '0', fixed_amount_per_event: '2.0' },
      lago,
      '8',
    ],
    [
      'more free events than events: 0',
      { ...rate, free_units_per_events: '5' },
      ['50', '100', '250'],
      '0',
    ],
  ])('%s', (_, pricing, events, amount) => {
    expect(amountOf(pricing, events)).toBe(amount)
  })

  it('clamps each transaction to its minimum and maximum, and says by how much', () => {
    // 1 % + 0.30: 0.40 → 0.50 (min), 1.10, 100.30 → 50 (max); 51.60 in all.
    const pricing: PercentagePricing = {
      model: 'percentage',
      rate_percent: '1',
      fixed_amount_per_event: '0.30',
      per_transaction_min_amount: '0.50',
      per_transaction_max_amount: '50',
    }
    const { amount, breakdown } = priceEvents(
      ['10', '80', '10000'].map((e) => new Big(e)),
      pricing,
    )
    expect(amount.toFixed()).toBe('51.6')
    expect(breakdown).toEqual([
      {
        label: 'percentage',
        from: '0',
        to: null,
        units: '10090',
        unit_amount: '0.01',
        flat_amount: '0',
        subtotal: '100.9',
      },
      {
        label: 'fixed fees',
        from: '0',
        to: null,
        units: '3',
        unit_amount: '0.3',
        flat_amount: '0',
        subtotal: '0.9',
      },
      {
        label: 'per-transaction limits',
        from: '0',
        to: null,
        units: '1',
        unit_amount: '-50.2',
        flat_amount: '0',
        subtotal: '-50.2',
      },
    ])
  })

  it('leaves a free transaction free even under a minimum', () => {
    expect(
      amountOf({ rate_percent: '1', per_transaction_min_amount: '1', free_units_per_events: '1' }, [
        '10',
        '10',
      ]),
    ).toBe('1')
  })

  it('is quoted from the period event values, rounded once', () => {
    const answer = quote({
      model: 'percentage',
      definition: { rate_percent: '2.9', fixed_amount_per_event: '0.30' },
      events: ['10', '80', '10000'],
      currency: 'USD',
    })
    // 10,090 × 2.9 % = 292.61, plus 3 × 0.30 = 293.51.
    expect(answer).toMatchObject({ amount: '293.51', amount_minor: 29351, currency: 'USD' })
  })

  it('names a bad definition field by its place in the request', () => {
    expect(() =>
      quote({
        model: 'percentage',
        definition: {
          rate_percent: '1',
          per_transaction_min_amount: '5',
          per_transaction_max_amount: '2',
        },
        events: ['1'],
        currency: 'USD',
      }),
    ).toThrow(
      expect.objectContaining({
        fields: {
          'definition.per_transaction_max_amount':
            'must not be less than per_transaction_min_amount (5)',
        },
      }),
    )
  })

  it('needs either a quantity or the events, not both', () => {
    expect(() =>
      quote({
        pricing: { model: 'percentage', rate_percent: '1' },
        quantity: '1',
        events: ['1'],
        currency: 'USD',
      }),
    ).toThrow(
      expect.objectContaining({
        fields: { quantity: expect.stringContaining('either') as unknown },
      }),
    )
  })
})

describe('percentage pricing, more events', () => {
  it('shows no limits row when the limits changed nothing', () => {
    const pricing: PercentagePricing = {
      model: 'percentage',
      rate_percent: '1',
      per_transaction_min_amount: '0.05',
      per_transaction_max_amount: '5',
    }
    const { amount, breakdown } = priceEvents([new Big('10'), new Big('20')], pricing)
    expect(amount.toFixed()).toBe('0.3')
    expect(breakdown.map((row) => row.label)).toEqual(['percentage', 'fixed fees'])
  })

  it('charges an event of zero value its fixed fee outside the free window', () => {
    // 0.5 + (10 × 1 % + 0.5).
    expect(amountOf({ rate_percent: '1', fixed_amount_per_event: '0.5' }, ['0', '10'])).toBe('1.1')
  })

  it('charges the event after a free amount used up exactly', () => {
    // The first 100 are free; the second event pays 50 × 10 % + 1.
    expect(
      amountOf(
        {
          rate_percent: '10',
          fixed_amount_per_event: '1',
          free_units_per_total_aggregation: '100',
        },
        ['100', '50'],
      ),
    ).toBe('6')
  })

  it('charges the fixed fee of a zero-value event once the free amount is used up', () => {
    // The first 10 are free; the event of 0 after them pays its fixed fee of 1.
    expect(
      amountOf(
        { rate_percent: '10', fixed_amount_per_event: '1', free_units_per_total_aggregation: '10' },
        ['10', '0'],
      ),
    ).toBe('1')
  })

  it('clamps a charged event exactly at its limits to the same amount', () => {
    // 10 × 10 % = 1, the minimum and the maximum alike: no adjustment row.
    const { amount, breakdown } = priceEvents([new Big('10')], {
      model: 'percentage',
      rate_percent: '10',
      per_transaction_min_amount: '1',
      per_transaction_max_amount: '1',
    })
    expect(amount.toFixed()).toBe('1')
    expect(breakdown).toHaveLength(2)
  })
})

describe('percentage definitions', () => {
  const fieldsOf = (value: object): Record<string, string> | undefined => {
    const parsed = PricingSchema.safeParse({ model: 'percentage', rate_percent: '1', ...value })
    return parsed.success ? undefined : validationError('test', parsed.error).fields
  }

  it.each<[string, object, Record<string, string>]>([
    [
      'a fractional number of free events',
      { free_units_per_events: '2.5' },
      { free_units_per_events: 'must be a whole number of events' },
    ],
    [
      'a maximum below the minimum',
      { per_transaction_min_amount: '5', per_transaction_max_amount: '4.99' },
      { per_transaction_max_amount: 'must not be less than per_transaction_min_amount (5)' },
    ],
    [
      'a malformed maximum, not compared with the minimum',
      { per_transaction_min_amount: '5', per_transaction_max_amount: 'four' },
      {
        per_transaction_max_amount:
          'must be a non-negative decimal number such as "12" or "0.0012"',
      },
    ],
  ])('rejects %s', (_name, value, fields) => {
    expect(fieldsOf(value)).toEqual(fields)
  })

  it.each<[string, object]>([
    ['a minimum alone', { per_transaction_min_amount: '5' }],
    ['a maximum alone', { per_transaction_max_amount: '5' }],
    [
      'a maximum equal to the minimum',
      { per_transaction_min_amount: '5', per_transaction_max_amount: '5' },
    ],
    ['whole free events', { free_units_per_events: '12' }],
  ])('accepts %s', (_name, value) => {
    expect(fieldsOf(value)).toBeUndefined()
  })

  it('reports the limits rule as a custom issue', () => {
    const parsed = PricingSchema.safeParse({
      model: 'percentage',
      rate_percent: '1',
      per_transaction_min_amount: '5',
      per_transaction_max_amount: '4',
    })
    expect(parsed.error?.issues).toMatchObject([
      { code: 'custom', path: ['per_transaction_max_amount'] },
    ])
  })
})
