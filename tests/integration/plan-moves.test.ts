import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { addEvents } from './billing-support'
import { addCustomer } from './usage-support'
import { invoiceOf, move, movesApp, versionsOf, type MovesApp } from './plan-moves-support'

const DAY = 86_400_000
let app: MovesApp
beforeEach(async () => {
  app = await movesApp()
})
afterEach(() => app.close())

const bill = (period: string) => invoke(app.dispatch, 'billing:run', { period })
const amounts = (externalId: string, period: string) =>
  invoiceOf(app, externalId, period)?.lines.map((l) => [l.kind, l.amount])

describe('publishing a version', () => {
  it('keeps existing subscribers on their version; new subscriptions get the new one', async () => {
    await invoke(app.dispatch, 'customers:save', { externalId: 'acme', name: 'ACME' })
    const hooli = await invoke(app.dispatch, 'customers:save', {
      externalId: 'hooli',
      name: 'Hooli',
      subscription: { planId: 'starter', startDate: '2026-11-15', trialEnd: null },
    })
    expect(hooli.subscription?.planVersion).toBe(2)
    expect(versionsOf(app)).toEqual([
      { externalId: 'acme', planVersion: 1 },
      { externalId: 'hooli', planVersion: 2 },
      { externalId: 'initech', planVersion: 1 },
    ])
    app.clock.advance(17 * DAY)
    await bill('2026-11')
    // November, after version 2 took effect: acme still pays version 1's 19.00.
    expect(invoiceOf(app, 'acme', '2026-11')?.subtotal).toBe(1900)
  })
})

describe('previewing a move', () => {
  it('re-prices each subscriber’s last billed period under both versions, with exact totals', async () => {
    await bill('2026-10')
    const preview = await invoke(
      app.dispatch,
      'plan-moves:preview',
      move({ effectiveFrom: '2026-11-01' }),
    )
    // acme: 19.00 + 20,000 calls × 0.002 = 59.00 → 31.00 + 20,000 × 0.003 = 91.00.
    // initech: within the 10,000 included, so the base fee alone: 19.00 → 31.00.
    expect(preview.rows.map((r) => [r.externalId, r.lastPeriod, r.refusal])).toEqual([
      [
        'acme',
        {
          period: '2026-10',
          periodStart: '2026-10-01T00:00:00.000Z',
          periodEnd: '2026-11-01T00:00:00.000Z',
          fromMinor: 5900,
          toMinor: 9100,
          differenceMinor: 3200,
        },
        null,
      ],
      [
        'initech',
        expect.objectContaining({ fromMinor: 1900, toMinor: 3100, differenceMinor: 1200 }),
        null,
      ],
    ])
    expect(preview.totals).toEqual([
      { currency: 'USD', customers: 2, fromMinor: 7800, toMinor: 12200, differenceMinor: 4400 },
    ])
    expect(versionsOf(app).map((v) => v.planVersion)).toEqual([1, 1])
  })

  it('prices each version as billing would: event by event for a percentage, a max as a max', async () => {
    addEvents(app.db, 'acme', [
      ['a-oct-2', 'api_calls', '100', '2026-10-13T10:00:00Z'],
      ['a-oct-3', 'api_calls', '50', '2026-10-14T10:00:00Z'],
      ['a-disk-1', 'storage_gb', '5', '2026-10-02T10:00:00Z'],
      ['a-disk-2', 'storage_gb', '8', '2026-10-03T10:00:00Z'],
    ])
    await bill('2026-10')
    const { currency, interval, trialDays, rounding } = (
      await invoke(app.dispatch, 'catalog:get-plan', { id: 'starter' })
    ).versions[0]!
    await invoke(app.dispatch, 'catalog:save-draft', {
      id: 'starter',
      terms: {
        currency,
        interval,
        trialDays,
        rounding,
        basePriceMinor: 3100,
        features: [
          {
            code: 'api_calls',
            name: 'API calls',
            type: 'usage',
            pricing: { model: 'percentage', rate_percent: '0.1', per_transaction_max_amount: '10' },
          },
          {
            code: 'storage_gb',
            name: 'Storage',
            type: 'usage',
            aggregation: 'max',
            pricing: { model: 'flat', unit_amount: '1.00' },
          },
        ],
      },
    })
    await invoke(app.dispatch, 'catalog:publish', { id: 'starter', effectiveFrom: '2026-11-01' })
    const preview = await invoke(
      app.dispatch,
      'plan-moves:preview',
      move({ effectiveFrom: '2026-12-01', toVersion: 3, customers: ['acme'] }),
    )
    // Version 1: 19.00 + (30,150 − 10,000 included) × 0.002 = 59.30.
    // Version 3: 31.00; each call event at 0.1 % capped at 10.00: 10.00 + 0.10 + 0.05 (priced on
    // the period's total it would be 10.00); storage at its highest, 8 GB × 1.00 (a sum says 13).
    expect(preview.rows[0]?.lastPeriod).toMatchObject({
      fromMinor: 5930,
      toMinor: 3100 + 1015 + 800,
      differenceMinor: 4915 - 5930,
    })
  })

  it('shows a subscriber never billed without amounts, and counts them in no total', async () => {
    const preview = await invoke(
      app.dispatch,
      'plan-moves:preview',
      move({ effectiveFrom: '2026-11-01', customers: ['initech'] }),
    )
    expect(preview.rows).toEqual([
      expect.objectContaining({ externalId: 'initech', lastPeriod: null }),
    ])
    expect(preview.totals).toEqual([])
  })
})

