import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { advanceLifecycle } from '../../src-main/subscriptions/lifecycle'
import { stripeClientFor } from '../fakes/stripe'
import {
  closePayments,
  finalized,
  invoiceStatus,
  paymentsTestApp,
  type PaymentsTestApp,
} from './payments-support'

let app: PaymentsTestApp
beforeEach(async () => {
  app = await paymentsTestApp()
})
afterEach(() => closePayments(app))

const auditCount = (action: string): number =>
  app.db
    .prepare<[string], number>('SELECT count(*) FROM audit_entry WHERE action = ?')
    .pluck()
    .get(action) ?? 0

/** Pushes and collects one invoice; returns our id and the Stripe invoice and payment intent. */
const paidInvoice = async (): Promise<{ id: number; stripeId: string; intent: string }> => {
  const id = await finalized(app)
  await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
  await invoke(app.dispatch, 'retries:process', {})
  const charge = app.fake.charges[0]!
  return { id, stripeId: charge.invoice, intent: charge.paymentIntent }
}

/** Pushes the invoice and has its collection declined; the failure waits for a person. */
const declined = async (
  id: number,
  behaviour: 'insufficient_funds' | 'expired_card',
): Promise<{ stripeId: string }> => {
  await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
  app.fake.injectFault('server_error', { match: (r) => r.path === '/v1/invoices' })
  await invoke(app.dispatch, 'retries:process', {})
  for (const customer of app.fake.customers.keys()) app.fake.setCardBehaviour(customer, behaviour)
  await invoke(app.dispatch, 'retries:process', { now: true })
  return { stripeId: [...app.fake.invoices.keys()][0]! }
}

