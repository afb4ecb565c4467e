import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { bucketOf, daysPastDue } from '../../src-main/reports/aged-receivables'
import type { BillingFigures } from '../../src-shared/domain/reports'
import { reportsLedger, type ReportsLedger } from './reports-support'

let open: ReportsLedger | undefined
afterEach(async () => {
  await open?.close()
  open = undefined
})
const ledger = async (): Promise<ReportsLedger> => (open = await reportsLedger())

/** The figures in the order people read them, to compare against the hand computation. */
const figures = (f: BillingFigures) => [
  f.invoices,
  f.invoicedMinor,
  f.paymentsMinor,
  f.refundsMinor,
  f.collectedMinor,
  f.creditedMinor,
  f.outstandingMinor,
]

const monthly = (app: ReportsLedger, month: string, customerId?: string) =>
  invoke(app.dispatch, 'reports:usage-billing', {
    period: { kind: 'month', month },
    ...(customerId ? { customerId } : {}),
  })

describe('usage and billing report', () => {
  it('counts November by the Los Angeles calendar: invoiced, collected, credited, outstanding per customer and currency', async () => {
    const app = await ledger()
    const report = await monthly(app, '2026-11')
    expect(report).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
      timeZone: 'America/Los_Angeles',
      customerId: null,
    })
    // [invoices, invoiced, payments, refunds, collected, credited, outstanding], minor units.
    // acme: #6 59.50 + #8 238.00 (2026-12-01T05:00Z is November 30th in LA) = 297.50; #6 paid;
    // the credit note on October's #4 (20.00 + 19%) is November's; owed at the end: #3 11.90 +
    // #4 119.00 − 23.80 + #8 238.00 = 345.10. initech: #7 35.70; owed #1 23.80 + #7 = 59.50.
    expect(report.billing.map((r) => [r.customerId, r.currency, ...figures(r)])).toEqual([
      ['acme', 'USD', 2, 29_750, 5_950, 0, 5_950, 2_380, 34_510],
      ['globex', 'EUR', 1, 10_000, 10_000, 0, 10_000, 0, 4_000],
      ['initech', 'USD', 1, 3_570, 0, 0, 0, 0, 5_950],
    ])
    expect(report.totals.map((t) => [t.currency, ...figures(t)])).toEqual([
      ['EUR', 1, 10_000, 10_000, 0, 10_000, 0, 4_000],
      ['USD', 3, 33_320, 5_950, 0, 5_950, 2_380, 40_460],
    ])
  })

  it('puts the invoice issued at 23:30 on October 31st in Los Angeles (06:00Z November 1st) in October', async () => {
    const app = await ledger()
    const october = await monthly(app, '2026-10', 'acme')
    // #3 11.90 and #4 119.00; owed at the end of October 31st: both (the credit note came later).
    expect(october.billing.map((r) => figures(r))).toEqual([[2, 13_090, 0, 0, 0, 0, 13_090]])
    expect(october.to).toBe('2026-10-31')
    // Counted in UTC instead, #4 is November's and #8 December's.
    await invoke(app.dispatch, 'settings:update', { businessTimeZone: 'UTC' })
    const utcOctober = await monthly(app, '2026-10', 'acme')
    expect(utcOctober.billing.map((r) => r.invoicedMinor)).toEqual([1_190])
    const utcNovember = await monthly(app, '2026-11', 'acme')
    expect(utcNovember.billing.map((r) => [r.invoices, r.invoicedMinor])).toEqual([
      [2, 11_900 + 5_950],
    ])
  })

  it('takes a refund off the month it is paid back in, and credits the credit note in its own month', async () => {
    const app = await ledger()
    const december = await monthly(app, '2026-12')
    // acme: #9 11.90 issued; #6 was paid in November and 10.00 + 19% paid back on December 10th.
    expect(december.billing.map((r) => [r.customerId, r.currency, ...figures(r)])).toEqual([
      ['acme', 'USD', 1, 1_190, 0, 1_190, -1_190, 1_190, 35_700],
      ['globex', 'EUR', 0, 0, 0, 0, 0, 0, 4_000],
      ['initech', 'USD', 0, 0, 0, 0, 0, 0, 5_950],
    ])
    const november = await monthly(app, '2026-11', 'acme')
    expect(november.billing.map((r) => r.collectedMinor)).toEqual([5_950])
  })

  it('does not take off a Stripe refund that was called off, but still counts its credit note', async () => {
    const app = await ledger()
    // A refund through Stripe of EUR 30.00 on globex's #5, on December 11th; its send canceled.
    const note = app.db
      .prepare(
        `INSERT INTO credit_note (invoice_id, number, currency, reason, subtotal_minor, tax_minor,
           total_minor, settlement, refund_method, created_at, created_by)
         VALUES (5, 'CN-TEST-1', 'EUR', 'Goodwill', 3000, 0, 3000, 'refund', 'stripe',
           '2026-12-11T17:00:00.000Z', 'tester')`,
      )
      .run().lastInsertRowid
    app.db
      .prepare(
        `INSERT INTO outbox (operation, customer_id, invoice_id, credit_note_id, amount_minor,
           currency, idempotency_key, status, created_at, created_by)
         VALUES ('refund.create', (SELECT customer_id FROM invoice WHERE id = 5), 5, ?, 3000,
           'EUR', 'refund-test-1', 'canceled', '2026-12-11T17:00:00.000Z', 'tester')`,
      )
      .run(note)
    const canceled = await monthly(app, '2026-12', 'globex')
    expect(
      canceled.billing.map((r) => [r.refundsMinor, r.collectedMinor, r.creditedMinor]),
    ).toEqual([[0, 0, 3_000]])
  })

  it('leaves an invoice voided before the period ends out of invoiced and outstanding, but not one voided later', async () => {
    const app = await ledger()
    // #9 (USD 11.90, December 1st in LA) voided on December 12th.
    app.clock.advance(new Date('2026-12-12T17:00:00Z').getTime() - app.clock.now().getTime())
    await invoke(app.dispatch, 'invoices:void', { id: 9, reason: 'Issued twice' })
    const december = await monthly(app, '2026-12', 'acme')
    expect(december.billing.map((r) => figures(r))).toEqual([
      [0, 0, 0, 1_190, -1_190, 1_190, 35_700 - 1_190],
    ])
    // As of December 7th it was still owed.
    const aged = await invoke(app.dispatch, 'reports:aged-receivables', { asOf: '2026-12-07' })
    expect(aged.invoices.map((i) => i.number)).toContain('MB-2026-000009')
  })

  it('sums a year per customer and currency, each total the sum of its rows', async () => {
    const app = await ledger()
    const year = await invoke(app.dispatch, 'reports:usage-billing', {
      period: { kind: 'year', year: 2026 },
    })
    expect(year).toMatchObject({ from: '2026-01-01', to: '2026-12-31' })
    expect(year.billing.map((r) => [r.customerId, ...figures(r)])).toEqual([
      ['acme', 5, 44_030, 5_950, 1_190, 4_760, 3_570, 35_700],
      ['globex', 2, 14_000, 10_000, 0, 10_000, 0, 4_000],
      ['initech', 2, 5_950, 0, 0, 0, 0, 5_950],
    ])
    expect(year.totals.map((t) => [t.currency, ...figures(t)])).toEqual([
      ['EUR', 2, 14_000, 10_000, 0, 10_000, 0, 4_000],
      ['USD', 7, 49_980, 5_950, 1_190, 4_760, 3_570, 41_650],
    ])
  })

  it('reports usage per metric in the business calendar, summed exactly', async () => {
    const app = await ledger()
    const november = await monthly(app, '2026-11')
    // 2.25 at 23:30 on November 30th in LA counts; 7 at 00:00 December 1st there does not.
    expect(november.usage.map((u) => [u.customerId, u.metric, u.events, u.quantity])).toEqual([
      ['acme', 'api_calls', 2, '3.75'],
      ['acme', 'storage_gb', 1, '3'],
      ['initech', 'api_calls', 1, '10'],
    ])
    expect(november.usageTotals).toEqual([
      { metric: 'api_calls', events: 3, quantity: '13.75' },
      { metric: 'storage_gb', events: 1, quantity: '3' },
    ])
  })

  it('narrows to one customer, and refuses an unknown one', async () => {
    const app = await ledger()
    const acme = await monthly(app, '2026-11', 'acme')
    expect(acme.customerId).toBe('acme')
    expect(acme.billing.map((r) => r.customerId)).toEqual(['acme'])
    expect(acme.totals.map((t) => [t.currency, t.invoicedMinor])).toEqual([['USD', 29_750]])
    expect(acme.usage.map((u) => u.customerId)).toEqual(['acme', 'acme'])
    await expect(monthly(app, '2026-11', 'nobody')).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('aged receivables', () => {
  it('ages what is owed at the end of 2026-12-07 by days past due, per customer and currency', async () => {
    const app = await ledger()
    const aged = await invoke(app.dispatch, 'reports:aged-receivables', { asOf: '2026-12-07' })
    expect(
      aged.invoices.map((i) => [i.number, i.dueDate, i.daysPastDue, i.bucket, i.openMinor]),
    ).toEqual([
      ['MB-2026-000001', '2026-08-29', 100, '90+', 2_380],
      ['MB-2026-000002', '2026-10-04', 64, '61-90', 4_000],
      ['MB-2026-000003', '2026-10-29', 39, '31-60', 1_190],
      ['MB-2026-000004', '2026-11-14', 23, '1-30', 9_520],
      ['MB-2026-000007', '2026-11-17', 20, '1-30', 3_570],
      ['MB-2026-000008', '2026-12-14', -7, 'current', 23_800],
      ['MB-2026-000009', '2026-12-15', -8, 'current', 1_190],
    ])
    const row = (f: (typeof aged.totals)[number]) => [
      f.currency,
      f.invoices,
      f.current,
      f['1-30'],
      f['31-60'],
      f['61-90'],
      f['90+'],
      f.totalMinor,
    ]
    expect(aged.rows.map((r) => [r.customerId, ...row(r)])).toEqual([
      ['acme', 'USD', 4, 24_990, 9_520, 1_190, 0, 0, 35_700],
      ['globex', 'EUR', 1, 0, 0, 0, 4_000, 0, 4_000],
      ['initech', 'USD', 2, 0, 3_570, 0, 0, 2_380, 5_950],
    ])
    expect(aged.totals.map(row)).toEqual([
      ['EUR', 1, 0, 0, 0, 4_000, 0, 4_000],
      ['USD', 6, 24_990, 13_090, 1_190, 0, 2_380, 41_650],
    ])
  })

  it('ages as of an earlier day what was owed then, before later payments and credit notes', async () => {
    const app = await ledger()
    // End of November 2nd: #4 not yet credited (119.00), #5 and #6 not yet issued.
    const aged = await invoke(app.dispatch, 'reports:aged-receivables', {
      asOf: '2026-11-02',
      customerId: 'acme',
    })
    expect(aged.invoices.map((i) => [i.number, i.bucket, i.openMinor])).toEqual([
      ['MB-2026-000003', '1-30', 1_190],
      ['MB-2026-000004', 'current', 11_900],
    ])
    expect(aged.totals.map((t) => [t.currency, t.totalMinor])).toEqual([['USD', 13_090]])
  })

  it('ends the as-of day at midnight in the business time zone', async () => {
    const app = await ledger()
    // #8 was issued at 2026-12-01T05:00Z: 21:00 on November 30th in Los Angeles.
    const aged = await invoke(app.dispatch, 'reports:aged-receivables', {
      asOf: '2026-11-30',
      customerId: 'acme',
    })
    expect(aged.invoices.map((i) => [i.number, i.issueDate, i.dueDate, i.bucket])).toEqual([
      ['MB-2026-000003', '2026-10-15', '2026-10-29', '31-60'],
      ['MB-2026-000004', '2026-10-31', '2026-11-14', '1-30'],
      ['MB-2026-000008', '2026-11-30', '2026-12-14', 'current'],
    ])
  })

  it('buckets days past due at their edges', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(bucketOf)).toEqual([
      'current',
      '1-30',
      '1-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '90+',
    ])
    expect(daysPastDue('2026-11-30', '2026-12-01')).toBe(1)
    expect(daysPastDue('2026-10-31', '2026-11-30')).toBe(30)
  })
})
