import { describe, expect, it } from 'vitest'
import { computeInvoice } from '../../../src-main/billing/compute'
import type { BillingPeriod } from '../../../src-main/billing/compute/types'
import type { RoundingRule } from '../../../src-shared/domain/pricing'
import { at, input, october, span, summary, terms } from './invoice-fixtures'

// October 2026 has 31 days (D = 31). Each amount below is base × days / 31, rounded once.
const starter = terms({ basePriceMinor: 2900 })
const growth = terms({ basePriceMinor: 4900 })
const pro = terms({ basePriceMinor: 9900 })
const oct = (day: number, time = '00:00:00') =>
  at(`2026-10-${String(day).padStart(2, '0')}T${time}Z`)

describe('base fee for one plan', () => {
  it('charges the full fee for a whole period, with no rounding', () => {
    const invoice = computeInvoice(input({ spans: [span('Growth', growth)] }))
    expect(summary(invoice)).toEqual([['base', 'Growth base fee, 1–31 Oct 2026', 4900]])
    expect(invoice.lines[0]).toMatchObject({ quantity: '1', unitAmount: '49.00', breakdown: [] })
    expect(invoice.notes).toEqual([])
  })

  it('prorates a start mid-period by days', () => {
    // 15–31 Oct is 17 days: 4900 × 17 / 31 = 2687.10 → 2687.
    const invoice = computeInvoice(input({ spans: [span('Growth', growth, oct(15))] }))
    expect(summary(invoice)).toEqual([
      ['base', 'Growth base fee, 15–31 Oct 2026 (17 of 31 days)', 2687],
    ])
    expect(invoice.notes.slice(0, 2)).toEqual([
      'The subscription started on 15 Oct 2026: the base fee is prorated by day.',
      'Billed for 17 of 31 days.',
    ])
  })

  it('bills a trial that ends into the first paid period from the trial end', () => {
    // Trial days are before 20 Oct; 20–31 Oct is 12 days: 4900 × 12 / 31 = 1896.77 → 1897.
    const invoice = computeInvoice(
      input({ spans: [span('Growth', growth, oct(20))], trialEndedAt: oct(20) }),
    )
    expect(summary(invoice)).toEqual([
      ['base', 'Growth base fee, 20–31 Oct 2026 (12 of 31 days)', 1897],
    ])
    expect(invoice.notes[0]).toBe('The trial ended on 20 Oct 2026: billing starts that day.')
  })

  it('bills an immediate cancellation to the day before it', () => {
    // Canceled 20 Oct 15:00: 1–19 Oct is 19 days: 4900 × 19 / 31 = 3003.23 → 3003.
    const invoice = computeInvoice(
      input({ spans: [span('Growth', growth, october.start, oct(20, '15:00:00'))] }),
    )
    expect(summary(invoice)).toEqual([
      ['base', 'Growth base fee, 1–19 Oct 2026 (19 of 31 days)', 3003],
    ])
    expect(invoice.notes).toContain(
      'The subscription was canceled on 20 Oct 2026: this is its final invoice, and the day of cancellation is not charged.',
    )
  })

  it('counts days in the business time zone across a DST change', () => {
    // New York, November 2026: 30 days, one of them 25 hours long. 16–30 Nov is 15 days:
    // 3000 × 15 / 30 = 1500 exactly.
    const november: BillingPeriod = {
      start: at('2026-11-01T04:00:00Z'),
      end: at('2026-12-01T05:00:00Z'),
      key: '2026-11',
    }
    const invoice = computeInvoice(
      input({
        period: november,
        timeZone: 'America/New_York',
        spans: [
          span(
            'Starter',
            terms({ basePriceMinor: 3000 }),
            at('2026-11-16T05:00:00Z'),
            november.end,
          ),
        ],
      }),
    )
    expect(summary(invoice)).toEqual([
      ['base', 'Starter base fee, 16–30 Nov 2026 (15 of 30 days)', 1500],
    ])
  })

  it('bills nothing for a plan without a base fee', () => {
    expect(
      computeInvoice(input({ spans: [span('Free', terms({ basePriceMinor: 0 }))] })).lines,
    ).toEqual([])
  })
})

