import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { finalizeInvoice } from '../../src-main/invoices/lifecycle'
import { seedDraft } from './invoices-support'
import {
  chargesPerInvoice,
  closePayments,
  paymentsTestApp,
  type PaymentsTestApp,
} from './payments-support'

const INVOICES = 1_000
/** Every 40th customer's card is declined for insufficient funds: 25 invoices for a person. */
const declined = (n: number): boolean => n % 40 === 0

let app: PaymentsTestApp
beforeAll(async () => {
  // A short timeout: the fake's `timeout` fault executes the request and never answers.
  app = await paymentsTestApp({ timeoutMs: 100 })
  const { db } = app
  const addCustomer = db.prepare(
    `INSERT INTO customer (external_id, name, email, currency, billing_address, tax_region,
       created_at, updated_at)
     VALUES (?, ?, ?, 'USD', '', 'DE', '2026-09-01T00:00:00.000Z', '2026-09-01T00:00:00.000Z')`,
  )
  const addSubscription = db.prepare(
    `INSERT INTO subscription (customer_id, plan_id, plan_version, start_date, billing_anchor_day,
       status) VALUES (?, 'starter', 1, '2026-09-01', 1, 'active')`,
  )
  db.transaction(() => {
    for (let n = 1; n <= INVOICES; n += 1) {
      const email = `billing+${n}@soak.example`
      const id = addCustomer.run(`soak-${n}`, `Soak customer ${n}`, email).lastInsertRowid
      addSubscription.run(id)
      const invoice = seedDraft(db, {
        customer: `soak-${n}`,
        lines: [{ description: 'Starter plan and usage', amountMinor: 2_900 + n, kind: 'base' }],
        tax: null,
      })
      finalizeInvoice(db, invoice, { now: app.clock.now(), operator: 'soak' })
      if (declined(n)) app.fake.setCardBehaviour(`email:${email}`, 'insufficient_funds')
    }
  })()
}, 60_000)
afterAll(() => closePayments(app))

describe('soak: 1,000 invoices pushed and collected with 20% injected faults', () => {
  it('charges no customer twice and leaves every invoice paid or waiting for a person', async () => {
    await invoke(app.dispatch, 'payments:push', { period: '2026-10' })
    app.fake.setFaultRate(
      0.2,
      ['server_error', 'rate_limit', 'lock_timeout', 'drop', 'timeout'],
      42,
    )

    // "Retry all now" until nothing automatic is left (each pass stops when Stripe is unreachable).
    let passes = 0
    for (;;) {
      const result = await invoke(app.dispatch, 'retries:process', { now: true })
      passes += 1
      if (result.attempted === 0 || passes > 2_000) break
    }
    app.fake.setFaultRate(0, [], 0)
    // Stripe's events settle what a lost answer left open (a charge made on the last attempt).
    await invoke(app.dispatch, 'payments:sync', {})

    const faulted = app.fake.requests.filter((r) => r.fault !== undefined).length
    expect(faulted).toBeGreaterThan(700)
    // No Stripe invoice was charged twice, and no customer has two Stripe invoices or records.
    expect(Math.max(...chargesPerInvoice(app.fake).values())).toBe(1)
    const invoicesPerCustomer = new Map<string, number>()
    for (const invoice of app.fake.invoices.values()) {
      const customer = typeof invoice.customer === 'string' ? invoice.customer : ''
      invoicesPerCustomer.set(customer, (invoicesPerCustomer.get(customer) ?? 0) + 1)
    }
    expect(app.fake.customers.size).toBe(INVOICES)
    expect(Math.max(...invoicesPerCustomer.values())).toBe(1)

    // Every invoice is paid, or its collection waits in the manual queue.
    const statuses = app.db
      .prepare<[], { status: string; n: number }>(
        `SELECT status, count(*) AS n FROM invoice GROUP BY status ORDER BY status`,
      )
      .all()
    const manual = app.db
      .prepare<[], number>(
        `SELECT count(DISTINCT invoice_id) FROM payment_failure
         WHERE status = 'open' AND strategy = 'manual' AND invoice_id IS NOT NULL`,
      )
      .pluck()
      .get()
    const paid = statuses.find((s) => s.status === 'paid')?.n ?? 0
    const unpaid = statuses.find((s) => s.status === 'finalized')?.n ?? 0
    expect(paid + unpaid).toBe(INVOICES)
    expect(unpaid).toBe(manual)
    expect(unpaid).toBeGreaterThanOrEqual(INVOICES / 40)
    // Each paid invoice was charged exactly its total.
    expect(app.fake.charges).toHaveLength(paid)
    const charged = app.fake.charges.reduce((sum, c) => sum + c.amount, 0)
    const totals = app.db
      .prepare<[], number>(`SELECT sum(total_minor) FROM invoice WHERE status = 'paid'`)
      .pluck()
      .get()
    expect(charged).toBe(totals)
    // Declined cards were never charged; their declines wait in the manual queue. (A few may
    // instead have run out of attempts on injected faults before reaching the card.)
    const declinedStatuses = app.db
      .prepare<[], string>(
        `SELECT i.status FROM invoice i JOIN customer c ON c.id = i.customer_id
         WHERE CAST(substr(c.external_id, 6) AS INTEGER) % 40 = 0`,
      )
      .pluck()
      .all()
    expect(declinedStatuses).toEqual(Array.from({ length: INVOICES / 40 }, () => 'finalized'))
    const declines = (
      await invoke(app.dispatch, 'retries:list', { strategy: 'manual', limit: 500 })
    ).failures.filter((f) => f.declineCode === 'insufficient_funds')
    expect(declines.length).toBeGreaterThan(INVOICES / 40 - 5)
    for (const failure of declines)
      expect(declined(Number(failure.customerId?.slice(5)))).toBe(true)
  }, 600_000)
})
