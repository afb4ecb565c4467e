import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appendAudit } from '../../src-main/audit/audit-service'
import { ACTIVITY_ITEMS } from '../../src-main/dashboard/summary'
import { invoke } from '../../src-main/ipc/dispatcher'
import { lifecycleApp, seedInvoice, subscribe, type LifecycleApp } from './subscriptions-support'

let app: LifecycleApp
beforeEach(async () => {
  app = await lifecycleApp('2026-11-15T12:00:00.000Z')
})
afterEach(() => app.close())

/** An entry as a service outside the dispatcher writes it (billing runs, retries, the CLI). */
const audit = (action: string, entityType: string, entityId: string, after: object | null) =>
  appendAudit(app.ledger.db, {
    at: '2026-11-15T12:00:00.000Z',
    operator: 'system',
    action,
    entityType,
    entityId,
    before: null,
    after: after as never,
  })

describe('the activity feed', () => {
  it('puts each audit entry in words, newest first, each leading to its page', async () => {
    const acme = await subscribe(app, 'acme', { planId: 'starter', startDate: '2026-01-01' })
    const invoiceId = seedInvoice(app.ledger.db, {
      ...acme,
      period: '2026-10',
      status: 'finalized',
      totalMinor: 1900,
      number: 'MB-2026-000130',
    })
    await invoke(app.dispatch, 'invoices:mark-paid', { id: invoiceId })
    audit('billing:run-finish', 'billing_run', 'run-7', {
      period: '2026-11',
      status: 'completed',
      invoices: 482,
    })
    audit('retries:failed', 'payment_failure', '3', {
      customer: 'ACME',
      declineCode: 'card_declined',
      code: 'card_declined',
    })
    audit('payments:set-key', 'payments', 'stripe', { configured: true })

    const { activity } = await invoke(app.dispatch, 'dashboard:summary', {})
    expect(activity.slice(0, 4).map(({ text, target }) => ({ text, target }))).toEqual([
      {
        text: 'Payments: set key (payments stripe)',
        target: { page: 'audit', entityType: 'payments', entityId: 'stripe' },
      },
      { text: 'Payment failed for ACME: card declined', target: { page: 'retries' } },
      {
        text: 'Billing run for 2026-11: 482 invoices',
        target: { page: 'billing-run', id: 'run-7' },
      },
      { text: 'Invoice MB-2026-000130 paid', target: { page: 'invoice', id: invoiceId } },
    ])
    // Saved through the dispatcher, after the catalog import that starts the ledger.
    expect(activity.find((a) => a.target.page === 'customer')).toMatchObject({
      text: 'Customer acme Ltd created',
      target: { page: 'customer', externalId: 'acme' },
      operator: expect.any(String) as string,
    })
    expect(activity.filter((a) => a.target.page === 'plan').at(-1)).toMatchObject({
      text: 'Plan starter imported',
      target: { page: 'plan', id: 'starter' },
    })
    for (const item of activity) expect(item.text).not.toMatch(/[{}[\]"]/)
  })

  it(`shows the latest ${ACTIVITY_ITEMS} entries only`, async () => {
    for (let i = 1; i <= ACTIVITY_ITEMS + 3; i += 1)
      audit('settings:update', 'settings', 'business', { n: i })
    const { activity } = await invoke(app.dispatch, 'dashboard:summary', {})
    expect(activity).toHaveLength(ACTIVITY_ITEMS)
    expect(activity[0]).toMatchObject({ text: 'Settings updated', target: { page: 'settings' } })
  })
})
