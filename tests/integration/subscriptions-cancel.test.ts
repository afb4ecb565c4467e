import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { advanceLifecycle } from '../../src-main/subscriptions/lifecycle'
import { lifecycleApp, statusOf, subscribe, type LifecycleApp } from './subscriptions-support'

let app: LifecycleApp
afterEach(() => app.close())

const DAY = 86_400_000

type SubRow = { status: string; cancel_at: string | null; canceled_at: string | null }
const row = (id: number) =>
  app.ledger.db
    .prepare<[number], SubRow>(
      'SELECT status, cancel_at, canceled_at FROM subscription WHERE id = ?',
    )
    .get(id)

describe('canceling at the end of the period', () => {
  it('sets cancel_at to the end of the current period, and the lifecycle cancels it then', async () => {
    app = await lifecycleApp('2026-11-15T12:00:00.000Z')
    const { subscriptionId } = await subscribe(app, 'acme', {
      planId: 'starter',
      startDate: '2026-10-03',
    })
    const customer = await invoke(app.dispatch, 'subscriptions:cancel', {
      externalId: 'acme',
      when: 'period_end',
      reason: 'Moving to a competitor',
    })
    expect(customer.subscription?.status).toBe('active')
    expect(row(subscriptionId)).toEqual({
      status: 'active',
      cancel_at: '2026-12-03T00:00:00.000Z',
      canceled_at: null,
    })
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'subscription',
      entityId: 'acme',
    })
    expect(audit.entries[0]).toMatchObject({
      action: 'subscriptions:cancel',
      after: { cancelAt: '2026-12-03T00:00:00.000Z', reason: 'Moving to a competitor' },
    })
    await expect(
      invoke(app.dispatch, 'subscriptions:cancel', { externalId: 'acme', when: 'period_end' }),
    ).rejects.toMatchObject({ code: 'conflict' })

    const run = () =>
      advanceLifecycle(app.ledger.db, {
        now: app.clock.now(),
        operator: 'scheduler',
        timeZone: 'UTC',
      })
    app.clock.advance(
      new Date('2026-12-03T00:00:00.000Z').getTime() - app.clock.now().getTime() - 1,
    )
    expect(run()).toEqual({ transitions: 0 })
    app.clock.advance(DAY)
    expect(run()).toEqual({ transitions: 1 })
    expect(row(subscriptionId)).toMatchObject({
      status: 'canceled',
      canceled_at: '2026-12-03T00:00:00.000Z',
    })
    const history = await invoke(app.dispatch, 'subscriptions:history', { externalId: 'acme' })
    expect(history[0]).toMatchObject({
      from: 'active',
      to: 'canceled',
      at: '2026-12-03T00:00:00.000Z',
      reason: 'Canceled at the end of the billing period',
    })
    expect(run()).toEqual({ transitions: 0 })
  })

  it("uses the plan's interval and the business time zone", async () => {
    app = await lifecycleApp('2026-11-15T12:00:00.000Z')
    await invoke(app.dispatch, 'settings:update', { businessTimeZone: 'Europe/Berlin' })
    const annual = await subscribe(app, 'annual', { planId: 'annual', startDate: '2026-10-03' })
    const fortnight = await subscribe(app, 'fortnight', {
      planId: 'fortnight',
      startDate: '2026-11-01',
    })
    for (const externalId of ['annual', 'fortnight'])
      await invoke(app.dispatch, 'subscriptions:cancel', { externalId, when: 'period_end' })
    // Midnight in Berlin: 23:00 UTC the day before (winter time).
    expect(row(annual.subscriptionId)?.cancel_at).toBe('2027-10-02T22:00:00.000Z')
    expect(row(fortnight.subscriptionId)?.cancel_at).toBe('2026-11-28T23:00:00.000Z')
  })
})

describe('canceling immediately', () => {
  it('cancels now with the reason, and writes the final invoice as a draft', async () => {
    app = await lifecycleApp('2026-11-15T12:00:00.000Z')
    const { subscriptionId } = await subscribe(app, 'acme', {
      planId: 'starter',
      startDate: '2026-10-03',
    })
    const customer = await invoke(app.dispatch, 'subscriptions:cancel', {
      externalId: 'acme',
      when: 'immediately',
      reason: 'Fraud',
    })
    expect(customer.subscription?.status).toBe('canceled')
    expect(row(subscriptionId)).toEqual({
      status: 'canceled',
      cancel_at: null,
      canceled_at: '2026-11-15T12:00:00.000Z',
    })
    expect(statusOf(app.ledger.db, subscriptionId)?.statusSince).toBe('2026-11-15T12:00:00.000Z')
    const history = await invoke(app.dispatch, 'subscriptions:history', { externalId: 'acme' })
    expect(history[0]).toMatchObject({ from: 'active', to: 'canceled', reason: 'Fraud' })

    const invoices = app.ledger.db
      .prepare<[number], { status: string; period_start: string }>(
        'SELECT status, period_start FROM invoice WHERE subscription_id = ?',
      )
      .all(subscriptionId)
    expect(invoices).toEqual([{ status: 'draft', period_start: '2026-11-03T00:00:00.000Z' }])
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'subscription',
      entityId: 'acme',
    })
    expect(audit.entries[0]?.after).toMatchObject({
      status: 'canceled',
      finalInvoice: { outcome: 'created' },
    })
  })

  it('refuses to cancel, change or move a canceled subscription', async () => {
    app = await lifecycleApp('2026-11-15T12:00:00.000Z')
    await subscribe(app, 'acme', { planId: 'starter', startDate: '2026-10-03' })
    await invoke(app.dispatch, 'subscriptions:cancel', { externalId: 'acme', when: 'immediately' })
    for (const when of ['immediately', 'period_end'] as const)
      await expect(
        invoke(app.dispatch, 'subscriptions:cancel', { externalId: 'acme', when }),
      ).rejects.toMatchObject({
        code: 'conflict',
        message: 'The subscription is already canceled.',
      })
    await expect(
      invoke(app.dispatch, 'subscriptions:transition', {
        externalId: 'acme',
        to: 'active',
        reason: 'Oops',
      }),
    ).rejects.toMatchObject({ code: 'conflict' })
  })
})
