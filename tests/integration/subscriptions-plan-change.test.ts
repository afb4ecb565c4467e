import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { catalog, lifecycleApp, subscribe, type LifecycleApp } from './subscriptions-support'

let app: LifecycleApp
beforeEach(async () => {
  app = await lifecycleApp('2026-11-15T12:00:00.000Z')
  await subscribe(app, 'acme', { planId: 'starter', startDate: '2026-10-01' })
})
afterEach(() => app.close())

type ChangeRow = {
  effective_at: string
  from_plan_id: string
  from_version: number
  to_plan_id: string
  to_version: number
  operator: string
}
const changes = () =>
  app.ledger.db
    .prepare<[], ChangeRow>(
      `SELECT effective_at, from_plan_id, from_version, to_plan_id, to_version, operator
       FROM subscription_change ORDER BY id`,
    )
    .all()

// Pro at 120.00 from Dec 1: version 2, while version 1 stays in effect until then.
const publishProVersion2 = () =>
  invoke(app.dispatch, 'catalog:import', {
    text: catalog.replace('basePrice: 99.00', 'basePrice: 120.00\n    effectiveDate: 2026-12-01'),
  })

describe('changing plan', () => {
  it('switches now, recording the change the billing run prorates by', async () => {
    const customer = await invoke(app.dispatch, 'subscriptions:change-plan', {
      externalId: 'acme',
      planId: 'pro',
    })
    expect(customer.subscription).toMatchObject({ planId: 'pro', planVersion: 1, status: 'active' })
    expect(changes()).toEqual([
      {
        effective_at: '2026-11-15T12:00:00.000Z',
        from_plan_id: 'starter',
        from_version: 1,
        to_plan_id: 'pro',
        to_version: 1,
        operator: 'tester',
      },
    ])
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'subscription',
      entityId: 'acme',
    })
    expect(audit.entries[0]).toMatchObject({
      action: 'subscriptions:change-plan',
      before: { planId: 'starter', planVersion: 1 },
      after: { planId: 'pro', planVersion: 1, effectiveAt: '2026-11-15T12:00:00.000Z' },
    })
  })

  it('takes the version in effect on the change date unless one is named', async () => {
    await publishProVersion2()
    await invoke(app.dispatch, 'subscriptions:change-plan', { externalId: 'acme', planId: 'pro' })
    await invoke(app.dispatch, 'subscriptions:change-plan', {
      externalId: 'acme',
      planId: 'pro',
      effectiveAt: '2026-12-05T00:00:00Z',
    })
    await invoke(app.dispatch, 'subscriptions:change-plan', {
      externalId: 'acme',
      planId: 'pro',
      planVersion: 1,
      effectiveAt: '2026-12-20T00:00:00+01:00',
    })
    expect(
      changes().map((c) => [c.effective_at, c.from_version, c.to_plan_id, c.to_version]),
    ).toEqual([
      ['2026-11-15T12:00:00.000Z', 1, 'pro', 1],
      ['2026-12-05T00:00:00.000Z', 1, 'pro', 2],
      ['2026-12-19T23:00:00.000Z', 2, 'pro', 1],
    ])
  })

  it.each([
    [{ planId: 'starter' }, 'conflict', 'already on starter version 1'],
    [{ planId: 'nope' }, 'validation_failed', '"nope" is not a plan in the catalog'],
    [{ planId: 'pro', planVersion: 7 }, 'validation_failed', '7 is not a published version of pro'],
    [{ planId: 'euro' }, 'validation_failed', 'priced in EUR, but the customer is billed in USD'],
    [
      { planId: 'pro', effectiveAt: '2026-09-30T00:00:00Z' },
      'validation_failed',
      'must not be before the subscription starts (2026-10-01)',
    ],
  ])('refuses %o (%s: %s), writing nothing', async (change, code, message) => {
    const result = await app.dispatch('subscriptions:change-plan', {
      externalId: 'acme',
      ...change,
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe(code)
    expect(result.error.message).toContain(message)
    expect(changes()).toEqual([])
  })

  it('refuses a plan lacking a feature the customer has an override for', async () => {
    await invoke(app.dispatch, 'customers:save', {
      externalId: 'acme',
      name: 'acme Ltd',
      overrides: [{ code: 'seats', limit: '8' }],
    })
    await expect(
      invoke(app.dispatch, 'subscriptions:change-plan', { externalId: 'acme', planId: 'pro' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message:
        'Cannot change the plan: the customer has overrides for seats, which pro does not have. Remove them first.',
    })
    expect(changes()).toEqual([])
  })

  it('refuses a plan that has no published version yet', async () => {
    await invoke(app.dispatch, 'catalog:create-plan', {
      id: 'draft-only',
      name: 'Draft only',
      terms: {
        currency: 'USD',
        interval: { unit: 'month', count: 1 },
        basePriceMinor: 500,
        trialDays: 0,
        rounding: 'half_up',
        features: [],
      },
    })
    await expect(
      invoke(app.dispatch, 'subscriptions:change-plan', {
        externalId: 'acme',
        planId: 'draft-only',
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { planId: 'draft-only has no published version in effect on 2026-11-15' },
    })
  })

  it('refuses to go back before an earlier change, and any change once canceled', async () => {
    await invoke(app.dispatch, 'subscriptions:change-plan', { externalId: 'acme', planId: 'pro' })
    await expect(
      invoke(app.dispatch, 'subscriptions:change-plan', {
        externalId: 'acme',
        planId: 'annual',
        effectiveAt: '2026-11-10T00:00:00Z',
      }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      fields: {
        effectiveAt: 'must not be before the previous plan change (2026-11-15T12:00:00.000Z)',
      },
    })
    app.ledger.db.prepare("UPDATE subscription SET status = 'canceled'").run()
    await expect(
      invoke(app.dispatch, 'subscriptions:change-plan', { externalId: 'acme', planId: 'annual' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'A canceled subscription cannot change plan.',
    })
    expect(changes()).toHaveLength(1)
  })
})
