import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { seedDraft } from './invoices-support'
import {
  closePayments,
  finalized,
  invoiceStatus,
  paymentsTestApp,
  type PaymentsTestApp,
} from './payments-support'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A $119.00 invoice pushed to Stripe whose card was declined: Stripe's copy is open, unpaid. */
const openInStripe = async (): Promise<{ app: PaymentsTestApp; id: number }> => {
  const app = await paymentsTestApp()
  cleanups.push(() => closePayments(app))
  const id = await finalized(app)
  await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
  app.fake.injectFault('server_error', { match: (r) => r.path.endsWith('/pay') })
  await invoke(app.dispatch, 'retries:process', {})
  expect(stripeCopy(app).status).toBe('open')
  return { app, id }
}

const stripeCopy = (app: PaymentsTestApp) => {
  const copies = [...app.fake.invoices.values()]
  expect(copies).toHaveLength(1)
  return copies[0]!
}

const posts = (app: PaymentsTestApp, suffix: string) =>
  app.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(suffix))

const outboxOf = async (app: PaymentsTestApp, id: number) =>
  (await invoke(app.dispatch, 'payments:invoice', { invoiceId: id }))?.outbox.map(
    (e) => `${e.operation}:${e.status}`,
  )

describe("closing an invoice here closes Stripe's copy, through the outbox", () => {
  it('a write-off marks it uncollectible in Stripe, once, so Stripe stops collecting it', async () => {
    const { app, id } = await openInStripe()
    await invoke(app.dispatch, 'invoices:mark-uncollectible', { id, reason: 'Customer gone' })
    expect(await outboxOf(app, id)).toEqual([
      'invoice.uncollectible:pending',
      'invoice.collect:canceled',
      'invoice.push:sent',
    ])
    // Stripe made the change but its answer was lost: the retry replays the same key.
    app.fake.injectFault('timeout', { match: (r) => r.path.endsWith('/mark_uncollectible') })
    await invoke(app.dispatch, 'retries:process', {})
    await invoke(app.dispatch, 'retries:process', { now: true })

    expect(stripeCopy(app).status).toBe('uncollectible')
    expect(posts(app, '/mark_uncollectible').filter((r) => !r.replayed)).toHaveLength(1)
    expect(new Set(posts(app, '/mark_uncollectible').map((r) => r.idempotencyKey)).size).toBe(1)
    expect(await outboxOf(app, id)).toEqual([
      'invoice.uncollectible:sent',
      'invoice.collect:canceled',
      'invoice.push:sent',
    ])
    expect(invoiceStatus(app, id)).toBe('uncollectible')
    expect(app.fake.charges).toHaveLength(0)
  })

  it('paid by bank transfer after the write-off: Stripe records it paid out of band', async () => {
    const { app, id } = await openInStripe()
    await invoke(app.dispatch, 'invoices:mark-uncollectible', { id, reason: 'Customer gone' })
    await invoke(app.dispatch, 'invoices:mark-paid', { id, note: 'Bank transfer after all' })
    await invoke(app.dispatch, 'retries:process', {})

    expect(stripeCopy(app)).toMatchObject({ status: 'paid', amount_paid_off_stripe: 11_900 })
    expect(await outboxOf(app, id)).toEqual([
      'invoice.settle:sent',
      'invoice.uncollectible:sent',
      'invoice.collect:canceled',
      'invoice.push:sent',
    ])
    expect(app.fake.charges).toHaveLength(0)
  })

  it('a void voids it in Stripe, once', async () => {
    const { app, id } = await openInStripe()
    await invoke(app.dispatch, 'invoices:void', { id, reason: 'Issued twice' })
    await invoke(app.dispatch, 'retries:process', {})
    await invoke(app.dispatch, 'retries:process', { now: true })
    expect(stripeCopy(app).status).toBe('void')
    expect(posts(app, '/void')).toHaveLength(1)
  })

  it('an invoice Stripe never saw stays unknown to Stripe: its unsent push is called off', async () => {
    const app = await paymentsTestApp()
    cleanups.push(() => closePayments(app))
    const ids: number[] = []
    for (const period of ['2026-08', '2026-09', '2026-10']) {
      const id = seedDraft(app.db, { period })
      await invoke(app.dispatch, 'invoices:finalize', { id })
      ids.push(id)
    }
    const [writtenOff, voided, paid] = ids
    // Queued for Stripe, not sent yet (offline).
    await invoke(app.dispatch, 'payments:push', { invoiceIds: ids })
    await invoke(app.dispatch, 'invoices:mark-uncollectible', { id: writtenOff!, reason: 'Gone' })
    await invoke(app.dispatch, 'invoices:void', { id: voided!, reason: 'Wrong customer' })
    await invoke(app.dispatch, 'invoices:mark-paid', { id: paid!, note: 'Cash' })
    for (const id of [writtenOff!, voided!, paid!])
      expect(await outboxOf(app, id)).toEqual(['invoice.collect:canceled', 'invoice.push:canceled'])

    await invoke(app.dispatch, 'retries:process', {})
    expect(app.fake.invoices.size).toBe(0)
    expect(app.fake.requests.filter((r) => r.path.startsWith('/v1/invoices'))).toEqual([])
  })
})
