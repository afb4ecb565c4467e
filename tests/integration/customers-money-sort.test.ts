import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { usageByCustomerSql } from '../../src-main/dashboard/usage-average'
import { migrate } from '../../src-main/db/migrate'
import { migrations } from '../../src-main/db/migrations'
import { invoke } from '../../src-main/ipc/dispatcher'
import { frozenClock } from '../support/test-app'
import { lifecycleApp, seedInvoice, subscribe, type LifecycleApp } from './subscriptions-support'

let app: LifecycleApp
beforeEach(async () => {
  app = await lifecycleApp('2026-11-15T12:00:00.000Z')
})
afterEach(() => app.close())

/**
 * USD: alpha (starter, 19.00 a month), bravo (pro, 99.00), charlie (annual, 1,000.00 a year),
 * delta (fortnight, canceled); EUR: hotel (50.00). USD's billed periods are 09, 10 and 11 (and an
 * older 08); EUR's is 10.
 *   alpha   10 finalized 100.00 (usage 20.00 + 5.00), credited 25.00; 09 paid 12.00 (usage 3.00)
 *   bravo   11 finalized  40.00 (usage 10.00);                       10 paid 30.00 (usage 6.00)
 *   delta   08 paid 20.00 (usage 15.00: older than the last three USD periods)
 *   hotel   10 finalized  80.00 (usage 12.34), Stripe collected 30.00
 */
const seedLedger = async () => {
  const db = app.ledger.db
  const alpha = await subscribe(app, 'alpha', { planId: 'starter', startDate: '2026-01-01' })
  const bravo = await subscribe(app, 'bravo', { planId: 'pro', startDate: '2026-01-01' })
  await subscribe(app, 'charlie', { planId: 'annual', startDate: '2026-01-01' })
  const delta = await subscribe(app, 'delta', { planId: 'fortnight', startDate: '2026-01-01' })
  const hotel = await subscribe(app, 'hotel', { planId: 'euro', startDate: '2026-01-01' })
  db.prepare("UPDATE subscription SET status = 'active'").run()
  db.prepare("UPDATE subscription SET status = 'canceled' WHERE id = ?").run(delta.subscriptionId)
  const a = seedInvoice(db, {
    ...alpha,
    period: '2026-10',
    status: 'finalized',
    totalMinor: 10000,
    usageMinor: [2000, 500],
  })
  await invoke(app.dispatch, 'invoices:credit-note', {
    invoiceId: a,
    reason: 'Goodwill',
    lines: [{ description: 'Goodwill', amountMinor: 2500 }],
    settlement: 'credit_balance',
  })
  seedInvoice(db, {
    ...alpha,
    period: '2026-09',
    status: 'paid',
    totalMinor: 1200,
    usageMinor: [300],
  })
  seedInvoice(db, {
    ...bravo,
    period: '2026-11',
    status: 'finalized',
    totalMinor: 4000,
    usageMinor: [1000],
  })
  seedInvoice(db, {
    ...bravo,
    period: '2026-10',
    status: 'paid',
    totalMinor: 3000,
    usageMinor: [600],
  })
  seedInvoice(db, {
    ...delta,
    period: '2026-08',
    status: 'paid',
    totalMinor: 2000,
    usageMinor: [1500],
  })
  const e = seedInvoice(db, {
    ...hotel,
    period: '2026-10',
    status: 'finalized',
    totalMinor: 8000,
    currency: 'EUR',
    usageMinor: [1234],
  })
  db.prepare(
    `INSERT INTO invoice_payment (invoice_id, stripe_invoice_id, amount_paid_minor, updated_at)
     VALUES (?, 'in_e', 3000, '2026-11-10T00:00:00.000Z')`,
  ).run(e)
}

// MRR = base per month + usage of the currency's last three billed periods / 3, each rounded.
const expected = {
  alpha: { mrrMinor: 1900 + Math.round((2000 + 500 + 300) / 3), balanceMinor: 10000 - 2500 },
  bravo: { mrrMinor: 9900 + Math.round((1000 + 600) / 3), balanceMinor: 4000 },
  charlie: { mrrMinor: Math.round(100000 / 12), balanceMinor: 0 },
  delta: { mrrMinor: 0, balanceMinor: 0 },
  hotel: { mrrMinor: 5000 + 1234, balanceMinor: 8000 - 3000 },
}

const list = async (query: Parameters<typeof invoke<'customers:list'>>[2]) =>
  (await invoke(app.dispatch, 'customers:list', query)).customers.map((c) => c.externalId)

