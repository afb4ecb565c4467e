import { describe, expect, it } from 'vitest'
import { checkBounds } from '../../../src-main/billing/compute/bounds'
import type { ComputedInvoice } from '../../../src-main/billing/compute/types'
import type { InvoiceTotals } from '../../../src-shared/domain/billing'
import { input, manualLine } from './invoice-fixtures'

/**
 * checkBounds on invoices built by hand: computeInvoice always adds its totals up, so the sums it
 * checks can only be seen to fail here (a later bug in settle would be caught the same way).
 */
const invoice = (
  lineAmounts: number[],
  totals: Partial<InvoiceTotals> = {},
  discountAmounts: number[] = [],
): ComputedInvoice => {
  const subtotalMinor = lineAmounts.reduce((a, b) => a + b, 0)
  const discountMinor = discountAmounts.reduce((a, b) => a + b, 0)
  return {
    lines: lineAmounts.map((amount, i) => manualLine(`Line ${i + 1}`, amount)),
    discounts: discountAmounts.map((amountMinor, i) => ({
      discountId: i + 1,
      description: `Discount ${i + 1}`,
      amountMinor,
    })),
    totals: {
      subtotalMinor,
      discountMinor,
      creditMinor: 0,
      taxMinor: 0,
      totalMinor: subtotalMinor - discountMinor,
      ...totals,
    },
    tax: null,
    notes: [],
  }
}

const check = (computed: ComputedInvoice) => () => checkBounds(input(), computed)

const past = 10_000_000_000_001

describe('checkBounds', () => {
  it('accepts totals that are the sum of their parts: 100.00 − 10.00 − 5.00 + 17.10 = 102.10', () => {
    const computed = invoice(
      [6000, 4000],
      { creditMinor: 500, taxMinor: 1710, totalMinor: 10710 - 500 },
      [1000],
    )
    expect(check(computed)).not.toThrow()
  })

  it.each([
    ['subtotal', { subtotalMinor: 10001 }, 'its subtotal is not the sum of its lines'],
    ['discount', { discountMinor: 999 }, 'its discount is not the sum of its discounts'],
    ['total', { totalMinor: 9001 }, 'its total is not subtotal − discount − credit + tax'],
    ['credit', { creditMinor: 1 }, 'its total is not subtotal − discount − credit + tax'],
    ['tax', { taxMinor: 1 }, 'its total is not subtotal − discount − credit + tax'],
  ] as const)('refuses a %s that does not add up', (_what, totals, why) => {
    expect(check(invoice([6000, 4000], totals, [1000]))).toThrow(
      `The invoice of acme for 2026-10 cannot be written: ${why}.`,
    )
  })

  it.each([
    ['discount', 'discountMinor'],
    ['credit', 'creditMinor'],
    ['tax', 'taxMinor'],
  ] as const)('refuses a %s past 10^13, naming it', (name, key) => {
    expect(check(invoice([1000], { [key]: past }))).toThrow(
      `The invoice of acme for 2026-10 cannot be written: its ${name} of $100,000,000,000.01 is past 10,000,000,000,000 minor units.`,
    )
  })

  it('refuses a negative line past −10^13', () => {
    expect(check(invoice([-past]))).toThrow(
      'the line "Line 1" is -$100,000,000,000.01, past 10,000,000,000,000 minor units.',
    )
  })

  it('writes an amount past 2^53 as its digits, where a money format would round it', () => {
    expect(check(invoice([2 ** 53 + 2]))).toThrow(
      'the line "Line 1" is 9007199254740994, past 10,000,000,000,000 minor units.',
    )
  })

  it('refuses as a conflict, so the run reports the subscription and bills the others', () => {
    expect(check(invoice([6000, 4000], { subtotalMinor: 10001 }))).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    )
  })
})
