import { afterEach, describe, expect, it } from 'vitest'
import { invoke } from '../../src-main/ipc/dispatcher'
import type { CreditNoteSettlement } from '../../src-shared/domain/billing'
import { creditBalance, seedDraft } from './invoices-support'
import { closePayments, finalized, paymentsTestApp, type PaymentsTestApp } from './payments-support'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const started = async (): Promise<PaymentsTestApp> => {
  const app = await paymentsTestApp()
  cleanups.push(() => closePayments(app))
  return app
}

const credit = (
  app: PaymentsTestApp,
  invoiceId: number,
  amountMinor: number,
  settlement: CreditNoteSettlement,
) =>
  invoke(app.dispatch, 'invoices:credit-note', {
    invoiceId,
    reason: 'Outage on October 12th',
    lines: [{ description: 'Service credit', amountMinor }],
    settlement,
  })

/** A $100.00 + 19% VAT invoice ($119.00) that Stripe charged. */
const collected = async (app: PaymentsTestApp): Promise<number> => {
  const id = await finalized(app, 'acme', 10_000)
  await invoke(app.dispatch, 'payments:push', { invoiceIds: [id] })
  await invoke(app.dispatch, 'retries:process', {})
  return id
}

const refundsQueued = (app: PaymentsTestApp): number =>
  app.db
    .prepare<[], number>(`SELECT count(*) FROM outbox WHERE operation = 'refund.create'`)
    .pluck()
    .get() ?? 0

describe('what is left to credit, tax included', () => {
  it('credits a taxed invoice up to its total and refuses one cent past it', async () => {
    const app = await started()
    const id = await finalized(app, 'acme', 10_000) // 100.00 + 19.00 VAT = 119.00
    // 99.99 + 19.00 VAT (18.9981 rounded once) = 118.99: one cent left.
    const first = await credit(app, id, 9_999, 'credit_balance')
    expect(first.creditNotes[0]).toMatchObject({ taxMinor: 1_900, totalMinor: 11_899 })
    const last = await credit(app, id, 1, 'credit_balance') // 0.01, no tax: exactly the limit
    expect(last.creditNotes.map((n) => n.totalMinor)).toEqual([11_899, 1])
    await expect(credit(app, id, 1, 'credit_balance')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('at most $0.00 can still be') as string,
    })

    // On a fresh invoice: 100.01 + 19.00 VAT = 119.01, one cent more than it charged.
    const other = seedDraft(app.db, {
      period: '2026-09',
      lines: [{ description: 'Plan', amountMinor: 10_000, kind: 'base' }],
    })
    await invoke(app.dispatch, 'invoices:finalize', { id: other })
    await expect(credit(app, other, 10_001, 'credit_balance')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('($119.01 with tax)') as string,
    })
    expect((await credit(app, other, 10_000, 'credit_balance')).creditNotes).toMatchObject([
      { subtotalMinor: 10_000, taxMinor: 1_900, totalMinor: 11_900 },
    ])
    expect(creditBalance(app.db, 'acme')).toBe(11_900 + 11_900)
  })
})

describe("a credit note's money movement", () => {
  it('must be chosen: there is no default', async () => {
    const app = await started()
    const id = await finalized(app)
    await expect(
      invoke(app.dispatch, 'invoices:credit-note', {
        invoiceId: id,
        reason: 'Outage',
        lines: [{ description: 'Service credit', amountMinor: 100 }],
      } as never),
    ).rejects.toMatchObject({ code: 'validation_failed' })
  })

  it('paid back outside Meterbook sends nothing to Stripe, even for an invoice Stripe charged', async () => {
    const app = await started()
    const id = await collected(app)
    const invoice = await credit(app, id, 1_000, 'paid_outside')
    expect(invoice.creditNotes[0]).toMatchObject({ settlement: 'paid_outside', totalMinor: 1_190 })
    expect(await invoke(app.dispatch, 'retries:process', { now: true })).toMatchObject({
      attempted: 0,
    })
    expect(refundsQueued(app)).toBe(0)
    expect(app.fake.refunds.size).toBe(0)
    expect(creditBalance(app.db, 'acme')).toBe(0)
  })

  it('refunds through Stripe once, idempotently, for an invoice Stripe charged', async () => {
    const app = await started()
    const id = await collected(app)
    expect(await invoke(app.dispatch, 'payments:invoice', { invoiceId: id })).toMatchObject({
      collectedThroughStripe: true,
    })
    const invoice = await credit(app, id, 1_000, 'stripe_refund')
    expect(invoice.creditNotes[0]).toMatchObject({ settlement: 'stripe_refund', totalMinor: 1_190 })
    // A timeout after Stripe made it: the retry replays the key.
    app.fake.injectFault('timeout', { match: (r) => r.path === '/v1/refunds' })
    await invoke(app.dispatch, 'retries:process', {})
    await invoke(app.dispatch, 'retries:process', { now: true })
    expect([...app.fake.refunds.values()].map((r) => r.amount)).toEqual([1_190])
    const keys = app.fake.requests.filter((r) => r.path === '/v1/refunds')
    expect(new Set(keys.map((r) => r.idempotencyKey)).size).toBe(1)
    expect(creditBalance(app.db, 'acme')).toBe(0)
  })

  it('refuses a Stripe refund of an invoice Stripe did not collect, and issues nothing', async () => {
    const app = await started()
    const id = await finalized(app)
    await invoke(app.dispatch, 'invoices:mark-paid', { id, note: 'Bank transfer' })
    expect(
      (await invoke(app.dispatch, 'payments:invoice', { invoiceId: id }))?.collectedThroughStripe ??
        false,
    ).toBe(false)
    await expect(credit(app, id, 1_000, 'stripe_refund')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('was not collected through Stripe') as string,
    })
    expect((await invoke(app.dispatch, 'invoices:get', { id })).creditNotes).toEqual([])
    expect(refundsQueued(app)).toBe(0)
    // The number was not taken: the next credit note is the first of the series.
    const outside = await credit(app, id, 1_000, 'paid_outside')
    expect(outside.creditNotes.map((n) => n.number)).toEqual(['CN-2026-000001'])
  })

  it('pays back only what was paid: an unpaid invoice can be credited to the balance only', async () => {
    const app = await started()
    const id = await finalized(app)
    for (const settlement of ['paid_outside', 'stripe_refund'] as const)
      await expect(credit(app, id, 1_000, settlement)).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringContaining('is not paid') as string,
      })
    const balance = await credit(app, id, 1_000, 'credit_balance')
    expect(balance.creditNotes[0]).toMatchObject({ settlement: 'credit_balance' })
    expect(creditBalance(app.db, 'acme')).toBe(1_190)
  })
})