describe('plan changes', () => {
  it('credits the unused days of the old plan and charges the new one by days (upgrade)', () => {
    // Starter → Pro on 15 Oct; 15–31 Oct is 17 days.
    // Starter: 2900 full, less 2900 × 17 / 31 = 1590.32 → −1590. Pro: 9900 × 17 / 31 = 5429.03 → 5429.
    const invoice = computeInvoice(
      input({
        spans: [
          span('Starter', starter, october.start, oct(15)),
          span('Pro', pro, oct(15), october.end),
        ],
      }),
    )
    expect(summary(invoice)).toEqual([
      ['base', 'Starter base fee, 1–31 Oct 2026', 2900],
      ['proration', 'Unused time on Starter, 15–31 Oct 2026 (17 of 31 days)', -1590],
      ['base', 'Pro base fee, 15–31 Oct 2026 (17 of 31 days)', 5429],
    ])
    expect(invoice.totals.subtotalMinor).toBe(6739)
    expect(invoice.lines[1]?.unitAmount).toBe('-15.90')
    expect(invoice.notes[0]).toBe(
      'The plan changed from Starter to Pro on 15 Oct 2026: unused time on Starter is credited and Pro is charged for its days.',
    )
  })

  it('does the same for a downgrade', () => {
    // Pro → Starter on 10 Oct; 10–31 Oct is 22 days.
    // Pro: 9900 − 9900 × 22 / 31 (7025.81 → 7026). Starter: 2900 × 22 / 31 = 2058.06 → 2058.
    const invoice = computeInvoice(
      input({
        spans: [span('Pro', pro, october.start, oct(10)), span('Starter', starter, oct(10))],
      }),
    )
    expect(summary(invoice)).toEqual([
      ['base', 'Pro base fee, 1–31 Oct 2026', 9900],
      ['proration', 'Unused time on Pro, 10–31 Oct 2026 (22 of 31 days)', -7026],
      ['base', 'Starter base fee, 10–31 Oct 2026 (22 of 31 days)', 2058],
    ])
    expect(invoice.totals.subtotalMinor).toBe(4932)
  })

  it('gives the day of a change at 15:00 to the new plan', () => {
    const invoice = computeInvoice(
      input({
        spans: [
          span('Starter', starter, october.start, oct(15, '15:00:00')),
          span('Pro', pro, oct(15, '15:00:00')),
        ],
      }),
    )
    expect(invoice.lines.map((l) => l.amountMinor)).toEqual([2900, -1590, 5429])
  })

  it('handles a start mid-period, a change and a cancellation in one period', () => {
    // Start 5 Oct on Starter: 5–31 Oct is 27 days, 2900 × 27 / 31 = 2525.81 → 2526.
    // Change on 15 Oct: 17 unused days credited, −1590. Pro 15–24 Oct (canceled 25 Oct):
    // 10 days, 9900 × 10 / 31 = 3193.55 → 3194.
    const invoice = computeInvoice(
      input({
        spans: [span('Starter', starter, oct(5), oct(15)), span('Pro', pro, oct(15), oct(25))],
      }),
    )
    expect(summary(invoice)).toEqual([
      ['base', 'Starter base fee, 5–31 Oct 2026 (27 of 31 days)', 2526],
      ['proration', 'Unused time on Starter, 15–31 Oct 2026 (17 of 31 days)', -1590],
      ['base', 'Pro base fee, 15–24 Oct 2026 (10 of 31 days)', 3194],
    ])
    expect(invoice.notes).toContain('Billed for 20 of 31 days.')
  })

  it('names the versions when a subscription moves to a newer version of the same plan', () => {
    const invoice = computeInvoice(
      input({
        spans: [
          span('Pro', pro, october.start, oct(15), 1),
          span('Pro', terms({ basePriceMinor: 12400 }), oct(15), october.end, 2),
        ],
      }),
    )
    // 12400 × 17 / 31 = 6800 exactly.
    expect(summary(invoice)).toEqual([
      ['base', 'Pro (version 1) base fee, 1–31 Oct 2026', 9900],
      ['proration', 'Unused time on Pro (version 1), 15–31 Oct 2026 (17 of 31 days)', -5429],
      ['base', 'Pro (version 2) base fee, 15–31 Oct 2026 (17 of 31 days)', 6800],
    ])
  })
})

