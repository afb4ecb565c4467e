import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import {
  closePayments,
  finalized,
  invoiceStatus,
  paymentsTestApp,
  type PaymentsTestApp,
} from './payments-support'
import { seedDraft } from './invoices-support'

let app: PaymentsTestApp
beforeEach(async () => {
  app = await paymentsTestApp()
})
afterEach(() => closePayments(app))

describe('pushing and collecting invoices through Stripe', () => {
  it('creates the customer, pushes the lines, finalizes, charges once and marks the invoice paid', async () => {
    const id = await finalized(app)
    expect(await invoke(app.dispatch, 'payments:push', { period: '2026-10' })).toEqual({
      queued: 1,
      alreadyQueued: 0,
    })
    const result = await invoke(app.dispatch, 'retries:process', {})
    expect(result).toMatchObject({ attempted: 3, succeeded: 3, failed: 0, remaining: 0 })

    // 100.00 plan + 19.00 VAT: two invoice items, one charge of 119.00.
    const [stripeInvoice] = [...app.fake.invoices.values()]
    expect(stripeInvoice?.amount_due).toBe(11_900)
    expect(stripeInvoice?.metadata?.['meterbook_invoice_id']).toBe(String(id))
    expect([...app.fake.invoiceItems.values()].map((i) => i.amount).sort((a, b) => a - b)).toEqual([
      1_900, 10_000,
    ])
    expect(app.fake.charges).toHaveLength(1)
    expect(app.fake.charges[0]?.amount).toBe(11_900)
    expect(invoiceStatus(app, id)).toBe('paid')
    expect(await invoke(app.dispatch, 'payments:invoice', { invoiceId: id })).toMatchObject({
      stripeStatus: 'paid',
      amountPaidMinor: 11_900,
      outbox: [
        { operation: 'invoice.collect', status: 'sent' },
        { operation: 'invoice.push', status: 'sent' },
      ],
    })
  })

  it('sends every write with an idempotency key derived from our ids, never twice the same work', async () => {
    await finalized(app)
    await invoke(app.dispatch, 'payments:push', { period: '2026-10' })
    await invoke(app.dispatch, 'retries:process', {})
    const posts = app.fake.requests.filter((r) => r.method === 'POST')
    expect(posts.length).toBeGreaterThan(0)
    for (const post of posts) expect(post.idempotencyKey).toMatch(/^meterbook-[0-9a-f]{12}-/)
    expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(posts.length)

    // Pushing the period again queues nothing, and a new pass sends nothing.
    expect(await invoke(app.dispatch, 'payments:push', { period: '2026-10' })).toEqual({
      queued: 0,
      alreadyQueued: 0,
    })
    const again = await invoke(app.dispatch, 'retries:process', { now: true })
    expect(again.attempted).toBe(0)
    expect(app.fake.customers.size).toBe(1)
    expect(app.fake.charges).toHaveLength(1)
  })

  it('a declined card goes to the manual queue with its decline code, and no charge', async () => {
    const id = await finalized(app)
    await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
    // The first pass creates the Stripe customer; the push itself hits a 500.
    app.fake.injectFault('server_error', { match: (r) => r.path === '/v1/invoices' })
    const first = await invoke(app.dispatch, 'retries:process', {})
    expect(first).toMatchObject({ succeeded: 1, failed: 1 })
    for (const customer of app.fake.customers.keys())
      app.fake.setCardBehaviour(customer, 'insufficient_funds')

    const second = await invoke(app.dispatch, 'retries:process', { now: true })
    expect(second).toMatchObject({ succeeded: 1, failed: 1, movedToManual: 1 })
    const page = await invoke(app.dispatch, 'retries:list', {})
    const collect = page.failures.find((f) => f.operation === 'invoice.collect')
    expect(collect).toMatchObject({
      strategy: 'manual',
      errorType: 'card_error',
      declineCode: 'insufficient_funds',
      amountMinor: 11_900,
    })
    expect(app.fake.charges).toHaveLength(0)
    expect(invoiceStatus(app, id)).toBe('finalized')
    // Manual records stay put, also under "retry all now".
    expect((await invoke(app.dispatch, 'retries:process', { now: true })).attempted).toBe(0)

    // The customer fixed the card; a person asks for a retry: a new key, so no replayed decline.
    for (const customer of app.fake.customers.keys()) app.fake.setCardBehaviour(customer, 'ok')
    await invoke(app.dispatch, 'retries:act', { ids: [collect!.id], action: { kind: 'retry-now' } })
    const third = await invoke(app.dispatch, 'retries:process', {})
    expect(third).toMatchObject({ attempted: 1, succeeded: 1 })
    expect(app.fake.charges).toHaveLength(1)
    expect(invoiceStatus(app, id)).toBe('paid')
    expect((await invoke(app.dispatch, 'retries:get', { id: collect!.id })).status).toBe('resolved')
  })

  it('refuses to process without a Stripe key, and says how to set one', async () => {
    await invoke(app.dispatch, 'payments:clear-key', {})
    const result = await app.dispatch('retries:process', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'stripe_not_configured' } })
  })
})