describe('the customer list sorted by MRR and balance', () => {
  it("shows each customer's MRR and balance as the dashboard and the customer page compute them", async () => {
    await seedLedger()
    const { customers } = await invoke(app.dispatch, 'customers:list', {})
    expect(
      Object.fromEntries(
        customers.map((c) => [
          c.externalId,
          { mrrMinor: c.mrrMinor, balanceMinor: c.balanceMinor },
        ]),
      ),
    ).toEqual(expected)
    expect(expected.alpha.mrrMinor).toBe(2833)
    for (const externalId of ['alpha', 'bravo', 'hotel'] as const) {
      const [owed] = await invoke(app.dispatch, 'customers:receivables', { externalId })
      expect(owed?.owedMinor).toBe(expected[externalId].balanceMinor)
    }
    // The customers' MRR add up to the dashboard's but for one rounding per customer:
    // the dashboard's USD usage is (2800 + 1600) / 3 = 1466.67 → 1467, the customers' 933 + 533.
    const { money } = await invoke(app.dispatch, 'dashboard:summary', {})
    const usd = money.find((tile) => tile.currency === 'USD')
    const usdSum = expected.alpha.mrrMinor + expected.bravo.mrrMinor + expected.charlie.mrrMinor
    expect(usd?.mrrMinor).toBe(usdSum + 1)
    expect(money.find((tile) => tile.currency === 'EUR')?.mrrMinor).toBe(expected.hotel.mrrMinor)
  })

  it('orders by currency A to Z, then the amount in the direction asked, then the id', async () => {
    await seedLedger()
    const mrr = (direction: 'asc' | 'desc') => list({ sort: { field: 'mrr', direction } })
    expect(await mrr('asc')).toEqual(['hotel', 'delta', 'alpha', 'charlie', 'bravo'])
    expect(await mrr('desc')).toEqual(['hotel', 'bravo', 'charlie', 'alpha', 'delta'])
    const balance = (direction: 'asc' | 'desc') => list({ sort: { field: 'balance', direction } })
    // charlie and delta owe nothing: the later id first when descending.
    expect(await balance('desc')).toEqual(['hotel', 'alpha', 'bravo', 'delta', 'charlie'])
    expect(await balance('asc')).toEqual(['hotel', 'charlie', 'delta', 'bravo', 'alpha'])
  })

  it('pages and filters a money sort on the server', async () => {
    await seedLedger()
    const page = await invoke(app.dispatch, 'customers:list', {
      sort: { field: 'mrr', direction: 'desc' },
      offset: 1,
      limit: 2,
    })
    expect(page.total).toBe(5)
    expect(page.customers.map((c) => [c.externalId, c.mrrMinor])).toEqual([
      ['bravo', expected.bravo.mrrMinor],
      ['charlie', expected.charlie.mrrMinor],
    ])
    expect(await list({ status: 'active', sort: { field: 'balance', direction: 'asc' } })).toEqual([
      'hotel',
      'charlie',
      'bravo',
      'alpha',
    ])
    expect(await list({ search: 'a', sort: { field: 'mrr', direction: 'asc' } })).toEqual([
      'delta',
      'alpha',
      'charlie',
      'bravo',
    ])
  })
})

describe('the figures follow the ledger', () => {
  it('a write after a list recomputes them: a payment clears the balance it settles', async () => {
    await seedLedger()
    await list({ sort: { field: 'balance', direction: 'desc' } })
    app.ledger.db
      .prepare(
        "UPDATE invoice SET status = 'paid' WHERE customer_id = (SELECT id FROM customer WHERE external_id = 'alpha') AND status = 'finalized'",
      )
      .run()
    const { customers } = await invoke(app.dispatch, 'customers:list', {
      sort: { field: 'balance', direction: 'desc' },
    })
    expect(customers.map((c) => [c.externalId, c.balanceMinor])).toEqual([
      ['hotel', 5000],
      ['bravo', 4000],
      ['delta', 0],
      ['charlie', 0],
      ['alpha', 0],
    ])
  })

  it("reads only the averaged periods' invoices, on the invoice_period_status index", () => {
    const db = new Database(':memory:')
    migrate(db, migrations, frozenClock().now)
    const plan = db
      .prepare<{ periods: string; currency: string }, { detail: string }>(
        `EXPLAIN QUERY PLAN ${usageByCustomerSql}`,
      )
      .all({ periods: '[]', currency: 'USD' })
      .map((row) => row.detail)
      .join('\n')
    expect(plan).toMatch(/SEARCH i USING INDEX invoice_period_status \(period=\? AND status=\?\)/)
    expect(plan).not.toMatch(/SCAN i\b/)
    db.close()
  })
})
