import type Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { finalizeInvoice } from '../../src-main/invoices/lifecycle'
import type { PaymentProvider } from '../../src-main/payments/provider'
import { processOutbox, type ProcessorDeps } from '../../src-main/payments/processor'
import { seedDraft } from './invoices-support'
import {
  chargesPerInvoice,
  closePayments,
  finalized,
  invoiceStatus,
  paymentsTestApp,
  seeded,
  type PaymentsTestApp,
} from './payments-support'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const started = async (): Promise<PaymentsTestApp> => {
  // A short timeout: the fake's `timeout` fault executes the request and never answers.
  const app = await paymentsTestApp({ timeoutMs: 100 })
  cleanups.push(() => closePayments(app))
  return app
}

/** One pass straight on the processor, its rate-limit waits recorded instead of slept. */
const pass = async (
  app: PaymentsTestApp,
  options: { takeAll?: boolean; provider?: PaymentProvider; waits?: number[] } = {},
) => {
  const provider = options.provider ?? (await app.payments.provider())
  if (!provider) throw new Error('no provider')
  const deps: ProcessorDeps = {
    db: app.db,
    provider,
    save: <T>(write: (db: Database.Database) => T) =>
      Promise.resolve(app.db.transaction(write)(app.db)),
    now: app.clock.now,
    random: seeded(3),
    operator: 'tester',
    keyHint: 'sk_test_…1234',
    sleep: (ms) => {
      options.waits?.push(ms)
      return Promise.resolve()
    },
  }
  return processOutbox(deps, { takeAll: options.takeAll ?? false })
}

const openFailures = (app: PaymentsTestApp, invoiceId: number): string[] =>
  app.db
    .prepare<[number], string>(
      `SELECT operation FROM payment_failure WHERE invoice_id = ? AND status = 'open'`,
    )
    .pluck()
    .all(invoiceId)

const isPay = (r: { path: string }): boolean => r.path.endsWith('/pay')

/** A finalized invoice of a month of 2025 (one per customer and period), queued for Stripe. */
const queuedInvoice = async (app: PaymentsTestApp, customer: string, month: number) => {
  const id = seedDraft(app.db, { customer, period: `2025-${String(month).padStart(2, '0')}` })
  await invoke(app.dispatch, 'invoices:finalize', { id })
  await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
  return id
}

describe('one pass over the outbox', () => {
  it('a dropped connection on one payment delays that payment only; the pass collects the others', async () => {
    const app = await started()
    const [first, second, third] = [
      await queuedInvoice(app, 'acme', 1),
      await queuedInvoice(app, 'acme', 2),
      await queuedInvoice(app, 'globex', 1),
    ]
    // The SDK retries a closed connection once by itself: two drops reach the processor.
    app.fake.injectFault('drop', { times: 2, match: isPay })

    const result = await pass(app)

    expect(result).toMatchObject({ offline: false, rateLimited: false, failed: 1 })
    expect(result.attempted).toBe(8)
    expect([first, second, third].map((id) => invoiceStatus(app, id))).toEqual([
      'finalized',
      'paid',
      'paid',
    ])
    expect(openFailures(app, first)).toEqual(['invoice.collect'])
    expect(app.fake.charges).toHaveLength(2)
  })

  it('a 500 on one push holds back that invoice’s collection, not the other invoices', async () => {
    const app = await started()
    const first = await finalized(app, 'acme')
    const second = await finalized(app, 'globex')
    await invoke(app.dispatch, 'payments:push', { period: '2026-10' })
    app.fake.injectFault('server_error', {
      match: (r) => r.method === 'POST' && r.path === '/v1/invoices',
    })

    const result = await pass(app)

    expect(result).toMatchObject({ attempted: 5, succeeded: 4, failed: 1, offline: false })
    expect(invoiceStatus(app, first)).toBe('finalized')
    expect(openFailures(app, first)).toEqual(['invoice.push'])
    const collect = app.db
      .prepare<[number], string>(
        `SELECT status FROM outbox WHERE invoice_id = ? AND operation = 'invoice.collect'`,
      )
      .pluck()
      .get(first)
    expect(collect).toBe('pending')
    expect(invoiceStatus(app, second)).toBe('paid')
  })

  it('ends as offline after three connection failures in a row, the rest left pending', async () => {
    const app = await started()
    await queuedInvoice(app, 'acme', 1)
    await queuedInvoice(app, 'globex', 1)
    await pass(app)
    // Both customers are in Stripe: each new invoice's push stands on its own.
    for (const month of [2, 3, 4, 5]) await queuedInvoice(app, 'acme', month)
    app.fake.injectFault('drop', { times: 100 })

    const result = await pass(app)

    expect(result).toMatchObject({ attempted: 3, failed: 3, offline: true, remaining: 8 })
  })

  it('waits out a rate limit for its Retry-After and goes on; past its waiting budget the pass ends', async () => {
    const app = await started()
    const first = await finalized(app, 'acme')
    const second = await finalized(app, 'globex')
    await invoke(app.dispatch, 'payments:push', { period: '2026-10' })
    app.fake.injectFault('rate_limit', { match: isPay })
    const waits: number[] = []

    const result = await pass(app, { waits })

    expect(waits).toEqual([1_000])
    expect(result).toMatchObject({ attempted: 6, succeeded: 5, rateLimited: false })
    expect(invoiceStatus(app, first)).toBe('finalized')
    expect(openFailures(app, first)).toEqual(['invoice.collect'])
    expect(invoiceStatus(app, second)).toBe('paid')

    // Stripe keeps saying "slow down": 15 one-second waits, then the rest is left for later.
    for (let month = 1; month <= 17; month += 1) await queuedInvoice(app, 'globex', month)
    app.fake.injectFault('rate_limit', { times: 100 })
    const many: number[] = []
    const limited = await pass(app, { waits: many })
    expect(many).toEqual(Array.from({ length: 15 }, () => 1_000))
    expect(limited).toMatchObject({ attempted: 16, rateLimited: true, offline: false })
  })

  it("the app's own pass (retries process) waits out Retry-After the same way", async () => {
    const app = await started()
    await queuedInvoice(app, 'acme', 1)
    await queuedInvoice(app, 'globex', 1)
    app.fake.injectFault('rate_limit', { match: isPay })
    const result = await invoke(app.dispatch, 'retries:process', {})
    expect(app.waits).toEqual([1_000])
    expect(result).toMatchObject({ attempted: 6, succeeded: 5, rateLimited: false })
  })

  it('sends an operation left `sending` by a process that died again, with the same idempotency key', async () => {
    const app = await started()
    const id = await finalized(app, 'acme')
    await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
    const real = await app.payments.provider()
    if (!real) throw new Error('no provider')
    // The first process sends the payment and dies before Stripe's answer arrives.
    let firstKey: string | null = null
    const dying: PaymentProvider = {
      ...real,
      payInvoice: async (stripeId, write) => {
        firstKey = write.idempotencyKey
        await real.payInvoice(stripeId, write)
        return new Promise(() => undefined)
      },
    }
    void pass(app, { provider: dying })
    await expect.poll(() => firstKey, { interval: 10 }).not.toBeNull()
    await expect.poll(() => app.fake.charges.length, { interval: 10 }).toBe(1)
    const left = app.db
      .prepare<[], { status: string; idempotency_key: string }>(
        `SELECT status, idempotency_key FROM outbox WHERE operation = 'invoice.collect'`,
      )
      .get()
    expect(left?.status).toBe('sending')
    expect(firstKey).toBe(`${left?.idempotency_key}-pay`)

    // While its claim holds nobody takes it; once it expired, the next pass sends it again.
    expect(await pass(app)).toMatchObject({ attempted: 0 })
    app.clock.advance(6 * 60_000)
    const payKeys = () => app.fake.requests.filter(isPay).map((r) => r.idempotencyKey)
    const again = await pass(app, {
      provider: {
        ...real,
        // Asking first is not enough here: the resend must replay the same key.
        getInvoice: async (stripeId) => ({ ...(await real.getInvoice(stripeId)), status: 'open' }),
      },
    })

    expect(again).toMatchObject({ attempted: 1, succeeded: 1 })
    expect(payKeys()).toEqual([firstKey, firstKey])
    expect(app.fake.requests.filter(isPay).map((r) => r.replayed)).toEqual([false, true])
    expect(app.fake.charges).toHaveLength(1)
    expect(invoiceStatus(app, id)).toBe('paid')
  })
})

