import type Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { lifecycleApp, subscribe, type LifecycleApp } from './subscriptions-support'

// A billing failure half-way through the final invoice: something written, then an error.
vi.mock('../../src-main/billing/bill-one', () => ({
  billSubscription: (db: Database.Database) => {
    db.prepare(
      `INSERT INTO billing_run (id, dry_run, status, trigger, operator, started_at)
       VALUES ('half-written', 0, 'running', 'manual', 'tester', '2026-11-15T12:00:00.000Z')`,
    ).run()
    throw new Error('No price for feature api_calls')
  },
}))

let app: LifecycleApp
afterEach(() => app.close())

describe('an immediate cancellation whose final invoice fails', () => {
  it('still cancels, undoes the invoice writes and keeps the error in the audit', async () => {
    app = await lifecycleApp('2026-11-15T12:00:00.000Z')
    await subscribe(app, 'acme', { planId: 'starter', startDate: '2026-10-03' })
    const customer = await invoke(app.dispatch, 'subscriptions:cancel', {
      externalId: 'acme',
      when: 'immediately',
    })
    expect(customer.subscription?.status).toBe('canceled')
    const runs = app.ledger.db.prepare('SELECT count(*) FROM billing_run').pluck().get()
    expect(runs).toBe(0)
    const audit = await invoke(app.dispatch, 'audit:list', {
      entityType: 'subscription',
      entityId: 'acme',
    })
    expect(audit.entries[0]?.after).toMatchObject({
      status: 'canceled',
      finalInvoice: { error: 'No price for feature api_calls' },
    })
    const history = await invoke(app.dispatch, 'subscriptions:history', { externalId: 'acme' })
    expect(history[0]).toMatchObject({ to: 'canceled', reason: 'Canceled immediately' })
  })
})
