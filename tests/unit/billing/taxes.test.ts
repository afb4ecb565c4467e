import { describe, expect, it } from 'vitest'
import type { TaxRate } from '../../../src-main/billing/compute/types'
import { computeInvoice } from '../../../src-main/billing/compute'
import { input, manualLine, span, terms } from './invoice-fixtures'
import { invoiceOf } from './totals-support'

const rate = (ratePercent: string): TaxRate => ({ region: 'US-NY', name: 'Sales tax', ratePercent })

describe('tax', () => {
  it.each([
    // [subtotal, rate, tax, why]
    [10000, '19', 1900, '19% of 100.00'],
    [1999, '8.875', 177, '8.875% of 19.99 = 1.7741125 → 1.77'],
    [1005, '10', 101, '10% of 10.05 = 1.005: the tie rounds half-up'],
    [1015, '10', 102, '10% of 10.15 = 1.015 → 1.02'],
    [1, '49', 0, '49% of 0.01 rounds to nothing'],
    [0, '19', 0, 'nothing to tax'],
    [-500, '19', 0, 'never tax on a negative base'],
  ])('subtotal %s at %s%% is taxed %s (%s)', (subtotal, ratePercent, tax) => {
    const invoice = invoiceOf(subtotal, { tax: rate(ratePercent) })
    expect(invoice.totals.taxMinor).toBe(tax)
    expect(invoice.tax).toEqual(rate(ratePercent))
    expect(invoice.notes.filter((n) => n.includes('tax'))).toEqual([])
  })

  it('taxes what is left after discounts', () => {
    // 100.00 − 10% = 90.00; 19% of 90.00 = 17.10.
    const invoice = invoiceOf(10000, {
      tax: rate('19'),
      discounts: [{ id: 1, description: 'Loyalty', kind: 'percent', value: '10' }],
    })
    expect(invoice.totals).toEqual({
      subtotalMinor: 10000,
      discountMinor: 1000,
      creditMinor: 0,
      taxMinor: 1710,
      totalMinor: 10710,
    })
  })

  it('rounds tax half-up whatever the plan’s rounding', () => {
    const floor = terms({ basePriceMinor: 1005, rounding: 'floor' })
    const invoice = invoiceOf(1005, { spans: [span('Plan', floor)], tax: rate('10') })
    expect(invoice.totals.taxMinor).toBe(101)
  })

  it('charges no tax to a tax-exempt customer, even where its region has a rate', () => {
    const invoice = invoiceOf(10000, {
      tax: rate('19'),
      customer: { ...input().customer, taxExempt: true },
    })
    expect(invoice.totals.taxMinor).toBe(0)
    expect(invoice.tax).toBeNull()
    expect(invoice.notes).toContain('Tax exempt: no tax is charged.')
  })

  it('charges no tax where the region has no rate, and prints no operator note about it', () => {
    // Finalizing warns about the region instead (invoices/finalize-warnings.ts).
    const invoice = invoiceOf(10000, {
      tax: null,
      customer: { ...input().customer, taxRegion: 'DE-BY' },
    })
    expect(invoice.totals.taxMinor).toBe(0)
    expect(invoice.tax).toBeNull()
    expect(invoice.notes.join('\n')).not.toMatch(/tax/i)
  })

  it.each([
    // ¥1,005 at 10% = ¥100.5 → ¥101; 1.005 KWD at 5% = 0.05025 → 0.050; 1.010 BHD → 0.0505 → 0.051.
    ['JPY', 1005, '10', 101],
    ['KWD', 1005, '5', 50],
    ['BHD', 1010, '5', 51],
  ])('rounds %s tax to its minor unit', (currency, subtotal, ratePercent, tax) => {
    const invoice = computeInvoice(
      input({
        customer: { ...input().customer, currency },
        spans: [],
        manualLines: [manualLine('Service', subtotal)],
        tax: rate(ratePercent),
      }),
    )
    expect(invoice.totals.taxMinor).toBe(tax)
  })
})
