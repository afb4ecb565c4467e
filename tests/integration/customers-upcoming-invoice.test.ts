import { describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents, billingTestApp, type BillingTestApp } from './billing-support'

/**
 * acme is on Starter (USD, base 19.00; api_calls: 10,000 included, then 0.002 a call up to
 * 100,000) since 2026-10-01, anchor day 1; the clock stands at 2026-11-15 12:00 UTC, so the current
 * period is 1 November to 1 December.
 */
const november: [string, string, string, string][] = [
  ['n1', 'api_calls', '30000', '2026-11-02T10:00:00Z'],
  ['n2', 'api_calls', '15000', '2026-11-10T10:00:00Z'],
  // October's usage belongs to October's invoice.
  ['o1', 'api_calls', '999999', '2026-10-20T10:00:00Z'],
]

/** A 10% discount from November, a 20.00 credit grant and an 8.25% tax rate for acme's region. */
const withAdjustments = async (app: BillingTestApp): Promise<void> => {
  app.db.prepare("UPDATE customer SET tax_region = 'US-TX' WHERE external_id = 'acme'").run()
  await invoke(app.dispatch, 'settings:update', {
    taxRates: [{ region: 'US-TX', name: 'Texas', ratePercent: '8.25' }],
  })
  await invoke(app.dispatch, 'discounts:create', {
    externalId: 'acme',
    description: 'Loyalty',
    kind: 'percent',
    value: '10',
    duration: 'forever',
    startsWith: '2026-11',
  })
  await invoke(app.dispatch, 'credits:add', {
    externalId: 'acme',
    kind: 'grant',
    amountMinor: 2000,
  })
}

/** Rows written on this connection since it opened: a read leaves the count where it was. */
const changes = (app: BillingTestApp): number =>
  app.db.prepare<[], number>('SELECT total_changes()').pluck().get() ?? 0

describe('the upcoming-invoice estimate', () => {
  it('prices the current period so far as the run would: base, usage, discount, tax, credit', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', november)
    await withAdjustments(app)
    const estimate = await invoke(app.dispatch, 'customers:upcoming-invoice', {
      externalId: 'acme',
    })
    if (estimate.status !== 'estimated') throw new Error(estimate.reason)
    expect(estimate).toMatchObject({
      currency: 'USD',
      periodStart: '2026-11-01T00:00:00.000Z',
      periodEnd: '2026-12-01T00:00:00.000Z',
      asOf: '2026-11-15T12:00:00.000Z',
    })
    // By hand: base 19.00; api_calls 45,000 − 10,000 included = 35,000 × 0.002 = 70.00.
    expect(estimate.lines.map((l) => [l.kind, l.featureCode, l.quantity, l.amountMinor])).toEqual([
      ['base', null, '1', 1900],
      ['usage', 'api_calls', '35000', 7000],
    ])
    // Subtotal 89.00; 10% off = 8.90; tax 8.25% of 80.10 = 6.60825 → 6.61; credit 20.00.
    expect(estimate.discounts.map((d) => d.amountMinor)).toEqual([890])
    expect(estimate.totals).toEqual({
      subtotalMinor: 8900,
      discountMinor: 890,
      taxMinor: 661,
      creditMinor: 2000,
      totalMinor: 8900 - 890 + 661 - 2000,
    })
    expect(estimate.tax).toMatchObject({ name: 'Texas', ratePercent: '8.25' })
    // 450% of the included units used: the 35,000 over cost the usage line's 70.00.
    expect(estimate.overages).toEqual([
      { code: 'api_calls', overUnits: '35000', amountMinor: 7000 },
    ])
  })

  it("costs the overage at the customer's own included units and contract price", async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', november)
    const overrides = [
      {
        code: 'api_calls',
        includedUnits: '40000',
        pricing: { model: 'flat', unit_amount: '0.005' },
      },
    ]
    app.db
      .prepare("UPDATE customer SET overrides_json = ? WHERE external_id = 'acme'")
      .run(JSON.stringify(overrides))
    const estimate = await invoke(app.dispatch, 'customers:upcoming-invoice', {
      externalId: 'acme',
    })
    if (estimate.status !== 'estimated') throw new Error(estimate.reason)
    // 45,000 − 40,000 = 5,000 over × 0.005 = 25.00 (the plan would say 10,000 included at 0.002).
    expect(estimate.overages).toEqual([{ code: 'api_calls', overUnits: '5000', amountMinor: 2500 }])
    expect(estimate.totals.totalMinor).toBe(1900 + 2500)
  })

  it('writes nothing: no draft invoice, no run, no audit entry, not a row', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', november)
    await withAdjustments(app)
    const before = changes(app)
    await invoke(app.dispatch, 'customers:upcoming-invoice', { externalId: 'acme' })
    expect(changes(app)).toBe(before)
    expect(app.db.prepare('SELECT COUNT(*) FROM invoice').pluck().get()).toBe(0)
    expect(app.db.prepare('SELECT COUNT(*) FROM billing_run').pluck().get()).toBe(0)
  })

  it('follows the usage as it arrives and the price the customer pays under an override', async () => {
    const app = await billingTestApp()
    addEvents(app.db, 'acme', november)
    app.db
      .prepare("UPDATE customer SET overrides_json = ? WHERE external_id = 'acme'")
      .run(JSON.stringify([{ code: 'api_calls', includedUnits: '20000' }]))
    const amount = async (): Promise<number | undefined> => {
      const estimate = await invoke(app.dispatch, 'customers:upcoming-invoice', {
        externalId: 'acme',
      })
      return estimate.status === 'estimated' ? estimate.totals.totalMinor : undefined
    }
    // 45,000 − 20,000 included = 25,000 × 0.002 = 50.00, plus the base 19.00.
    expect(await amount()).toBe(1900 + 5000)
    addEvents(app.db, 'acme', [['n3', 'api_calls', '5000', '2026-11-15T11:00:00Z']])
    expect(await amount()).toBe(1900 + 6000)
  })

  it('says why there is nothing to estimate for a customer without a subscription', async () => {
    const app = await billingTestApp()
    app.db
      .prepare(
        `INSERT INTO customer (external_id, name, currency, created_at, updated_at)
         VALUES ('solo', 'Solo', 'USD', '2026-10-01T00:00:00.000Z', '2026-10-01T00:00:00.000Z')`,
      )
      .run()
    expect(
      await invoke(app.dispatch, 'customers:upcoming-invoice', { externalId: 'solo' }),
    ).toEqual({ status: 'none', reason: 'No subscription, so there is nothing to bill.' })
  })
})
