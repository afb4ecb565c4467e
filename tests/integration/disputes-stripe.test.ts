import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import { creditBalance } from './invoices-support'
import { closePayments, finalized, paymentsTestApp, type PaymentsTestApp } from './payments-support'

let app: PaymentsTestApp
beforeEach(async () => {
  app = await paymentsTestApp()
})
afterEach(() => closePayments(app))

const count = (sql: string): number => app.db.prepare<[], number>(sql).pluck().get() ?? 0

/** Pushes and collects acme's 100.00 + 19% VAT invoice (119.00); returns our id and the intent. */
const paidInvoice = async (): Promise<{ id: number; intent: string }> => {
  const id = await finalized(app)
  await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
  await invoke(app.dispatch, 'retries:process', {})
  await invoke(app.dispatch, 'payments:sync', {})
  return { id, intent: app.fake.charges[0]!.paymentIntent }
}

/** 2026-11-20T12:00:00Z, as Stripe's evidence_details.due_by. */
const dueBy = Date.UTC(2026, 10, 20, 12) / 1000

describe("Stripe's disputes through event sync", () => {
  it('records a dispute with its amount, reason and deadline, and follows it to a lost outcome without a second refund', async () => {
    const { id, intent } = await paidInvoice()
    app.fake.emitDispute('charge.dispute.created', {
      id: 'dp_lost',
      paymentIntent: intent,
      amount: 11_900,
      reason: 'fraudulent',
      evidenceDueBy: dueBy,
    })
    await invoke(app.dispatch, 'payments:sync', {})
    const [created] = (await invoke(app.dispatch, 'disputes:list', { source: 'stripe' })).disputes
    expect(created).toMatchObject({
      invoiceId: id,
      source: 'stripe',
      stripeDisputeId: 'dp_lost',
      amountMinor: 11_900,
      currency: 'USD',
      reason: 'fraudulent',
      deadline: '2026-11-20',
      status: 'open',
    })
    app.fake.emitDispute('charge.dispute.updated', {
      id: 'dp_lost',
      paymentIntent: intent,
      amount: 11_900,
      status: 'under_review',
      evidenceDueBy: dueBy,
    })
    app.fake.emitDispute('charge.dispute.closed', {
      id: 'dp_lost',
      paymentIntent: intent,
      amount: 11_900,
      status: 'lost',
      evidenceDueBy: dueBy,
    })
    await invoke(app.dispatch, 'payments:sync', {})
    const closed = await invoke(app.dispatch, 'disputes:get', { id: created!.id })
    expect(closed).toMatchObject({ status: 'resolved', resolution: 'accepted', creditNoteId: null })
    expect(closed.history.map((s) => [s.step, s.status, s.note])).toEqual([
      ['opened', 'open', 'Stripe: needs_response (fraudulent)'],
      ['review', 'under_review', 'Stripe: under_review (general)'],
      ['resolved', 'resolved', 'Stripe: lost (general)'],
    ])
    // Stripe took the money back itself: no credit note, no balance, no refund queued here.
    expect((await invoke(app.dispatch, 'invoices:get', { id })).creditNotes).toEqual([])
    expect(creditBalance(app.db, 'acme')).toBe(0)
    expect(count("SELECT count(*) FROM outbox WHERE operation = 'refund.create'")).toBe(0)
    expect(app.fake.refunds.size).toBe(0)

    // Re-reading every event changes nothing: same dispute, same steps, same audit.
    const before = [
      count('SELECT count(*) FROM dispute'),
      count('SELECT count(*) FROM dispute_step'),
      count('SELECT count(*) FROM audit_entry'),
    ]
    app.db.prepare('UPDATE payment_sync SET event_cursor_id = NULL, cursor_created = 0').run()
    const again = await invoke(app.dispatch, 'payments:sync', {})
    expect(again.applied).toBe(0)
    expect([
      count('SELECT count(*) FROM dispute'),
      count('SELECT count(*) FROM dispute_step'),
      count('SELECT count(*) FROM audit_entry'),
    ]).toEqual(before)
    expect(before.slice(0, 2)).toEqual([1, 3])
  })

  it('a won dispute is resolved rejected, even when its first event is the closing one', async () => {
    const { intent } = await paidInvoice()
    app.fake.emitDispute('charge.dispute.closed', {
      id: 'dp_won',
      paymentIntent: intent,
      amount: 5_000,
      reason: 'product_not_received',
      status: 'won',
    })
    await invoke(app.dispatch, 'payments:sync', {})
    expect((await invoke(app.dispatch, 'disputes:list', {})).disputes).toMatchObject([
      {
        stripeDisputeId: 'dp_won',
        amountMinor: 5_000,
        status: 'resolved',
        resolution: 'rejected',
        deadline: null,
      },
    ])
  })

  it('a Stripe dispute is not reviewed or resolved by hand: Stripe decides it', async () => {
    const { intent } = await paidInvoice()
    app.fake.emitDispute('charge.dispute.created', {
      id: 'dp_open',
      paymentIntent: intent,
      amount: 11_900,
    })
    await invoke(app.dispatch, 'payments:sync', {})
    const [d] = (await invoke(app.dispatch, 'disputes:list', {})).disputes
    const result = await app.dispatch('disputes:review', { id: d!.id, note: 'Looking' })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { id: 'a Stripe dispute' } },
    })
  })
})

