import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { customersTestApp, fixture } from './customers-support'

let app: Awaited<ReturnType<typeof customersTestApp>>
beforeEach(async () => {
  app = await customersTestApp()
})
afterEach(() => app.close())

const acme = {
  externalId: 'acme',
  name: 'Acme Analytics',
  email: 'billing@acme.example',
  subscription: { planId: 'starter', startDate: '2026-10-15' },
}

describe('customers', () => {
  it('creates a customer subscribed to the current plan version, in its currency, anchored on the start day', async () => {
    const customer = await invoke(app.dispatch, 'customers:save', acme)
    expect(customer).toMatchObject({
      externalId: 'acme',
      currency: 'USD',
      taxExempt: false,
      subscription: {
        planId: 'starter',
        planVersion: 1,
        startDate: '2026-10-15',
        billingAnchorDay: 15,
        // Starter's 14 days of trial, from 15 October, ended before today (15 November).
        status: 'active',
        trialEnd: '2026-10-29',
      },
    })
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'customer',
      entityId: 'acme',
    })
    expect(audit.entries[0]).toMatchObject({ action: 'customers:save', before: null })
  })

  it('updates by external id and keeps the plan version it is on (grandfathering)', async () => {
    await invoke(app.dispatch, 'customers:save', acme)
    await invoke(app.dispatch, 'catalog:import', {
      text: fixture('catalog.yaml')
        .replace('basePrice: 19.00', 'basePrice: 29.00')
        .replace('effectiveDate: 2026-12-01', 'effectiveDate: 2026-02-01'),
    })
    const updated = await invoke(app.dispatch, 'customers:save', { ...acme, name: 'Acme GmbH' })
    expect(updated).toMatchObject({ name: 'Acme GmbH', subscription: { planVersion: 1 } })
    const newcomer = await invoke(app.dispatch, 'customers:save', {
      ...acme,
      externalId: 'newco',
      name: 'NewCo',
    })
    expect(newcomer.subscription?.planVersion).toBe(2)
    const migrated = await invoke(app.dispatch, 'customers:save', {
      ...acme,
      subscription: { ...acme.subscription, planVersion: 2 },
    })
    expect(migrated.subscription?.planVersion).toBe(2)
    expect((await invoke(app.dispatch, 'customers:list', {})).total).toBe(2)
  })

  it('once invoiced, keeps its plan, start and anchor day: a plan change goes through Change plan', async () => {
    const saved = await invoke(app.dispatch, 'customers:save', acme)
    await invoke(app.dispatch, 'catalog:import', {
      text: fixture('catalog.yaml')
        .replace('basePrice: 19.00', 'basePrice: 29.00')
        .replace('effectiveDate: 2026-12-01', 'effectiveDate: 2026-02-01'),
    })
    app.ledger.db
      .prepare("UPDATE subscription SET billed_through = '2026-11-15T00:00:00.000Z' WHERE id = ?")
      .run(saved.subscription?.id)
    const changes = [
      [
        { planVersion: 2 },
        'subscription.planId',
        /invoiced \(through 2026-11-15\): use Change plan/,
      ],
      [{ startDate: '2026-10-01' }, 'subscription.startDate', /cannot be changed once/],
      [{ billingAnchorDay: 1 }, 'subscription.billingAnchorDay', /cannot be changed once/],
    ] as const
    for (const [change, field, reason] of changes) {
      const result = await app.dispatch('customers:save', {
        ...acme,
        name: 'Renamed',
        subscription: { ...acme.subscription, ...change },
      })
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'validation_failed',
          fields: { [field]: expect.stringMatching(reason) as unknown },
        },
      })
    }
    // Nothing was written by the refused saves; other fields still save.
    expect(await invoke(app.dispatch, 'customers:get', { externalId: 'acme' })).toMatchObject({
      name: 'Acme Analytics',
      subscription: { planVersion: 1, startDate: '2026-10-15', billingAnchorDay: 15 },
    })
    const renamed = await invoke(app.dispatch, 'customers:save', { ...acme, name: 'Acme AG' })
    expect(renamed).toMatchObject({ name: 'Acme AG', subscription: { planVersion: 1 } })
  })

  it.each([
    [{ ...acme, email: 'nope' }, 'email', 'must be a valid email address'],
    [
      { ...acme, subscription: { ...acme.subscription, planId: 'gold' } },
      'subscription.planId',
      '"gold" is not a plan in the catalog',
    ],
    [{ ...acme, currency: 'EUR' }, 'currency', "must be the plan's currency (USD)"],
    [
      { ...acme, subscription: { ...acme.subscription, trialEnd: '2026-10-01' } },
      'subscription.trialEnd',
      'must not be before the start date',
    ],
    [
      { ...acme, subscription: { ...acme.subscription, planVersion: 7 } },
      'subscription.planVersion',
      '7 is not a published version of starter',
    ],
    [
      { ...acme, overrides: [{ code: 'sms', limit: '5' }] },
      'overrides[0].code',
      '"sms" is not a feature of the plan',
    ],
    [
      { ...acme, overrides: [{ code: 'seats', limit: 'lots' }] },
      'overrides[0].limit',
      'must be a non-negative decimal number',
    ],
  ])('rejects %# with the field and reason, writing nothing', async (input, field, reason) => {
    const result = await app.dispatch('customers:save', input)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'validation_failed', fields: { [field]: reason } },
    })
    expect((await invoke(app.dispatch, 'customers:list', {})).total).toBe(0)
  })

  it('starts in trial while the trial has not ended', async () => {
    const customer = await invoke(app.dispatch, 'customers:save', {
      ...acme,
      subscription: { ...acme.subscription, trialEnd: '2026-12-01' },
    })
    expect(customer.subscription?.status).toBe('trialing')
  })

  it('lists and searches by id, name or email', async () => {
    await invoke(app.dispatch, 'customers:save', acme)
    await invoke(app.dispatch, 'customers:save', {
      externalId: 'globex',
      name: 'Globex',
      email: 'ap@globex.example',
      subscription: { planId: 'business', startDate: '2026-09-01' },
    })
    expect(
      (await invoke(app.dispatch, 'customers:list', { search: 'glob' })).customers.map(
        (c) => c.externalId,
      ),
    ).toEqual(['globex'])
    expect(
      (await invoke(app.dispatch, 'customers:list', { search: 'acme.example' })).customers,
    ).toMatchObject([
      { externalId: 'acme', planId: 'starter', planVersion: 1, status: 'active', currency: 'USD' },
    ])
    expect((await invoke(app.dispatch, 'customers:list', { search: '%' })).total).toBe(0)
  })

  it('shows meters for the current period, with overrides winning', async () => {
    await invoke(app.dispatch, 'customers:save', {
      ...acme,
      overrides: [{ code: 'seats', limit: '8' }],
    })
    const customerId = Number(
      app.ledger.db.prepare("SELECT id FROM customer WHERE external_id = 'acme'").pluck().get(),
    )
    app.ledger.db
      .prepare(
        "INSERT INTO usage_import (id, seq, file_name, format, policy, status, mapping_json, operator, started_at) VALUES ('i1', 1, 'f.csv', 'csv', 'keep_valid', 'completed', '{}', 't', 'now')",
      )
      .run()
    const insert = app.ledger.db.prepare(
      'INSERT INTO usage_event (event_id, customer_id, metric, quantity_micros, ts, import_seq) VALUES (?, ?, ?, ?, ?, 1)',
    )
    insert.run('e1', customerId, 'seats', 6_500_000, Date.parse('2026-11-02T00:00:00.000Z'))
    insert.run('e2', customerId, 'api_calls', 12_345_678_900, Date.parse('2026-11-03T00:00:00Z'))
    // The last second of the period that ends on the 15th.
    insert.run('e3', customerId, 'seats', 9_000_000, Date.parse('2026-11-14T23:59:59.000Z'))
    const { period, meters } = await invoke(app.dispatch, 'customers:meters', {
      externalId: 'acme',
    })
    expect(period).toEqual({ start: '2026-11-15T00:00:00.000Z', end: '2026-12-15T00:00:00.000Z' })
    expect(meters.find((m) => m.code === 'seats')).toMatchObject({ used: '0', limit: '8' })

    const earlier = await invoke(app.dispatch, 'customers:meters', {
      externalId: 'acme',
      at: '2026-11-14T23:59:59.000Z',
    })
    expect(earlier.period.start).toBe('2026-10-15T00:00:00.000Z')
    expect(earlier.meters.find((m) => m.code === 'seats')).toMatchObject({
      used: '15.5',
      limit: '8',
      allowed: false,
      alerts: [75, 90, 100],
    })
    expect(earlier.meters.find((m) => m.code === 'api_calls')).toMatchObject({
      used: '12345.6789',
      limit: '10000',
      allowed: true,
    })
    expect(earlier.meters.find((m) => m.code === 'sso')).toMatchObject({
      type: 'boolean',
      allowed: false,
    })
  })
})
