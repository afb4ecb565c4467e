import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { advanceLifecycle } from '../../src-main/subscriptions/lifecycle'
import {
  lifecycleApp,
  seedInvoice,
  statusOf,
  subscribe,
  type LifecycleApp,
} from './subscriptions-support'

let app: LifecycleApp
afterEach(() => app.close())

const advance = (timeZone = 'UTC') =>
  advanceLifecycle(app.ledger.db, { now: app.clock.now(), operator: 'scheduler', timeZone })

const history = async (externalId: string) =>
  (await invoke(app.dispatch, 'subscriptions:history', { externalId })).map((t) => [
    t.from,
    t.to,
    t.at,
    t.reason,
  ])

const DAY = 86_400_000

/** Moves the frozen clock forward to `iso`. */
const at = (iso: string) => app.clock.advance(new Date(iso).getTime() - app.clock.now().getTime())

// Customers are saved on Nov 1: automatic transitions are never dated before the subscription's.
const SAVED = '2026-11-01T00:00:00.000Z'

/** An active customer on `planId` with one finalized invoice due on `dueDate`. */
const overdueCustomer = async (planId: string, dueDate: string) => {
  const ids = await subscribe(app, 'acme', { planId, startDate: '2026-09-01' })
  const invoiceId = seedInvoice(app.ledger.db, {
    ...ids,
    period: '2026-10',
    status: 'finalized',
    totalMinor: 1900,
    number: 'MB-2026-000007',
    dueDate,
  })
  return { ...ids, invoiceId }
}

