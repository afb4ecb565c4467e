import { describe, expect, it } from 'vitest'
import { computeInvoice } from '../../../src-main/billing/compute'
import type { PlanFeature } from '../../../src-shared/domain/catalog'
import { input, span, summary, terms } from './invoice-fixtures'

const zeroTotals = {
  subtotalMinor: 0,
  discountMinor: 0,
  creditMinor: 0,
  taxMinor: 0,
  totalMinor: 0,
}

describe('zero invoices', () => {
  it('has no lines and zero totals for a period wholly in trial, and says why', () => {
    const invoice = computeInvoice(
      input({
        spans: [],
        creditBalanceMinor: 5000,
        discounts: [{ id: 1, description: 'Welcome', kind: 'fixed', value: '1000' }],
        tax: { region: 'US-NY', name: 'Sales tax', ratePercent: '8' },
      }),
    )
    expect(invoice.lines).toEqual([])
    expect(invoice.totals).toEqual(zeroTotals)
    expect(invoice.discounts).toEqual([{ discountId: 1, description: 'Welcome', amountMinor: 0 }])
    expect(invoice.notes).toEqual(['Nothing in this period is billable: it was all in the trial.'])
  })

  it('keeps a usage-only invoice without usage as zero lines', () => {
    const calls: PlanFeature = {
      code: 'api_calls',
      name: 'API calls',
      type: 'usage',
      pricing: { model: 'flat', unit_amount: '0.01' },
    }
    const invoice = computeInvoice(
      input({ spans: [span('Pay as you go', terms({ basePriceMinor: 0, features: [calls] }))] }),
    )
    expect(summary(invoice)).toEqual([['usage', 'API calls: 0 used', 0]])
    expect(invoice.totals).toEqual(zeroTotals)
  })
})

describe('currencies without and with three minor digits', () => {
  it('bills a JPY invoice in whole yen', () => {
    // Base ¥5,000. Calls beyond 1,000 at ¥0.5: 2,345 − 1,000 = 1,345 × 0.5 = ¥672.5 → ¥673.
    // Subtotal ¥5,673; 15% off = ¥850.95 → ¥851; tax 10% of ¥4,822 = ¥482.2 → ¥482.
    // Total 5,673 − 851 + 482 = ¥5,304.
    const calls: PlanFeature = {
      code: 'api_calls',
      name: 'API calls',
      type: 'usage',
      includedUnits: '1000',
      pricing: { model: 'flat', unit_amount: '0.5' },
    }
    const invoice = computeInvoice(
      input({
        customer: { ...input().customer, currency: 'JPY', taxRegion: 'JP' },
        spans: [span('Team', terms({ currency: 'JPY', basePriceMinor: 5000, features: [calls] }))],
        usage: { api_calls: '2345' },
        discounts: [{ id: 3, description: 'Spring 15%', kind: 'percent', value: '15' }],
        tax: { region: 'JP', name: 'Consumption tax', ratePercent: '10' },
      }),
    )
    expect(summary(invoice)).toEqual([
      ['base', 'Team base fee, 1–31 Oct 2026', 5000],
      ['usage', 'API calls: 2,345 used, 1,000 included', 673],
    ])
    expect(invoice.lines[0]?.unitAmount).toBe('5000')
    expect(invoice.totals).toEqual({
      subtotalMinor: 5673,
      discountMinor: 851,
      creditMinor: 0,
      taxMinor: 482,
      totalMinor: 5304,
    })
  })

  it('bills a KWD invoice in fils, with the minimum commitment in KWD', () => {
    // Base 10.000 KWD; minimum 25.500 KWD; true-up 15.500 KWD.
    const invoice = computeInvoice(
      input({
        customer: { ...input().customer, currency: 'KWD' },
        spans: [
          span(
            'Gulf',
            terms({ currency: 'KWD', basePriceMinor: 10000, minimumCommitmentMinor: 25500 }),
          ),
        ],
      }),
    )
    expect(summary(invoice)).toEqual([
      ['base', 'Gulf base fee, 1–31 Oct 2026', 10000],
      [
        'minimum',
        'Minimum commitment true-up: charges of KWD 10.000 are below the Gulf minimum of KWD 25.500',
        15500,
      ],
    ])
    expect(invoice.lines[1]?.unitAmount).toBe('15.500')
  })
})
