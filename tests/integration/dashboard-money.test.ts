import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { lifecycleApp, seedInvoice, subscribe, type LifecycleApp } from './subscriptions-support'

// 2026-11-15 04:00 in Los Angeles: today is 2026-11-15 there, and November began at 07:00 UTC.
const NOW = '2026-11-15T12:00:00.000Z'

let app: LifecycleApp
beforeEach(async () => {
  app = await lifecycleApp(NOW)
  await invoke(app.dispatch, 'settings:update', { businessTimeZone: 'America/Los_Angeles' })
})
afterEach(() => app.close())

const paidAt = (id: number, at: string) =>
  app.ledger.db.prepare('UPDATE invoice SET paid_at = ? WHERE id = ?').run(at, id)

const openFailure = (invoiceId: number, amountMinor: number, currency: string, status = 'open') =>
  app.ledger.db
    .prepare(
      `INSERT INTO payment_failure (operation, invoice_id, amount_minor, currency, error_type,
         decline_code, message, strategy, attempts, max_attempts, status, context_json,
         created_at, updated_at)
       VALUES ('invoice.collect', ?, ?, ?, 'card_error', 'card_declined', 'Your card was declined.',
         'exponential', 1, 4, ?, '{}', ?, ?)`,
    )
    .run(invoiceId, amountMinor, currency, status, NOW, NOW)

/**
 * Two currencies. USD: alpha (starter, 19.00 a month) and bravo (pro, 99.00); EUR: hotel (50.00).
 *   A  alpha USD 2026-10 finalized 100.00, due 11-10 (overdue), usage 20.00 + 5.00,
 *      credit note of 25.00 → owes 75.00
 *   B  bravo USD 2026-11 finalized  40.00, due 11-20 (not yet), usage 10.00 → owes 40.00;
 *      an open payment failure of 40.00
 *   C  bravo USD 2026-10 paid 30.00 on 11-02 (this month), usage 6.00
 *   D  alpha USD 2026-09 paid 12.00 at 2026-11-01T05:00Z = Oct 31 in Los Angeles (last month),
 *      usage 3.00
 *   E  hotel EUR 2026-10 finalized 80.00, due 11-01, Stripe collected 30.00 → owes 50.00 overdue,
 *      usage 12.34; a resolved failure of 9.99 (not at risk)
 *   plus a USD void and a EUR draft, which count nowhere.
 */
const seedLedger = async () => {
  const db = app.ledger.db
  const alpha = await subscribe(app, 'alpha', { planId: 'starter', startDate: '2026-01-01' })
  const bravo = await subscribe(app, 'bravo', { planId: 'pro', startDate: '2026-01-01' })
  const hotel = await subscribe(app, 'hotel', { planId: 'euro', startDate: '2026-01-01' })
  db.prepare("UPDATE subscription SET status = 'active'").run()
  const a = seedInvoice(db, {
    ...alpha,
    period: '2026-10',
    status: 'finalized',
    totalMinor: 10000,
    dueDate: '2026-11-10',
    usageMinor: [2000, 500],
  })
  await invoke(app.dispatch, 'invoices:credit-note', {
    invoiceId: a,
    reason: 'Goodwill',
    lines: [{ description: 'Goodwill', amountMinor: 2500 }],
    settlement: 'credit_balance',
  })
  const b = seedInvoice(db, {
    ...bravo,
    period: '2026-11',
    status: 'finalized',
    totalMinor: 4000,
    dueDate: '2026-11-20',
    usageMinor: [1000],
  })
  openFailure(b, 4000, 'USD')
  const c = seedInvoice(db, {
    ...bravo,
    period: '2026-10',
    status: 'paid',
    totalMinor: 3000,
    usageMinor: [600],
  })
  paidAt(c, '2026-11-02T18:00:00.000Z')
  const d = seedInvoice(db, {
    ...alpha,
    period: '2026-09',
    status: 'paid',
    totalMinor: 1200,
    usageMinor: [300],
  })
  paidAt(d, '2026-11-01T05:00:00.000Z')
  const e = seedInvoice(db, {
    ...hotel,
    period: '2026-10',
    status: 'finalized',
    totalMinor: 8000,
    currency: 'EUR',
    dueDate: '2026-11-01',
    usageMinor: [1234],
  })
  db.prepare(
    `INSERT INTO invoice_payment (invoice_id, stripe_invoice_id, amount_paid_minor, updated_at)
     VALUES (?, 'in_e', 3000, ?)`,
  ).run(e, NOW)
  openFailure(e, 999, 'EUR', 'resolved')
  seedInvoice(db, { ...alpha, period: '2026-08', status: 'void', totalMinor: 5000 })
  seedInvoice(db, { ...hotel, period: '2026-11', status: 'draft', currency: 'EUR', totalMinor: 7 })
}

