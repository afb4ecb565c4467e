import { describe, expect, it } from 'vitest'
import type { BillingRunProgress } from '../../src-shared/domain/billing'
import { runBilling } from '../../src-main/billing/run'
import { customerRanges, loadSubscriptions } from '../../src-main/billing/subscriptions'
import { addEvents, billingTestApp, type BillingTestApp } from './billing-support'

const DAY = 86_400_000

/** acme, globex, and 12 more customers on acme's plan, customer i using 20,000 + 1,000 i calls. */
const seeded = async (): Promise<BillingTestApp> => {
  const app = await billingTestApp()
  addEvents(app.db, 'acme', [['a1', 'api_calls', '150000', '2026-10-03T10:00:00Z']])
  const customer = app.db.prepare(
    `INSERT INTO customer (external_id, name, currency, created_at, updated_at)
     VALUES (?, ?, 'USD', '2026-09-01', '2026-09-01')`,
  )
  const subscription = app.db.prepare(
    `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date, billing_anchor_day,
       status) SELECT ?, plan_id, plan_version, '2026-10-01', 1, 'active' FROM subscription
     WHERE customer_id = (SELECT id FROM customer WHERE external_id = 'acme')`,
  )
  for (let i = 0; i < 12; i++) {
    subscription.run(customer.run(`bulk-${i}`, `Bulk ${i}`).lastInsertRowid)
    addEvents(app.db, `bulk-${i}`, [
      [`b${i}-1`, 'api_calls', String(20_000 + 1_000 * i), '2026-10-05T00:00:00Z'],
      [`b${i}-2`, 'api_calls', '7', '2026-11-05T00:00:00Z'],
    ])
  }
  return app
}

/** Each invoice as customer, period and subtotal, and the run's items as customer/period/outcome. */
const billed = async (app: BillingTestApp, period: string | undefined, sliceCustomers?: number) => {
  const progress: BillingRunProgress[] = []
  const result = await runBilling(app.db, {
    period,
    dryRun: false,
    trigger: 'manual',
    operator: 'tester',
    now: app.clock.now,
    onProgress: (p) => progress.push(p),
    ...(sliceCustomers ? { sliceCustomers } : {}),
  })
  const invoices = app.db
    .prepare(
      `SELECT c.external_id, i.period, i.subtotal_minor, i.total_minor FROM invoice i
       JOIN customer c ON c.id = i.customer_id ORDER BY c.external_id, i.period`,
    )
    .raw()
    .all()
  return {
    invoices,
    items: result.items.map((i) => `${i.customerId} ${i.period ?? '-'} ${i.outcome}`).sort(),
    totals: result.totals,
    counts: [result.subscriptions, result.invoices, result.created, result.skipped],
    last: { done: progress.at(-1)?.done, total: progress.at(-1)?.total },
  }
}

describe('a billing run a slice of customers at a time', () => {
  it('cuts the customers with subscriptions into ranges of the size given, in id order', async () => {
    const app = await seeded()
    expect(customerRanges(app.db, 5)).toEqual([
      { first: 1, last: 5 },
      { first: 6, last: 10 },
      { first: 11, last: 14 },
    ])
    // A run's first range is smaller, so its writer starts soon; the others keep their size.
    expect(customerRanges(app.db, 5, 2)).toEqual([
      { first: 1, last: 2 },
      { first: 3, last: 7 },
      { first: 8, last: 12 },
      { first: 13, last: 14 },
    ])
    expect(loadSubscriptions(app.db, { first: 6, last: 10 }).map((s) => s.externalId)).toEqual([
      'bulk-3',
      'bulk-4',
      'bulk-5',
      'bulk-6',
      'bulk-7',
    ])
  })

  it.each([
    ['a month asked for', '2026-10'],
    ['a catch-up over three months', undefined],
  ])('bills %s across slices exactly as in one slice', async (_what, period) => {
    const whole = await seeded()
    const sliced = await seeded()
    if (period === undefined) {
      whole.clock.advance(60 * DAY)
      sliced.clock.advance(60 * DAY)
    }
    const once = await billed(whole, period)
    const inSlices = await billed(sliced, period, 3)
    expect(inSlices).toEqual(once)
    // acme's 150,000 calls: 1,900 base + 26,000 usage.
    expect(once.invoices).toContainEqual(['acme', '2026-10', 27_900, 27_900])
    expect(once.last).toMatchObject({ done: once.last?.total })
    await whole.close()
    await sliced.close()
  })
})