describe('two plan changes on one day', () => {
  it('bills nothing for the plan held for no whole day between them', () => {
    // Starter → Growth at 09:00 and Growth → Pro at 17:00 on 15 Oct: Growth had no day of its own.
    const invoice = computeInvoice(
      input({
        spans: [
          span('Starter', starter, october.start, oct(15, '09:00:00')),
          span('Growth', growth, oct(15, '09:00:00'), oct(15, '17:00:00')),
          span('Pro', pro, oct(15, '17:00:00'), october.end),
        ],
      }),
    )
    expect(summary(invoice).filter(([, description]) => description.includes('Growth'))).toEqual([])
  })
})

describe('rounding and currencies', () => {
  // November (UTC) has 30 days; 16–30 Nov is 15 days, half of the period.
  const november: BillingPeriod = {
    start: at('2026-11-01T00:00:00Z'),
    end: at('2026-12-01T00:00:00Z'),
    key: '2026-11',
  }
  const half = (basePriceMinor: number, rounding: RoundingRule) =>
    computeInvoice(
      input({
        period: november,
        spans: [
          span(
            'Plan',
            terms({ basePriceMinor, rounding }),
            at('2026-11-16T00:00:00Z'),
            november.end,
          ),
        ],
      }),
    ).lines[0]?.amountMinor

  it.each([
    // 5 × 15 / 30 = 2.5 minor units: the tie each rule breaks its own way.
    [5, 'half_up', 3],
    [5, 'half_even', 2],
    [5, 'ceil', 3],
    [5, 'floor', 2],
    // 1001 × 15 / 30 = 500.5
    [1001, 'half_even', 500],
    [1003, 'half_even', 502],
  ] as const)('a base of %s over half the period rounds %s to %s', (base, rule, amount) => {
    expect(half(base, rule)).toBe(amount)
  })

  it('rounds a credit by the signed amount: ceil moves −2.5 to −2', () => {
    const ceil = terms({ basePriceMinor: 5, rounding: 'ceil' })
    const invoice = computeInvoice(
      input({
        period: november,
        spans: [
          span('Old', ceil, november.start, at('2026-11-16T00:00:00Z')),
          span('New', terms({ basePriceMinor: 0 }), at('2026-11-16T00:00:00Z'), november.end),
        ],
      }),
    )
    expect(invoice.lines.map((l) => l.amountMinor)).toEqual([5, -2])
  })

  it.each([
    // ¥10,000 × 17 / 31 = 5483.87 → ¥5,484 (no minor unit).
    ['JPY', 10000, 5484, '5484'],
    // 12.500 KWD × 17 / 31 = 6.85484 → 6.855 KWD (three digits).
    ['KWD', 12500, 6855, '6.855'],
    ['BHD', 12500, 6855, '6.855'],
  ])('prorates %s to its minor unit', (currency, base, amount, unitAmount) => {
    const invoice = computeInvoice(
      input({
        customer: { ...input().customer, currency },
        spans: [span('Plan', terms({ currency, basePriceMinor: base }), oct(15))],
      }),
    )
    expect(invoice.lines[0]).toMatchObject({ amountMinor: amount, unitAmount })
    expect(invoice.totals.totalMinor).toBe(amount)
  })

  it('refuses a plan priced in another currency than the customer is billed in', () => {
    expect(() =>
      computeInvoice(input({ spans: [span('Euro', terms({ currency: 'EUR' }))] })),
    ).toThrow('Customer acme is billed in USD, but Euro is priced in EUR.')
  })
})