describe("polling Stripe's events", () => {
  it('applies each event once: a second poll over the same window changes nothing', async () => {
    await paidInvoice()
    const first = await invoke(app.dispatch, 'payments:sync', {})
    expect(first.fetched).toBeGreaterThan(0)
    expect(first.applied).toBe(1) // invoice.paid; invoice.finalized and the rest are not ours to apply
    // The cursor is after the newest event: the next poll reads nothing.
    const second = await invoke(app.dispatch, 'payments:sync', {})
    expect(second).toEqual({ fetched: 0, applied: 0, skipped: 0 })
    // Read over the same window again (the cursor forgotten), every event is skipped.
    app.db.prepare('UPDATE payment_sync SET event_cursor_id = NULL, cursor_created = 0').run()
    const third = await invoke(app.dispatch, 'payments:sync', {})
    expect(third).toEqual({ fetched: first.fetched, applied: 0, skipped: first.fetched })
    const stored = app.db.prepare<[], number>('SELECT count(*) FROM stripe_event').pluck().get()
    expect(stored).toBe(first.fetched)
  })

  it('an invoice paid in Stripe after a decline becomes paid here, settling the failure and the dunning', async () => {
    const id = await finalized(app)
    const { stripeId } = await declined(id, 'expired_card')
    const failure = (await invoke(app.dispatch, 'retries:list', {})).failures.find(
      (f) => f.operation === 'invoice.collect',
    )!
    expect(failure.strategy).toBe('manual')
    expect(app.db.prepare('SELECT status FROM subscription').pluck().get()).toBe('past_due')

    // The customer pays through Stripe's hosted page (here: the API, with a working card).
    for (const customer of app.fake.customers.keys()) app.fake.setCardBehaviour(customer, 'ok')
    await stripeClientFor(app.fake, { key: 'sk_test_meterbook1234' }).invoices.pay(stripeId)

    await invoke(app.dispatch, 'payments:sync', {})
    expect(invoiceStatus(app, id)).toBe('paid')
    expect((await invoke(app.dispatch, 'retries:get', { id: failure.id })).status).toBe('resolved')
    expect(app.db.prepare('SELECT status FROM subscription').pluck().get()).toBe('active')
    expect(app.fake.charges).toHaveLength(1)
  })

  it('dunning: a decline makes the subscription past due, the grace period suspends it, the payment restores it', async () => {
    const id = await finalized(app)
    const stripeId = (await declined(id, 'insufficient_funds')).stripeId
    const status = () => app.db.prepare('SELECT status FROM subscription').pluck().get()
    expect(status()).toBe('past_due')

    // The starter plan's grace period (14 days by default) passes with the invoice unpaid.
    app.clock.advance(15 * 86_400_000)
    advanceLifecycle(app.db, { now: app.clock.now(), operator: 'scheduler', timeZone: 'UTC' })
    expect(status()).toBe('suspended')

    for (const customer of app.fake.customers.keys()) app.fake.setCardBehaviour(customer, 'ok')
    await stripeClientFor(app.fake, { key: 'sk_test_meterbook1234' }).invoices.pay(stripeId)
    await invoke(app.dispatch, 'payments:sync', {})
    expect(invoiceStatus(app, id)).toBe('paid')
    expect(status()).toBe('active')
  })

  it('records refunds, disputes and customer changes made in Stripe, each audited once', async () => {
    const { id, intent } = await paidInvoice()
    const stripe = stripeClientFor(app.fake, { key: 'sk_test_meterbook1234' })
    await stripe.refunds.create({ payment_intent: intent, amount: 1_900 })
    app.fake.emitEvent('charge.dispute.created', {
      id: 'dp_test1',
      object: 'dispute',
      payment_intent: intent,
      amount: 10_000,
      reason: 'fraudulent',
    })
    const stripeCustomer = [...app.fake.customers.keys()][0]!
    await stripe.customers.update(stripeCustomer, { email: 'ap@acme.example' })

    await invoke(app.dispatch, 'payments:sync', {})
    await invoke(app.dispatch, 'payments:sync', {})
    expect(await invoke(app.dispatch, 'payments:invoice', { invoiceId: id })).toMatchObject({
      amountRefundedMinor: 1_900,
      disputed: true,
    })
    expect(
      app.db
        .prepare('SELECT email FROM stripe_customer WHERE stripe_id = ?')
        .pluck()
        .get(stripeCustomer),
    ).toBe('ap@acme.example')
    expect(auditCount('payments:refunded')).toBe(1)
    expect(auditCount('payments:disputed')).toBe(1)
    expect(auditCount('payments:customer-updated')).toBe(1)
  })

  it('a failed poll becomes a failure record, settled by the next poll that works', async () => {
    // Two drops: the SDK retries a closed connection once by itself.
    app.fake.injectFault('drop', { times: 2, match: (r) => r.path === '/v1/events' })
    const failed = await app.dispatch('payments:sync', {})
    expect(failed).toMatchObject({ ok: false, error: { code: 'stripe_unavailable' } })
    const open = (await invoke(app.dispatch, 'retries:list', {})).failures
    expect(open).toMatchObject([{ operation: 'events.sync', errorType: 'connection_error' }])
    expect((await invoke(app.dispatch, 'payments:status', {})).lastSyncError).not.toBeNull()

    await invoke(app.dispatch, 'payments:sync', {})
    expect((await invoke(app.dispatch, 'retries:get', { id: open[0]!.id })).status).toBe('resolved')
    expect((await invoke(app.dispatch, 'payments:status', {})).lastSyncError).toBeNull()
  })
})

describe('an event that cannot be applied', () => {
  it('goes to the retry queue for a person, once, and does not hold up the events after it', async () => {
    const { id } = await paidInvoice()
    await invoke(app.dispatch, 'payments:sync', {})
    // Stripe reports a payment for an invoice that is void here (changed behind Stripe's back).
    app.db.prepare(`UPDATE invoice SET status = 'void' WHERE id = ?`).run(id)
    app.fake.emitEvent('invoice.paid', {
      id: 'in_elsewhere',
      object: 'invoice',
      metadata: { meterbook_invoice_id: String(id) },
    })
    const stripeCustomer = [...app.fake.customers.keys()][0]!
    await stripeClientFor(app.fake, { key: 'sk_test_meterbook1234' }).customers.update(
      stripeCustomer,
      { name: 'Acme Analytics Inc.' },
    )

    const result = await invoke(app.dispatch, 'payments:sync', {})
    expect(result.applied).toBe(1) // the customer change went through
    const open = (await invoke(app.dispatch, 'retries:list', {})).failures
    expect(open).toMatchObject([
      { operation: 'internal', errorType: 'internal_error', strategy: 'manual', invoiceId: id },
    ])
    expect(open[0]?.message).toContain('is void')
    await invoke(app.dispatch, 'payments:sync', {})
    expect((await invoke(app.dispatch, 'retries:list', {})).total).toBe(1)
  })
})
