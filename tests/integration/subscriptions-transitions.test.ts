import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { advanceLifecycle } from '../../src-main/subscriptions/lifecycle'
import { lifecycleApp, statusOf, subscribe, type LifecycleApp } from './subscriptions-support'

let app: LifecycleApp
beforeEach(async () => {
  app = await lifecycleApp('2026-11-15T12:00:00.000Z')
})
afterEach(() => app.close())

const count = (sql: string): number => app.ledger.db.prepare<[], number>(sql).pluck().get() ?? 0

const statuses = ['trialing', 'active', 'past_due', 'suspended', 'canceled'] as const
const targets = ['active', 'past_due', 'suspended'] as const

// The manual moves the status machine allows; every other pair must be refused.
const allowed = new Set([
  'trialing>active',
  'active>past_due',
  'past_due>active',
  'past_due>suspended',
  'suspended>active',
])

describe('manual transitions', () => {
  const pairs = statuses.flatMap((from) => targets.map((to) => [from, to] as const))

  it.each(pairs)('from %s to %s', async (from, to) => {
    const { subscriptionId } = await subscribe(app, 'acme', {
      planId: 'starter',
      startDate: '2026-10-01',
    })
    app.ledger.db
      .prepare("UPDATE subscription SET status = ?, status_since = '2026-11-01T00:00:00.000Z'")
      .run(from)
    const rowsBefore = count('SELECT count(*) FROM subscription_transition')
    const result = await app.dispatch('subscriptions:transition', {
      externalId: 'acme',
      to,
      reason: 'Card declined',
    })
    if (allowed.has(`${from}>${to}`)) {
      expect(result).toMatchObject({ ok: true, value: { subscription: { status: to } } })
      expect(statusOf(app.ledger.db, subscriptionId)).toEqual({
        status: to,
        statusSince: '2026-11-15T12:00:00.000Z',
      })
      const history = await invoke(app.dispatch, 'subscriptions:history', { externalId: 'acme' })
      expect(history[0]).toMatchObject({
        from,
        to,
        at: '2026-11-15T12:00:00.000Z',
        reason: 'Card declined',
        operator: 'tester',
      })
      const audit = await invoke(app.dispatch, 'audit:list', {
        entityType: 'subscription',
        entityId: 'acme',
      })
      expect(audit.entries[0]).toMatchObject({
        action: 'subscriptions:transition',
        before: { status: from },
        after: { status: to, reason: 'Card declined' },
      })
    } else {
      expect(result.ok).toBe(false)
      if (result.ok) return
      expect(result.error.code).toBe('conflict')
      const label = (s: string) => s.replace('_', ' ')
      expect(result.error.message).toContain(label(to))
      if (from !== to) expect(result.error.message).toContain(label(from))
      expect(statusOf(app.ledger.db, subscriptionId)?.status).toBe(from)
      expect(count('SELECT count(*) FROM subscription_transition')).toBe(rowsBefore)
    }
  })

  it('refuses a customer without a subscription, and an unknown customer', async () => {
    await invoke(app.dispatch, 'customers:save', {
      externalId: 'nosub',
      name: 'No Sub',
      currency: 'USD',
    })
    const input = { to: 'past_due' as const, reason: 'x' }
    await expect(
      invoke(app.dispatch, 'subscriptions:transition', { ...input, externalId: 'nosub' }),
    ).rejects.toMatchObject({ code: 'not_found' })
    await expect(
      invoke(app.dispatch, 'subscriptions:transition', { ...input, externalId: 'ghost' }),
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('ending a trial by hand', () => {
  it('moves the trial end to today, so billing charges from today', async () => {
    const { subscriptionId } = await subscribe(app, 'trial', {
      planId: 'starter',
      startDate: '2026-11-10',
      trialEnd: '2026-11-24',
    })
    const customer = await invoke(app.dispatch, 'subscriptions:transition', {
      externalId: 'trial',
      to: 'active',
      reason: 'Signed the contract early',
    })
    expect(customer.subscription).toMatchObject({ status: 'active', trialEnd: '2026-11-15' })
    expect(statusOf(app.ledger.db, subscriptionId)?.status).toBe('active')
  })
})

describe('the first transition of a new subscription', () => {
  it('is shown before it is stored, then recorded with the creator and creation time', async () => {
    const { subscriptionId } = await subscribe(app, 'trial', {
      planId: 'starter',
      startDate: '2026-11-15',
      trialEnd: '2026-11-29',
    })
    const shown = await invoke(app.dispatch, 'subscriptions:history', { externalId: 'trial' })
    const first = {
      subscriptionId,
      from: null,
      to: 'trialing',
      at: '2026-11-15T12:00:00.000Z',
      reason: 'Subscribed, in trial',
      operator: 'tester',
    }
    expect(shown).toEqual([{ id: 0, ...first }])
    expect(count('SELECT count(*) FROM subscription_transition')).toBe(0)

    app.clock.advance(60_000)
    advanceLifecycle(app.ledger.db, {
      now: app.clock.now(),
      operator: 'scheduler',
      timeZone: 'UTC',
    })
    const stored = await invoke(app.dispatch, 'subscriptions:history', { externalId: 'trial' })
    expect(stored).toEqual([{ id: expect.any(Number) as number, ...first }])
    expect(statusOf(app.ledger.db, subscriptionId)).toEqual({
      status: 'trialing',
      statusSince: '2026-11-15T12:00:00.000Z',
    })
  })

  it('is recorded before the first manual transition, so history lists both, newest first', async () => {
    await subscribe(app, 'acme', { planId: 'starter', startDate: '2026-10-01' })
    app.clock.advance(3_600_000)
    await invoke(app.dispatch, 'subscriptions:transition', {
      externalId: 'acme',
      to: 'past_due',
      reason: 'Cheque bounced',
    })
    const history = await invoke(app.dispatch, 'subscriptions:history', { externalId: 'acme' })
    expect(history.map((t) => [t.from, t.to, t.at, t.reason])).toEqual([
      ['active', 'past_due', '2026-11-15T13:00:00.000Z', 'Cheque bounced'],
      [null, 'active', '2026-11-15T12:00:00.000Z', 'Subscribed'],
    ])
  })
})