describe('advanceLifecycle', () => {
  it('ends a trial from 00:00 of trial_end in the business time zone', async () => {
    app = await lifecycleApp('2026-11-10T12:00:00.000Z')
    const { subscriptionId } = await subscribe(app, 'trial', {
      planId: 'starter',
      startDate: '2026-11-01',
      trialEnd: '2026-11-15',
    })
    // 2026-11-15 begins at 05:00 UTC in New York.
    app.clock.advance(5 * DAY - 7 * 3_600_000 - 1) // 2026-11-15T04:59:59.999Z
    expect(advance('America/New_York')).toEqual({ transitions: 0 })
    expect(statusOf(app.ledger.db, subscriptionId)?.status).toBe('trialing')
    app.clock.advance(1)
    expect(advance('America/New_York')).toEqual({ transitions: 1 })
    expect((await history('trial'))[0]).toEqual([
      'trialing',
      'active',
      '2026-11-15T05:00:00.000Z',
      'Trial ended',
    ])
  })

  it('makes an active subscription past due the day after its invoice was due', async () => {
    app = await lifecycleApp(SAVED)
    const { subscriptionId } = await overdueCustomer('starter', '2026-11-10')
    at('2026-11-10T23:59:59.000Z')
    expect(advance()).toEqual({ transitions: 0 })
    app.clock.advance(1000)
    expect(advance()).toEqual({ transitions: 1 })
    expect(statusOf(app.ledger.db, subscriptionId)).toEqual({
      status: 'past_due',
      statusSince: '2026-11-11T00:00:00.000Z',
    })
    expect((await history('acme'))[0]?.[3]).toBe('Invoice MB-2026-000007 overdue')
  })

  it('leaves paid, draft and not-yet-due invoices alone', async () => {
    app = await lifecycleApp('2026-11-15T12:00:00.000Z')
    const ids = await subscribe(app, 'acme', { planId: 'starter', startDate: '2026-09-01' })
    const db = app.ledger.db
    seedInvoice(db, { ...ids, period: '2026-09', status: 'paid', dueDate: '2026-10-10' })
    seedInvoice(db, { ...ids, period: '2026-10', status: 'finalized', dueDate: '2026-11-15' })
    seedInvoice(db, { ...ids, period: '2026-11', status: 'draft' })
    expect(advance()).toEqual({ transitions: 0 })
    expect(statusOf(db, ids.subscriptionId)?.status).toBe('active')
  })

  it("suspends after the plan's grace period (Starter: 10 days), else after 14", async () => {
    app = await lifecycleApp(SAVED)
    const starter = await overdueCustomer('starter', '2026-11-10')
    at('2026-11-11T00:00:00.000Z')
    const pro = await subscribe(app, 'pro', { planId: 'pro', startDate: '2026-09-01' })
    seedInvoice(app.ledger.db, {
      ...pro,
      period: '2026-10',
      status: 'finalized',
      number: 'MB-2026-000008',
      dueDate: '2026-11-10',
    })
    expect(advance()).toEqual({ transitions: 2 })
    app.clock.advance(10 * DAY - 1)
    expect(advance()).toEqual({ transitions: 0 })
    app.clock.advance(1) // 2026-11-21T00:00Z: ten days past due
    expect(advance()).toEqual({ transitions: 1 })
    expect(statusOf(app.ledger.db, starter.subscriptionId)).toEqual({
      status: 'suspended',
      statusSince: '2026-11-21T00:00:00.000Z',
    })
    expect((await history('acme'))[0]?.[3]).toBe(
      'Grace period of 10 days ended with invoice MB-2026-000007 unpaid',
    )
    app.clock.advance(4 * DAY)
    expect(advance()).toEqual({ transitions: 1 })
    expect(statusOf(app.ledger.db, pro.subscriptionId)?.status).toBe('suspended')
  })

  it('reactivates past due and suspended subscriptions once nothing is overdue ("Paid")', async () => {
    app = await lifecycleApp(SAVED)
    const { subscriptionId, invoiceId } = await overdueCustomer('starter', '2026-11-10')
    at('2026-11-30T00:00:00.000Z')
    expect(advance()).toEqual({ transitions: 2 })
    expect(statusOf(app.ledger.db, subscriptionId)?.status).toBe('suspended')
    app.clock.advance(3_600_000)
    app.ledger.db
      .prepare("UPDATE invoice SET status = 'paid', paid_at = ? WHERE id = ?")
      .run(app.clock.now().toISOString(), invoiceId)
    expect(advance()).toEqual({ transitions: 1 })
    expect((await history('acme'))[0]).toEqual([
      'suspended',
      'active',
      '2026-11-30T01:00:00.000Z',
      'Paid',
    ])
  })

  it.each([
    'Payment returned by the bank',
    // Worded as automation words it: still a person's decision, which only a person lifts.
    'Invoice MB-2026-000007 overdue',
  ])(
    'keeps a past due status a person set by hand (%s) when no invoice is overdue',
    async (reason) => {
      app = await lifecycleApp('2026-11-15T12:00:00.000Z')
      const { subscriptionId } = await subscribe(app, 'acme', {
        planId: 'starter',
        startDate: '2026-09-01',
      })
      await invoke(app.dispatch, 'subscriptions:transition', {
        externalId: 'acme',
        to: 'past_due',
        reason,
      })
      expect(advance()).toEqual({ transitions: 0 })
      expect(statusOf(app.ledger.db, subscriptionId)?.status).toBe('past_due')
    },
  )

  it('does not undo a reactivation by hand over an invoice that was already overdue', async () => {
    app = await lifecycleApp(SAVED)
    const { subscriptionId, customerId } = await overdueCustomer('starter', '2026-11-10')
    at('2026-11-12T00:00:00.000Z')
    expect(advance()).toEqual({ transitions: 1 })
    await invoke(app.dispatch, 'subscriptions:transition', {
      externalId: 'acme',
      to: 'active',
      reason: 'Promised to pay by Friday',
    })
    expect(advance()).toEqual({ transitions: 0 })
    expect(statusOf(app.ledger.db, subscriptionId)?.status).toBe('active')
    // A later invoice falling overdue counts again.
    seedInvoice(app.ledger.db, {
      subscriptionId,
      customerId,
      period: '2026-11',
      status: 'finalized',
      number: 'MB-2026-000031',
      dueDate: '2026-11-20',
    })
    at('2026-11-21T00:00:00.000Z')
    expect(advance()).toEqual({ transitions: 1 })
    expect((await history('acme'))[0]?.slice(2)).toEqual([
      '2026-11-21T00:00:00.000Z',
      'Invoice MB-2026-000031 overdue',
    ])
  })

  it('catches up after the app was closed with the same dates, and a second run does nothing', async () => {
    app = await lifecycleApp(SAVED)
    await overdueCustomer('starter', '2026-11-10')
    at('2026-12-20T08:00:00.000Z')
    const db = app.ledger.db
    const audits = () =>
      db
        .prepare<[], number>(
          "SELECT count(*) FROM audit_entry WHERE action = 'subscriptions:lifecycle'",
        )
        .pluck()
        .get()
    expect(advance()).toEqual({ transitions: 2 })
    const after = await history('acme')
    expect(after.slice(0, 2)).toEqual([
      [
        'past_due',
        'suspended',
        '2026-11-21T00:00:00.000Z',
        'Grace period of 10 days ended with invoice MB-2026-000007 unpaid',
      ],
      ['active', 'past_due', '2026-11-11T00:00:00.000Z', 'Invoice MB-2026-000007 overdue'],
    ])
    expect(audits()).toBe(2)
    expect(advance()).toEqual({ transitions: 0 })
    expect(await history('acme')).toEqual(after)
    expect(audits()).toBe(2)
  })

  it('audits each automatic transition against the customer', async () => {
    app = await lifecycleApp(SAVED)
    await overdueCustomer('starter', '2026-11-10')
    at('2026-11-12T00:00:00.000Z')
    advance()
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'subscription',
      entityId: 'acme',
    })
    expect(audit.entries[0]).toMatchObject({
      action: 'subscriptions:lifecycle',
      operator: 'scheduler',
      before: { status: 'active' },
      after: { status: 'past_due', reason: 'Invoice MB-2026-000007 overdue' },
    })
  })
})