describe('dunning while disputed', () => {
  /** A collection that failed on Stripe's side: an automatic (exponential) retry is planned. */
  const failedCollection = async (): Promise<number> => {
    const id = await finalized(app)
    await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
    app.fake.injectFault('server_error', { match: (r) => r.path.endsWith('/pay') })
    await invoke(app.dispatch, 'retries:process', {})
    expect(app.fake.charges).toHaveLength(0)
    expect((await invoke(app.dispatch, 'retries:list', {})).failures).toMatchObject([
      { operation: 'invoice.collect', strategy: 'exponential' },
    ])
    return id
  }

  it('holds automatic retries while the dispute is open or under review, and collects once it is rejected', async () => {
    const id = await failedCollection()
    const d = await invoke(app.dispatch, 'disputes:open', { invoiceId: id, reason: 'Wrong plan' })
    // `now` takes every automatic retry, due or not: the disputed invoice's is held back.
    expect((await invoke(app.dispatch, 'retries:process', { now: true })).attempted).toBe(0)
    await invoke(app.dispatch, 'disputes:review', { id: d.id, note: 'Looking' })
    expect((await invoke(app.dispatch, 'retries:process', { now: true })).attempted).toBe(0)
    expect(app.fake.charges).toHaveLength(0)
    await invoke(app.dispatch, 'disputes:resolve', {
      id: d.id,
      resolution: 'rejected',
      note: 'Priced as signed',
    })
    const resumed = await invoke(app.dispatch, 'retries:process', { now: true })
    expect(resumed).toMatchObject({ attempted: 1, succeeded: 1 })
    expect(app.fake.charges).toMatchObject([{ amount: 11_900 }])
  })

  it("an accepted dispute keeps the automatic retry held: a person's retry now still sends it", async () => {
    const id = await failedCollection()
    const d = await invoke(app.dispatch, 'disputes:open', {
      invoiceId: id,
      reason: 'Partly wrong',
      amountMinor: 1_000,
    })
    await invoke(app.dispatch, 'disputes:review', { id: d.id, note: 'Looking' })
    await invoke(app.dispatch, 'disputes:resolve', { id: d.id, resolution: 'accepted' })
    expect((await invoke(app.dispatch, 'retries:process', { now: true })).attempted).toBe(0)
    const [failure] = (await invoke(app.dispatch, 'retries:list', {})).failures
    await invoke(app.dispatch, 'retries:act', { ids: [failure!.id], action: { kind: 'retry-now' } })
    expect((await invoke(app.dispatch, 'retries:process', {})).succeeded).toBe(1)
  })
})