describe('the dashboard money tiles', () => {
  it('computes owed, overdue, collected, at risk and MRR per currency, by hand', async () => {
    await seedLedger()
    const { money, mrr } = await invoke(app.dispatch, 'dashboard:summary', {})

    // Owed: A 10000 − 2500 credited = 7500, B 4000. Overdue (due before 11-15): A only.
    const usdOwed = 10000 - 2500 + 4000
    // Collected in November (Los Angeles): C only; D was paid on October 31 there.
    const usdCollected = 3000
    // Usage per billed period: 09: 300, 10: 2000 + 500 + 600 = 3100, 11: 1000 → 4400 / 3.
    const usdUsage = Math.round(4400 / 3) // 1466.67 → 1467
    const usdBase = 1900 + 9900
    // EUR: E 8000 − 3000 collected by Stripe = 5000, overdue since 11-01.
    const eurOwed = 8000 - 3000

    expect(mrr).toEqual({ EUR: 5000, USD: usdBase })
    expect(money).toEqual([
      {
        currency: 'EUR',
        owedMinor: eurOwed,
        owedInvoices: 1,
        overdueMinor: eurOwed,
        overdueInvoices: 1,
        collectedMinor: 0,
        collectedPayments: 0,
        atRiskMinor: 0,
        atRiskFailures: 0,
        mrrBaseMinor: 5000,
        usageAverageMinor: 1234,
        usagePeriods: ['2026-10'],
        mrrMinor: 5000 + 1234,
      },
      {
        currency: 'USD',
        owedMinor: usdOwed,
        owedInvoices: 2,
        overdueMinor: 7500,
        overdueInvoices: 1,
        collectedMinor: usdCollected,
        collectedPayments: 1,
        atRiskMinor: 4000,
        atRiskFailures: 1,
        mrrBaseMinor: usdBase,
        usageAverageMinor: usdUsage,
        usagePeriods: ['2026-09', '2026-10', '2026-11'],
        mrrMinor: usdBase + usdUsage,
      },
    ])
    for (const tile of money) expect(tile.mrrMinor).toBe(tile.mrrBaseMinor + tile.usageAverageMinor)
  })

  it('averages only the latest three billed periods', async () => {
    const alpha = await subscribe(app, 'alpha', { planId: 'starter', startDate: '2026-01-01' })
    const periods = ['2026-07', '2026-08', '2026-09', '2026-10']
    periods.forEach((period, i) =>
      seedInvoice(app.ledger.db, {
        ...alpha,
        period,
        status: 'paid',
        totalMinor: 5000,
        usageMinor: [1000 * (i + 1)],
      }),
    )
    const { money } = await invoke(app.dispatch, 'dashboard:summary', {})
    // (2000 + 3000 + 4000) / 3 = 3000; July's 1000 is older than the last three.
    expect(money[0]).toMatchObject({
      usageAverageMinor: 3000,
      usagePeriods: ['2026-08', '2026-09', '2026-10'],
    })
  })

  it('has no tiles on a new ledger', async () => {
    const { money } = await invoke(app.dispatch, 'dashboard:summary', {})
    expect(money).toEqual([])
  })
})
