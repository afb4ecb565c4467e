import { describe, expect, it } from 'vitest'
import type { TaxRate } from '../../../src-main/billing/compute/types'
import { invoiceOf } from './totals-support'

const vat: TaxRate = { region: 'US-NY', name: 'Sales tax', ratePercent: '19' }

describe('prepaid credits', () => {
  it.each([
    // [subtotal, balance, credit, total, why]
    [10000, 500, 500, 11400, 'part of the invoice: 119.00 taxed, 5.00 paid by credit'],
    [10000, 11900, 11900, 0, 'exactly the taxed total'],
    [10000, 50000, 11900, 0, 'more than the total: only the total is consumed'],
    [10000, 0, 0, 11900, 'no credit'],
    [10000, -300, 0, 11900, 'a negative balance is never charged'],
    [-500, 1000, 0, -500, 'a negative invoice consumes nothing'],
  ])(
    'subtotal %s with %s of credit: credit %s, total %s (%s)',
    (subtotal, balance, credit, total) => {
      const invoice = invoiceOf(subtotal, { creditBalanceMinor: balance, tax: vat })
      expect([invoice.totals.creditMinor, invoice.totals.totalMinor]).toEqual([credit, total])
    },
  )

  it('is applied after discounts and tax, so tax is charged on the full discounted amount', () => {
    // 100.00 − 20% = 80.00; tax 19% = 15.20; payable 95.20; credit 100.00 pays 95.20 of it.
    const invoice = invoiceOf(10000, {
      creditBalanceMinor: 10000,
      tax: vat,
      discounts: [{ id: 1, description: 'Partner', kind: 'percent', value: '20' }],
    })
    expect(invoice.totals).toEqual({
      subtotalMinor: 10000,
      discountMinor: 2000,
      creditMinor: 9520,
      taxMinor: 1520,
      totalMinor: 0,
    })
  })
})