describe('scheduled passes with 20% transient faults', () => {
  it('leave every collectible invoice paid or in the retry queue, none neither', async () => {
    const app = await started()
    const addCustomer = app.db.prepare(
      `INSERT INTO customer (external_id, name, email, currency, billing_address, tax_region,
         created_at, updated_at)
       VALUES (?, ?, ?, 'USD', '', 'DE', '2026-09-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z')`,
    )
    const addSubscription = app.db.prepare(
      `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date,
         billing_anchor_day, status) VALUES (?, 'starter', 1, '2026-09-01', 1, 'active')`,
    )
    const ids: number[] = []
    app.db.transaction(() => {
      for (let n = 1; n <= 60; n += 1) {
        const customer = addCustomer.run(`flaky-${n}`, `Flaky ${n}`, `b+${n}@flaky.example`)
        addSubscription.run(customer.lastInsertRowid)
        const id = seedDraft(app.db, {
          customer: `flaky-${n}`,
          lines: [{ description: 'Plan', amountMinor: 1_000 + n, kind: 'base' }],
          tax: null,
        })
        finalizeInvoice(app.db, id, { now: app.clock.now(), operator: 'tester' })
        ids.push(id)
      }
    })()
    await invoke(app.dispatch, 'payments:push', { period: '2026-10' })
    app.fake.setFaultRate(0.2, ['server_error', 'rate_limit', 'lock_timeout', 'drop', 'timeout'], 9)

    // A morning of scheduled passes, a quarter of an hour apart.
    for (let slot = 0; slot < 4; slot += 1) {
      await pass(app)
      app.clock.advance(15 * 60_000)
    }

    const queued = new Set(
      app.db
        .prepare<[], number>(
          `SELECT DISTINCT o.invoice_id FROM outbox o
           JOIN payment_failure f ON f.outbox_id = o.id AND f.status = 'open'
           WHERE o.invoice_id IS NOT NULL
           UNION
           SELECT i.id FROM invoice i JOIN payment_failure f
             ON f.customer_id = i.customer_id AND f.status = 'open'
             AND f.operation = 'customer.sync'`,
        )
        .pluck()
        .all(),
    )
    const neither = ids.filter((id) => invoiceStatus(app, id) !== 'paid' && !queued.has(id))
    expect(neither).toEqual([])
    const paid = ids.filter((id) => invoiceStatus(app, id) === 'paid').length
    expect(paid).toBeGreaterThan(30)
    expect(Math.max(...chargesPerInvoice(app.fake).values())).toBe(1)
  }, 120_000)
})
