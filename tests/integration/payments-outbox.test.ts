import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { startFakeStripe, type FakeStripe } from '../fakes/stripe'
import { testApp, testPlatform } from '../support/test-app'
import { invoicesTestApp, seedDraft } from './invoices-support'
import {
  closePayments,
  finalized,
  invoiceStatus,
  paymentsTestApp,
  seeded,
  type PaymentsTestApp,
} from './payments-support'

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const started = async (options: Parameters<typeof paymentsTestApp>[0] = {}) => {
  const app = await paymentsTestApp(options)
  cleanups.push(() => closePayments(app))
  return app
}

/** The paths of the POSTs Stripe executed, in order (not replays, not faulted ones). */
const executed = (fake: FakeStripe): string[] =>
  fake.requests
    .filter((r) => r.method === 'POST' && r.fault === undefined && !r.replayed)
    .map((r) => r.path.replace(/(cus|in)_fake\d+/, ':id'))

describe('the outbox', () => {
  it('queues while Stripe is unreachable, keeps the app usable, and sends in order once back', async () => {
    const app: PaymentsTestApp = await started()
    const acme = await finalized(app, 'acme')
    const globex = await finalized(app, 'globex')
    await invoke(app.dispatch, 'payments:push', { period: '2026-10' })
    // Offline: every connection drops (the SDK retries a closed connection once by itself). Each
    // customer's record is tried; everything else waits behind it.
    app.fake.injectFault('drop', { times: 4 })
    const offline = await invoke(app.dispatch, 'retries:process', {})
    expect(offline).toMatchObject({ attempted: 2, succeeded: 0, offline: true, remaining: 6 })
    // Review and queuing work on: a list, a void (which calls off a push not yet sent).
    expect((await invoke(app.dispatch, 'invoices:list', {})).invoices).toHaveLength(2)
    const entries = (await invoke(app.dispatch, 'payments:outbox', {})).entries
    expect(entries.map((e) => `${e.operation}:${e.status}`).reverse()).toEqual([
      'customer.sync:failed',
      'invoice.push:pending',
      'invoice.collect:pending',
      'customer.sync:failed',
      'invoice.push:pending',
      'invoice.collect:pending',
    ])
    await invoke(app.dispatch, 'invoices:void', { id: globex, reason: 'Issued twice' })

    const online = await invoke(app.dispatch, 'retries:process', { now: true })
    expect(online).toMatchObject({ offline: false, remaining: 0 })
    expect(executed(app.fake)).toEqual([
      '/v1/customers',
      '/v1/invoices',
      '/v1/invoiceitems',
      '/v1/invoiceitems',
      '/v1/invoices/:id/finalize',
      '/v1/invoices/:id/pay',
      // Globex's invoice was voided before its push was ever sent: Stripe never hears of it.
      '/v1/customers',
    ])
    expect(invoiceStatus(app, acme)).toBe('paid')
    expect(invoiceStatus(app, globex)).toBe('void')
    expect(app.fake.charges).toHaveLength(1)
  })

  it('a credit note refunded on a collected invoice is refunded in Stripe, once', async () => {
    const app = await started()
    const id = await finalized(app)
    await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
    await invoke(app.dispatch, 'retries:process', {})
    await invoke(app.dispatch, 'invoices:credit-note', {
      invoiceId: id,
      reason: 'Outage credit',
      settlement: 'stripe_refund',
      lines: [{ description: 'Outage', amountMinor: 1_000 }],
    })
    // A timeout after Stripe made the refund: money owed back is retried at once, in the same
    // pass, and the retry replays the key: no second refund.
    app.fake.injectFault('timeout', { match: (r) => r.path === '/v1/refunds' })
    const first = await invoke(app.dispatch, 'retries:process', {})
    expect(first).toMatchObject({ attempted: 2, failed: 1, succeeded: 1 })
    await invoke(app.dispatch, 'retries:process', { now: true })
    expect(app.fake.refunds.size).toBe(1)
    expect([...app.fake.refunds.values()][0]?.amount).toBe(1_190)
    expect(await invoke(app.dispatch, 'payments:invoice', { invoiceId: id })).toMatchObject({
      amountRefundedMinor: 1_190,
    })
  })

  it('two processors on one ledger never send the same operation', async () => {
    const fake = await startFakeStripe()
    cleanups.push(() => fake.close())
    fake.setLatency(20)
    const folder = mkdtempSync(join(tmpdir(), 'mb-outbox-'))
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }))
    const ledgerPath = join(folder, 'ledger.sqlite')
    const open = async (seed: number) => {
      const platform = testPlatform()
      platform.writeSecret('stripe-key', 'sk_test_meterbook1234')
      const app = await testApp({
        ledgerPath,
        platform,
        stripe: { apiBase: fake.url },
        random: seeded(seed),
      })
      cleanups.push(() => app.close())
      return app
    }
    // Seed the ledger file: two finalized invoices queued for Stripe.
    const seeder = await invoicesTestApp({ ledgerPath })
    for (const customer of ['acme', 'globex']) {
      const id = seedDraft(seeder.db, { customer })
      await invoke(seeder.dispatch, 'invoices:finalize', { id })
      await invoke(seeder.dispatch, 'payments:push', { invoiceIds: [id] })
    }
    await seeder.close()

    const [one, two] = [await open(1), await open(2)]
    const results = await Promise.all([
      invoke(one.dispatch, 'retries:process', {}),
      invoke(two.dispatch, 'retries:process', {}),
    ])
    expect(results[0].succeeded + results[1].succeeded).toBe(6)
    const keys = fake.requests.filter((r) => r.method === 'POST').map((r) => r.idempotencyKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect(fake.charges).toHaveLength(2)
    expect(readFileSync(ledgerPath).includes('sk_test_meterbook1234')).toBe(false)
  })
})