describe('moving subscribers', () => {
  it('prorates the period the date falls in: old fee credited for unused days, new fee for its own', async () => {
    addEvents(app.db, 'acme', [['a-nov', 'api_calls', '20000', '2026-11-05T10:00:00Z']])
    const result = await invoke(
      app.dispatch,
      'plan-moves:apply',
      move({ effectiveFrom: '2026-11-10' }),
    )
    expect(result.moved).toEqual(['acme', 'initech'])
    app.clock.advance(17 * DAY)
    await bill('2026-11')
    // November has 30 days: 9 on version 1, 21 on version 2. Usage is priced by the version in
    // force at the period's end, as for any plan change: 10,000 billable calls × 0.003.
    expect(amounts('acme', '2026-11')).toEqual([
      ['base', 1900],
      ['proration', -1330],
      ['base', 2170],
      ['usage', 3000],
    ])
    expect(invoiceOf(app, 'acme', '2026-11')?.subtotal).toBe(1900 - 1330 + 2170 + 3000)
    expect(invoiceOf(app, 'initech', '2026-11')?.subtotal).toBe(1900 - 1330 + 2170)
  })

  it('at a period boundary, bills the old version up to it and the new one from it, unprorated', async () => {
    await invoke(app.dispatch, 'plan-moves:apply', move({ effectiveFrom: '2026-12-01' }))
    app.clock.advance(48 * DAY)
    await bill('2026-11')
    await bill('2026-12')
    expect(amounts('acme', '2026-11')).toEqual([
      ['base', 1900],
      ['usage', 0],
    ])
    expect(amounts('acme', '2026-12')).toEqual([
      ['base', 3100],
      ['usage', 0],
    ])
  })

  it('from the 31st, recomputes the drafted period at once: one day of 31 on the new version', async () => {
    await bill('2026-10')
    const draft = invoiceOf(app, 'acme', '2026-10')
    expect(draft?.subtotal).toBe(5900)
    const result = await invoke(
      app.dispatch,
      'plan-moves:apply',
      move({ effectiveFrom: '2026-10-31', customers: ['acme'] }),
    )
    expect(result.redrafted).toEqual([draft?.id])
    // 19.00 × 1/31 = 0.6129 credited (0.61), 31.00 × 1/31 = 1.00 charged; usage at 0.003.
    expect(amounts('acme', '2026-10')).toEqual([
      ['base', 1900],
      ['proration', -61],
      ['base', 100],
      ['usage', 6000],
    ])
    expect(invoiceOf(app, 'acme', '2026-10')).toMatchObject({ status: 'draft', subtotal: 7939 })
    expect(invoiceOf(app, 'initech', '2026-10')?.subtotal).toBe(1900)
  })

  it('prorates by the days of a period anchored on the 31st', async () => {
    const customer = addCustomer(app.db, 'umbrella', null)
    app.db
      .prepare(
        `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date,
           billing_anchor_day, status) VALUES (?, 'starter', 1, '2026-10-31', 31, 'active')`,
      )
      .run(customer)
    await invoke(
      app.dispatch,
      'plan-moves:apply',
      move({ effectiveFrom: '2026-11-15', customers: ['umbrella'] }),
    )
    app.clock.advance(17 * DAY)
    await bill('2026-10')
    // The period runs from 31 Oct to 30 Nov (the 31st falls back to November's last day): 30
    // days, 15 on each version. 19.00 × 15/30 credited, 31.00 × 15/30 charged.
    expect(amounts('umbrella', '2026-10')).toEqual([
      ['base', 1900],
      ['proration', -950],
      ['base', 1550],
      ['usage', 0],
    ])
  })

  it('moves only the customers chosen, with one audit entry per subscription', async () => {
    await invoke(
      app.dispatch,
      'plan-moves:apply',
      move({ effectiveFrom: '2026-11-01', customers: ['initech'] }),
    )
    expect(versionsOf(app)).toEqual([
      { externalId: 'acme', planVersion: 1 },
      { externalId: 'initech', planVersion: 2 },
    ])
    const audit = await invoke(app.dispatch, 'audit:list', { action: 'plan-moves:apply' })
    expect(audit.entries.map((e) => [e.entityType, e.entityId, e.before, e.after])).toEqual([
      [
        'subscription',
        'initech',
        { planId: 'starter', planVersion: 1 },
        {
          planId: 'starter',
          planVersion: 2,
          effectiveAt: '2026-11-01T00:00:00.000Z',
          lastPeriodDifferenceMinor: null,
        },
      ],
    ])
  })

  it('refuses a date inside a finalized period, moving nobody, and names the first date allowed', async () => {
    await bill('2026-10')
    const acme = invoiceOf(app, 'acme', '2026-10')
    const finalized = await invoke(app.dispatch, 'invoices:finalize', { id: acme?.id ?? 0 })
    const preview = await invoke(
      app.dispatch,
      'plan-moves:preview',
      move({ effectiveFrom: '2026-10-20' }),
    )
    const refusal = `2026-10-20 falls in a period already invoiced (invoice ${finalized.number ?? ''} for 2026-10 is finalized, and issued documents never change): choose 2026-11-01 or later`
    expect(preview.rows.map((r) => r.refusal)).toEqual([refusal, null])
    const result = await app.dispatch('plan-moves:apply', move({ effectiveFrom: '2026-10-20' }))
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: `Cannot move subscribers of starter version 1 from 2026-10-20; nothing was moved. acme: ${refusal}.`,
        fields: { effectiveFrom: refusal },
      },
    })
    expect(versionsOf(app).map((v) => v.planVersion)).toEqual([1, 1])
    expect(invoiceOf(app, 'initech', '2026-10')?.subtotal).toBe(1900)
    const moved = await invoke(
      app.dispatch,
      'plan-moves:apply',
      move({ effectiveFrom: '2026-11-01' }),
    )
    expect(moved.moved).toEqual(['acme', 'initech'])
  })

  it.each([
    [
      { customers: ['nobody'] },
      'customers',
      'nobody has no live subscription on starter version 1',
    ],
    [{ toVersion: 1 }, 'toVersion', 'must differ from the version they are on'],
    [{ toVersion: 3 }, 'toVersion', '3 is not a published version of starter'],
  ])('refuses %o', async (change, field, message) => {
    const result = await app.dispatch(
      'plan-moves:apply',
      move({ effectiveFrom: '2026-11-01', ...change }),
    )
    expect(result).toMatchObject({ ok: false, error: { fields: { [field]: message } } })
    expect(versionsOf(app).map((v) => v.planVersion)).toEqual([1, 1])
  })
})
