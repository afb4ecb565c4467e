import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { EVENT_VALUES_SQL } from '../../src-main/usage/event-values'
import { addEvents, finalizeBySql } from './billing-support'
import { addCustomer, usageTestApp, type UsageTestApp } from './usage-support'

let app: UsageTestApp | undefined
afterEach(() => app?.close())

/**
 * Lago's percentage example: 1% of each payment plus 1.00 a payment, the first payment free, each
 * charged payment between 1.50 and 50.00. `payouts` has the same rate and fee, no free payment or
 * limits, and 50 units included.
 */
const plan = `version: '1'
effectiveDate: 2026-01-01
plans:
  - id: shop
    name: Shop
    currency: USD
    basePrice: 0
    features:
      - code: payments
        name: Payments
        type: usage
        pricing:
          model: percentage
          rate_percent: '1'
          fixed_amount_per_event: '1.00'
          free_units_per_events: '1'
          per_transaction_min_amount: '1.50'
          per_transaction_max_amount: '50'
      - code: payouts
        name: Payouts
        type: usage
        includedUnits: 50
        pricing: { model: percentage, rate_percent: '1', fixed_amount_per_event: '1.00' }
`

type Line = {
  kind: string
  feature_code: string
  description: string
  quantity: string
  amount_minor: number
  breakdown_json: string
}

const linesOf = (invoiceId: number): Line[] =>
  app?.db
    .prepare<[number], Line>(
      `SELECT kind, feature_code, description, quantity, amount_minor, breakdown_json
       FROM invoice_line WHERE invoice_id = ? AND kind IN ('usage', 'adjustment') ORDER BY position`,
    )
    .all(invoiceId) ?? []

/** initech's invoice for a period (acme, on another plan, is billed by the same run). */
const invoiceOf = (period: string): number =>
  app?.db
    .prepare<[string], number>(
      `SELECT i.id FROM invoice i JOIN subscription s ON s.id = i.subscription_id
       JOIN customer c ON c.id = s.customer_id WHERE c.external_id = 'initech' AND i.period = ?`,
    )
    .pluck()
    .get(period) ?? 0

const never = (): never => {
  throw new Error('no app')
}

/** The events 10, 80 and 10,000 of both metrics, imported out of time order (10,000 first). */
const billOctober = async () => {
  app = await usageTestApp()
  await invoke(app.dispatch, 'catalog:import', { text: plan })
  addCustomer(app.db, 'initech', 'shop')
  for (const metric of ['payments', 'payouts'])
    addEvents(app.db, 'initech', [
      [`${metric}-3`, metric, '10000', '2026-10-20T00:00:00Z'],
      [`${metric}-1`, metric, '10', '2026-10-02T00:00:00Z'],
      [`${metric}-2`, metric, '80', '2026-10-05T00:00:00Z'],
    ])
  await invoke(app.dispatch, 'billing:run', { period: '2026-10' })
  return linesOf(invoiceOf('2026-10'))
}

describe('billing a percentage feature event by event', () => {
  it('prices each event in time order: first free, fixed fee per event, clamped to 1.50..50', async () => {
    const [payments] = await billOctober()
    // 10 is free; 80 pays 0.80 + 1.00 = 1.80; 10,000 pays 100 + 1 = 101, clamped to 50: 51.80.
    // As one event of 10,090 it was free (0.00); in import order it would be 0 + 1.50 + 1.80.
    expect(payments).toMatchObject({
      feature_code: 'payments',
      quantity: '10090',
      amount_minor: 5180,
    })
    expect(payments?.description).toBe('Payments: 10,090 used, 3 events at 1%')
    const rows = JSON.parse(payments?.breakdown_json ?? '[]') as {
      label: string
      units: string
      unit_amount: string
      subtotal: string
    }[]
    expect(rows.map((r) => [r.label, r.units, r.unit_amount, r.subtotal])).toEqual([
      ['percentage', '10080', '0.01', '100.8'],
      ['fixed fees', '2', '1', '2'],
      ['per-transaction limits', '1', '-51', '-51'],
    ])
  })

  it('takes included units off the first events: 50 of 10, 80, 10,000 leaves 40 and 10,000', async () => {
    const [, payouts] = await billOctober()
    // 0.40 + 1.00 + 100.00 + 1.00 = 102.40 (the total as one event: 100.40 + 1.00 = 101.40).
    expect(payouts).toMatchObject({
      feature_code: 'payouts',
      quantity: '10040',
      amount_minor: 10240,
    })
    expect(payouts?.description).toBe('Payouts: 10,090 used, 50 included, 2 events at 1%')
  })

  it('converges on a rerun: the same lines, the draft unchanged', async () => {
    const before = await billOctober()
    const rerun = await invoke(app?.dispatch ?? never(), 'billing:run', { period: '2026-10' })
    expect(linesOf(invoiceOf('2026-10'))).toEqual(before)
    expect(JSON.stringify(rerun)).toContain('"unchanged"')
  })

  it('re-prices late events event by event: a late 500 adds 5.00 + 1.00', async () => {
    await billOctober()
    const db = app?.db ?? never()
    finalizeBySql(db, invoiceOf('2026-10'), 'MB-2026-000001')
    addEvents(db, 'initech', [['late-1', 'payments', '500', '2026-10-25T00:00:00Z']], true)
    app?.clock.advance(20 * 86_400_000)
    await invoke(app?.dispatch ?? never(), 'billing:run', { period: '2026-11' })
    const adjustment = linesOf(invoiceOf('2026-11')).find((l) => l.kind === 'adjustment')
    // 10, 80, 10,000, 500: 1.80 + 50 + 6.00 = 57.80, less the 51.80 billed.
    expect(adjustment).toMatchObject({
      feature_code: 'payments',
      quantity: '500',
      amount_minor: 600,
    })
  })

  it('reads each feature’s events along the (customer, metric, ts) index, not a scan', async () => {
    await billOctober()
    const plan = (app?.db ?? never())
      .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${EVENT_VALUES_SQL}`)
      .all(1, 'payments', 0, 1)
      .map((r) => r.detail)
      .join('\n')
    expect(plan).toMatch(/usage_event_customer_metric_ts/)
    expect(plan).not.toMatch(/SCAN usage_event(?! USING)/)
  })
})