describe('a credit note as stored and explained', () => {
  it('says how much can still be credited and which field is wrong, and refuses paying back an unpaid invoice', async () => {
    const app = await started()
    const id = await finalized(app, 'acme', 10_000) // 100.00 + 19.00 VAT = 119.00
    await credit(app, id, 8_000, 'credit_balance') // 80.00 + 15.20 VAT = 95.20
    await expect(credit(app, id, 3_000, 'credit_balance')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('so at most $23.80 can still be') as string,
      fields: { lines: 'credit more than the invoice has left' },
    })
    await expect(credit(app, id, 100, 'paid_outside')).rejects.toMatchObject({
      code: 'conflict',
      fields: { settlement: 'the invoice is not paid' },
    })
  })

  it('numbers its lines from 1, names itself in the credit granted, and audits what it is', async () => {
    const app = await started()
    const id = await finalized(app, 'acme', 10_000)
    const { creditNotes } = await invoke(app.dispatch, 'invoices:credit-note', {
      invoiceId: id,
      reason: 'Outage on October 12th',
      lines: [
        { description: 'Service credit', amountMinor: 1_000 },
        { description: 'Goodwill', amountMinor: 500 },
      ],
      settlement: 'credit_balance',
    })
    const note = creditNotes[0]
    expect(note).toBeDefined()
    const noteId = app.db
      .prepare<[string], number>('SELECT id FROM credit_note WHERE number = ?')
      .pluck()
      .get(note?.number ?? '')
    expect(
      app.db
        .prepare('SELECT position, description FROM credit_note_line WHERE credit_note_id = ?')
        .raw()
        .all(noteId),
    ).toEqual([
      [1, 'Service credit'],
      [2, 'Goodwill'],
    ])
    const invoiceNumber = app.db
      .prepare<[number], string>('SELECT number FROM invoice WHERE id = ?')
      .pluck()
      .get(id)
    expect(
      app.db
        .prepare<[number], string>('SELECT note FROM credit_entry WHERE credit_note_id = ?')
        .pluck()
        .get(noteId ?? 0),
    ).toBe(`Credit note ${note?.number ?? ''} for invoice ${invoiceNumber ?? ''}`)
    const after = app.db
      .prepare<[], string>(
        "SELECT after_json FROM audit_entry WHERE action = 'invoices:credit-note' ORDER BY id DESC LIMIT 1",
      )
      .pluck()
      .get()
    // 15.00 + 19 % VAT (2.85) = 17.85.
    expect(JSON.parse(after ?? 'null')).toMatchObject({
      creditNote: {
        number: note?.number,
        reason: 'Outage on October 12th',
        subtotalMinor: 1_500,
        taxMinor: 285,
        totalMinor: 1_785,
        settlement: 'credit_balance',
      },
    })
  })

  it('charges no tax on the credit of an invoice that charged none', async () => {
    const app = await started()
    const untaxed = seedDraft(app.db, {
      period: '2026-09',
      tax: null,
      lines: [{ description: 'Plan', amountMinor: 10_000, kind: 'base' }],
    })
    await invoke(app.dispatch, 'invoices:finalize', { id: untaxed })
    expect((await credit(app, untaxed, 2_500, 'credit_balance')).creditNotes).toMatchObject([
      { subtotalMinor: 2_500, taxMinor: 0, totalMinor: 2_500 },
    ])
  })
})
