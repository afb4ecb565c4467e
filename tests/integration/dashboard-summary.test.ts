import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { monthlyShare, revenueSql, topCustomersSql } from '../../src-main/dashboard/summary'
import { invoke } from '../../src-main/ipc/dispatcher'
import { lifecycleApp, seedInvoice, subscribe, type LifecycleApp } from './subscriptions-support'

let app: LifecycleApp
beforeEach(async () => {
  app = await lifecycleApp('2026-11-15T12:00:00.000Z')
})
afterEach(() => app.close())

/** A customer on `planId`, moved to `status` directly (the lifecycle is tested elsewhere). */
const customer = async (externalId: string, planId: string, status = 'active') => {
  const ids = await subscribe(app, externalId, { planId, startDate: '2026-01-01' })
  app.ledger.db
    .prepare('UPDATE subscription SET status = ? WHERE id = ?')
    .run(status, ids.subscriptionId)
  return ids
}

describe('the dashboard', () => {
  it('sums MRR per currency over active and past due subscriptions, rounding once', async () => {
    await customer('alpha', 'starter') // 19.00 a month
    await customer('bravo', 'pro') // 99.00
    await customer('annual-1', 'annual') // 1000.00 a year: 83.333… a month
    await customer('annual-2', 'annual')
    await customer('fortnight', 'fortnight') // 7.00 per 14 days: 15.00 a month of 30 days
    await customer('echo', 'starter', 'past_due')
    await customer('hotel', 'euro') // 50.00 EUR
    await customer('suspended', 'pro', 'suspended')
    await customer('canceled', 'pro', 'canceled')
    await subscribe(app, 'trial', {
      planId: 'starter',
      startDate: '2026-11-10',
      trialEnd: '2026-11-24',
    })
    const summary = await invoke(app.dispatch, 'dashboard:summary', {})
    // 1900 + 9900 + 2 × 8333.33… + 1500 + 1900 = 31866.66… → 31867 (rounding each: 31866).
    expect(summary.mrr).toEqual({ EUR: 5000, USD: 31867 })
    expect(summary.subscriptionsByStatus).toEqual([
      { status: 'trialing', count: 1 },
      { status: 'active', count: 6 },
      { status: 'past_due', count: 1 },
      { status: 'suspended', count: 1 },
      { status: 'canceled', count: 1 },
    ])
  })

  it('reports finalized and paid revenue for the last 12 months, invoices by status and top usage', async () => {
    const db = app.ledger.db
    const alpha = await customer('alpha', 'starter')
    const bravo = await customer('bravo', 'pro')
    const echo = await customer('echo', 'starter')
    const hotel = await customer('hotel', 'euro')
    const india = await customer('india', 'pro')
    seedInvoice(db, { ...alpha, period: '2025-11', status: 'paid', totalMinor: 777 }) // too old
    seedInvoice(db, { ...alpha, period: '2026-10', status: 'paid', totalMinor: 1500 })
    seedInvoice(db, { ...bravo, period: '2026-10', status: 'finalized', totalMinor: 10000 })
    seedInvoice(db, {
      ...hotel,
      period: '2026-10',
      status: 'paid',
      totalMinor: 5000,
      currency: 'EUR',
    })
    seedInvoice(db, { ...echo, period: '2026-09', status: 'void', totalMinor: 3000 })
    seedInvoice(db, { ...bravo, period: '2026-09', status: 'uncollectible', totalMinor: 400 })
    seedInvoice(db, {
      ...alpha,
      period: '2026-11',
      status: 'finalized',
      totalMinor: 2000,
      usageMinor: [300, 200],
      adjustmentMinor: [50],
    })
    seedInvoice(db, {
      ...bravo,
      period: '2026-11',
      status: 'draft',
      totalMinor: 99999,
      usageMinor: [1200],
    })
    seedInvoice(db, { ...echo, period: '2026-11', status: 'draft', usageMinor: [550] })
    seedInvoice(db, {
      ...hotel,
      period: '2026-11',
      status: 'draft',
      currency: 'EUR',
      usageMinor: [100],
    })
    // The latest period with a live invoice is 2026-11: a void one later does not count.
    seedInvoice(db, { ...india, period: '2026-12', status: 'void', usageMinor: [9000] })

    const summary = await invoke(app.dispatch, 'dashboard:summary', {})
    const months = summary.revenueByMonth.filter((r) => r.currency === 'USD').map((r) => r.period)
    expect(months).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ])
    expect(summary.revenueByMonth.filter((r) => r.totalMinor !== 0)).toEqual([
      { period: '2026-10', currency: 'EUR', totalMinor: 5000 },
      { period: '2026-10', currency: 'USD', totalMinor: 11500 },
      { period: '2026-11', currency: 'USD', totalMinor: 2000 },
    ])
    expect(summary.revenueByMonth).toHaveLength(24)
    expect(summary.invoicesByStatus).toEqual([
      { status: 'draft', count: 3 },
      { status: 'finalized', count: 2 },
      { status: 'paid', count: 3 },
      { status: 'void', count: 2 },
      { status: 'uncollectible', count: 1 },
    ])
    expect(summary.topCustomers).toEqual([
      { customerId: 'bravo', name: 'bravo Ltd', currency: 'USD', usageMinor: 1200 },
      { customerId: 'alpha', name: 'alpha Ltd', currency: 'USD', usageMinor: 550 },
      { customerId: 'echo', name: 'echo Ltd', currency: 'USD', usageMinor: 550 },
      { customerId: 'hotel', name: 'hotel Ltd', currency: 'EUR', usageMinor: 100 },
    ])
  })

  it('is empty on a new ledger', async () => {
    const summary = await invoke(app.dispatch, 'dashboard:summary', {})
    expect(summary).toMatchObject({ mrr: {}, revenueByMonth: [], topCustomers: [] })
  })

  it.each([
    [{ unit: 'month', count: 1 }, 1900, '1900'],
    [{ unit: 'month', count: 3 }, 3000, '1000'],
    [{ unit: 'year', count: 2 }, 2400, '100'],
    [{ unit: 'day', count: 7 }, 700, '3000'],
  ] as const)('normalizes %o at %i to %s a month', (interval, fee, monthly) => {
    expect(monthlyShare(fee, interval).toFixed()).toBe(monthly)
  })

  it('looks invoices up by the (period, status) index, never scanning them all', () => {
    const plan = (sql: string, params: string[]) =>
      app.ledger.db
        .prepare<string[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((r) => r.detail)
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)
    expect(plan(revenueSql, months)[0]).toBe(
      'SEARCH invoice USING INDEX invoice_period_status (period=? AND status=?)',
    )
    const top = plan(topCustomersSql, ['2026-11'])
    expect(top[0]).toContain('SEARCH i USING INDEX invoice_period_status (period=?)')
    expect(top.filter((d) => d.startsWith('SCAN'))).toEqual([])
  })
})