describe('an invoice settled outside Stripe', () => {
  it("is marked paid out of band in Stripe, so nobody can pay Stripe's copy a second time", async () => {
    const id = await finalized(app)
    await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
    app.fake.injectFault('server_error', { match: (r) => r.path === '/v1/invoices' })
    await invoke(app.dispatch, 'retries:process', {})
    for (const customer of app.fake.customers.keys())
      app.fake.setCardBehaviour(customer, 'insufficient_funds')
    await invoke(app.dispatch, 'retries:process', { now: true })
    const failure = (await invoke(app.dispatch, 'retries:list', {})).failures[0]!

    // The customer paid by bank transfer; the clerk resolves the failure with a note.
    await invoke(app.dispatch, 'retries:act', {
      ids: [failure.id],
      action: { kind: 'resolve', note: 'Paid by bank transfer on 2026-11-02' },
    })
    expect(invoiceStatus(app, id)).toBe('paid')
    const sent = await invoke(app.dispatch, 'retries:process', {})
    expect(sent).toMatchObject({ attempted: 1, succeeded: 1 })
    const stripeInvoice = [...app.fake.invoices.values()][0]!
    expect(stripeInvoice.status).toBe('paid')
    expect(stripeInvoice.amount_paid_off_stripe).toBe(11_900)
    expect(app.fake.charges).toHaveLength(0)
    expect(
      (await invoke(app.dispatch, 'payments:invoice', { invoiceId: id }))?.outbox.map(
        (e) => `${e.operation}:${e.status}`,
      ),
    ).toEqual(['invoice.settle:sent', 'invoice.collect:canceled', 'invoice.push:sent'])
  })
})

describe('the Stripe customer', () => {
  it('is created once and brought up to date when its name or email changed here', async () => {
    const october = await finalized(app)
    await invoke(app.dispatch, 'payments:push', { invoiceIds: [october] })
    await invoke(app.dispatch, 'retries:process', {})
    const stripeId = [...app.fake.customers.keys()][0]!
    expect(app.fake.customers.get(stripeId)).toMatchObject({ name: 'Acme Analytics', email: null })

    app.db
      .prepare(`UPDATE customer SET name = ?, email = ? WHERE external_id = 'acme'`)
      .run('Acme Analytics Inc.', 'ap@acme.example')
    const id = seedDraft(app.db, {
      period: '2026-11',
      lines: [{ description: 'Plan', amountMinor: 10_000, kind: 'base' }],
    })
    await invoke(app.dispatch, 'invoices:finalize', { id })
    await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
    await invoke(app.dispatch, 'retries:process', {})

    expect(app.fake.customers.size).toBe(1)
    expect(app.fake.customers.get(stripeId)).toMatchObject({
      name: 'Acme Analytics Inc.',
      email: 'ap@acme.example',
    })
    const updates = app.fake.requests.filter((r) => r.path === `/v1/customers/${stripeId}`)
    expect(updates).toHaveLength(1)
    expect(app.fake.charges).toHaveLength(2)
  })
})
