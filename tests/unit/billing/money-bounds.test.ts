import { describe, expect, it } from 'vitest'
import { computeInvoice } from '../../../src-main/billing/compute'
import { input, manualLine, span, terms } from './invoice-fixtures'
import { invoiceOf } from './totals-support'

describe('money bounds in the invoice calculation', () => {
  it('bills a base fee of exactly 10^13 minor units', () => {
    expect(invoiceOf(10_000_000_000_000).totals.totalMinor).toBe(10_000_000_000_000)
  })

  it('refuses a base fee one minor unit past 10^13, naming the customer, period and line', () => {
    expect(() => invoiceOf(10_000_000_000_001)).toThrow(
      /^The invoice of acme for 2026-10 cannot be written: the line "Plan[^"]*" is \$100,000,000,000\.01, past 10,000,000,000,000 minor units\.$/,
    )
  })

  it('refuses a subtotal past 10^13 made of lines each within it', () => {
    const lines = [manualLine('One', 5_000_000_000_000), manualLine('Two', 5_000_000_000_001)]
    expect(() => computeInvoice(input({ spans: [], manualLines: lines }))).toThrow(
      /its subtotal of \$100,000,000,000\.01 is past/,
    )
  })

  it('refuses a total past 10^13 once tax is added to a subtotal within it', () => {
    const taxed = input({
      spans: [span('Plan', terms({ basePriceMinor: 9_000_000_000_000 }))],
      tax: { region: 'DE', name: 'VAT', ratePercent: '19' },
    })
    expect(() => computeInvoice(taxed)).toThrow(/its total of \$107,100,000,000\.00 is past/)
  })

  it('caps a fixed discount of 10^30 stored before the bound at the subtotal', () => {
    const invoice = invoiceOf(10_000, {
      discounts: [
        { id: 1, description: 'Huge', kind: 'fixed', value: '1000000000000000000000000000000' },
      ],
    })
    expect(invoice.discounts.map((d) => d.amountMinor)).toEqual([10_000])
    expect(invoice.totals).toMatchObject({ discountMinor: 10_000, totalMinor: 0 })
  })

  it('caps a percent discount past 100 stored before the bound at the subtotal', () => {
    const invoice = invoiceOf(10_000, {
      discounts: [{ id: 1, description: 'Huge', kind: 'percent', value: '1e30' }],
    })
    expect(invoice.totals.discountMinor).toBe(10_000)
  })
})
