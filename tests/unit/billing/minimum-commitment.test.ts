import { describe, expect, it } from 'vitest'
import { computeInvoice } from '../../../src-main/billing/compute'
import type { LateUsage } from '../../../src-main/billing/compute/types'
import {
  apiCalls,
  at,
  input,
  linesOf,
  manualLine,
  october,
  september,
  span,
  summary,
  terms,
} from './invoice-fixtures'

// Starter: 29.00 a month, API calls beyond 10,000 at 0.002, a minimum of 100.00 a period.
const starter = terms({ basePriceMinor: 2900, minimumCommitmentMinor: 10000, features: [apiCalls] })
const minimumOf = (invoice: ReturnType<typeof computeInvoice>) =>
  linesOf(invoice, 'minimum').map((l) => [l.description, l.amountMinor])

describe('minimum commitment', () => {
  it('adds a true-up up to the minimum when charges fall short', () => {
    // 29.00 base + 2,500 × 0.002 = 5.00 usage = 34.00; 100.00 − 34.00 = 66.00.
    const invoice = computeInvoice(
      input({ spans: [span('Starter', starter)], usage: { api_calls: '12500' } }),
    )
    expect(summary(invoice).at(-1)).toEqual([
      'minimum',
      'Minimum commitment true-up: charges of $34.00 are below the Starter minimum of $100.00',
      6600,
    ])
    expect(invoice.lines.at(-1)).toMatchObject({ quantity: '1', unitAmount: '66.00' })
    expect(invoice.totals.subtotalMinor).toBe(10000)
    expect(invoice.notes).toContain(
      "Charges were below the plan's minimum commitment: a true-up line makes up the difference.",
    )
  })

  it('adds nothing when charges reach or pass the minimum', () => {
    // 29.00 + 90,000 × 0.002 = 209.00.
    const above = input({ spans: [span('Starter', starter)], usage: { api_calls: '100000' } })
    expect(minimumOf(computeInvoice(above))).toEqual([])
    // 29.00 + 35,500 × 0.002 = 29.00 + 71.00 = 100.00 exactly.
    const equal = input({ spans: [span('Starter', starter)], usage: { api_calls: '45500' } })
    expect(minimumOf(computeInvoice(equal))).toEqual([])
  })

  it('prorates the minimum by billable days, like the base fee', () => {
    // From 15 Oct: 17 of 31 days. Minimum 10000 × 17 / 31 = 5483.87 → 5484; base
    // 2900 × 17 / 31 = 1590.32 → 1590; no usage. True-up 5484 − 1590 = 3894.
    const invoice = computeInvoice(
      input({ spans: [span('Starter', starter, at('2026-10-15T00:00:00Z'))] }),
    )
    expect(minimumOf(invoice)).toEqual([
      [
        'Minimum commitment true-up: charges of $15.90 are below the Starter minimum of $54.84 ($100.00 for 17 of 31 days)',
        3894,
      ],
    ])
  })

  it('rounds the prorated minimum by the plan’s rule', () => {
    // floor: minimum 5483.87 → 5483; base 1590.32 → 1590; true-up 3893.
    const floor = { ...starter, rounding: 'floor' as const }
    const invoice = computeInvoice(
      input({ spans: [span('Starter', floor, at('2026-10-15T00:00:00Z'))] }),
    )
    expect(minimumOf(invoice).map(([, amount]) => amount)).toEqual([3893])
  })

  it('takes the minimum of the plan in force at the end, over the whole billable part', () => {
    // Starter (no minimum) → Pro (200.00 minimum) on 15 Oct: 2900 − 1590 + 5429 = 6739 counts,
    // proration included. The period is billable in full, so 20000 − 6739 = 13261.
    const pro = terms({ basePriceMinor: 9900, minimumCommitmentMinor: 20000 })
    const change = at('2026-10-15T00:00:00Z')
    const invoice = computeInvoice(
      input({
        spans: [
          span('Starter', terms({ basePriceMinor: 2900 }), october.start, change),
          span('Pro', pro, change),
        ],
      }),
    )
    expect(minimumOf(invoice)).toEqual([
      ['Minimum commitment true-up: charges of $67.39 are below the Pro minimum of $200.00', 13261],
    ])
  })

  it('does not count late adjustments or manual lines towards the minimum', () => {
    const lateSms: LateUsage = {
      period: september,
      feature: apiCalls,
      terms: { currency: 'USD', rounding: 'half_up' },
      override: undefined,
      totalQuantity: '60000',
      billedQuantity: '10000',
      billedAmountMinor: 0,
    }
    // 29.00 base + 0 usage; the adjustment (50,000 × 0.002 = 100.00) and the manual 200.00
    // are extras: the true-up is still 100.00 − 29.00 = 71.00.
    const invoice = computeInvoice(
      input({
        spans: [span('Starter', starter)],
        late: [lateSms],
        manualLines: [manualLine('Onboarding workshop', 20000)],
      }),
    )
    expect(invoice.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      ['base', 2900],
      ['usage', 0],
      ['minimum', 7100],
      ['adjustment', 10000],
      ['manual', 20000],
    ])
    expect(invoice.totals.subtotalMinor).toBe(40000)
  })

  it('is discounted and taxed like any other line', () => {
    const invoice = computeInvoice(
      input({
        spans: [span('Starter', starter)],
        discounts: [{ id: 1, description: 'Launch 10%', kind: 'percent', value: '10' }],
        tax: { region: 'US-NY', name: 'Sales tax', ratePercent: '8' },
      }),
    )
    // Subtotal 100.00 (29.00 + 71.00); 10% off = 10.00; 8% of 90.00 = 7.20.
    expect(invoice.totals).toEqual({
      subtotalMinor: 10000,
      discountMinor: 1000,
      creditMinor: 0,
      taxMinor: 720,
      totalMinor: 9720,
    })
  })
})
