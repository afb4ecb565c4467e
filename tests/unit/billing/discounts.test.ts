import { describe, expect, it } from 'vitest'
import type { ApplicableDiscount } from '../../../src-main/billing/compute/types'
import { span, terms } from './invoice-fixtures'
import { invoiceOf } from './totals-support'

const percent = (id: number, value: string): ApplicableDiscount => ({
  id,
  description: `${value}% off`,
  kind: 'percent',
  value,
})
const fixed = (id: number, value: string): ApplicableDiscount => ({
  id,
  description: `${value} off`,
  kind: 'fixed',
  value,
})
const amounts = (subtotal: number, discounts: ApplicableDiscount[]) =>
  invoiceOf(subtotal, { discounts }).discounts.map((d) => d.amountMinor)

describe('discounts', () => {
  it.each([
    // [subtotal, discounts, amounts each, why]
    [10000, [percent(1, '10')], [1000], '10% of 100.00'],
    [10000, [fixed(1, '2500')], [2500], 'a fixed 25.00'],
    [
      10000,
      [fixed(1, '2500'), percent(2, '10')],
      [2500, 750],
      'percent of what the fixed one left: 10% of 75.00',
    ],
    [10000, [percent(1, '10'), fixed(2, '2500')], [1000, 2500], 'the order matters'],
    [
      10000,
      [percent(1, '10'), percent(2, '10')],
      [1000, 900],
      'two percents compound: 10% of 90.00',
    ],
    [10000, [fixed(1, '15000')], [10000], 'a fixed discount is capped at the subtotal'],
    [10000, [fixed(1, '15000'), percent(2, '50')], [10000, 0], 'nothing is left for later ones'],
    [
      10000,
      [fixed(1, '6000'), fixed(2, '6000')],
      [6000, 4000],
      'the second is capped at what remains',
    ],
    [999, [percent(1, '12.5')], [125], '12.5% of 9.99 = 1.24875, rounded half-up once'],
    [1001, [percent(1, '50')], [501], '50% of 10.01 = 5.005 → 5.01'],
    [
      10000,
      [fixed(1, '1234.5')],
      [1235],
      'a fixed amount with a fraction of a cent rounds half-up',
    ],
    [10000, [percent(1, '100')], [10000], 'a hundred percent'],
    [50, [percent(1, '60')], [30], 'a percent is no fixed amount: 60% of 0.50, not all of it'],
    [-500, [percent(1, '10'), fixed(2, '100')], [0, 0], 'a negative subtotal is never discounted'],
  ])('subtotal %s with %j: %j (%s)', (subtotal, discounts, expected) => {
    expect(amounts(subtotal, discounts)).toEqual(expected)
  })

  it('records each discount with its id and description, and the total discount', () => {
    const invoice = invoiceOf(10000, { discounts: [percent(7, '10'), fixed(9, '500')] })
    expect(invoice.discounts).toEqual([
      { discountId: 7, description: '10% off', amountMinor: 1000 },
      { discountId: 9, description: '500 off', amountMinor: 500 },
    ])
    expect(invoice.totals).toMatchObject({
      subtotalMinor: 10000,
      discountMinor: 1500,
      totalMinor: 8500,
    })
  })

  it('rounds percent discounts half-up whatever the plan’s rounding', () => {
    // 50% of 10.01 = 5.005: half-up 5.01 even though amounts of this plan would round down.
    const floor = terms({ basePriceMinor: 1001, rounding: 'floor' })
    const invoice = invoiceOf(1001, { spans: [span('Plan', floor)], discounts: [percent(1, '50')] })
    expect(invoice.totals.discountMinor).toBe(501)
  })
})
