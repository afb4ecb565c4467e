import { invoke } from '../../src-main/ipc/dispatcher'
import type { ProviderFailure } from '../../src-main/payments/provider'
import {
  recordFailure,
  type FailureOutcome,
  type FailureSubject,
} from '../../src-main/retries/failure-store'
import type { OutboxOperation } from '../../src-shared/domain/payments'
import { invoicesTestApp, seedDraft, type InvoicesTestApp } from './invoices-support'

export type RetriesTestApp = InvoicesTestApp

/**
 * The invoices test app (`acme` USD and `globex` EUR, both active, clock 2026-11-03T09:00Z):
 * failures are recorded by calling the failure store directly, as the payments processor does.
 */
export const retriesTestApp = (
  options: Parameters<typeof invoicesTestApp>[0] = {},
): Promise<RetriesTestApp> => invoicesTestApp(options)

/** A finalized invoice of 100.00 + 19% VAT = 119.00 (11,900 minor units). */
export const finalizedInvoice = async (
  app: RetriesTestApp,
  customer = 'acme',
  amountMinor = 10_000,
): Promise<{ id: number; number: string; totalMinor: number }> => {
  // One invoice per subscription and period: each further invoice takes the month before.
  const earlier =
    app.db
      .prepare<[string], number>(
        `SELECT count(*) FROM invoice i JOIN customer c ON c.id = i.customer_id
         WHERE c.external_id = ?`,
      )
      .pluck()
      .get(customer) ?? 0
  const id = seedDraft(app.db, {
    customer,
    period: `2026-${String(10 - earlier).padStart(2, '0')}`,
    lines: [{ description: 'Plan', amountMinor, kind: 'base' }],
  })
  const invoice = await invoke(app.dispatch, 'invoices:finalize', { id })
  return { id, number: invoice.number ?? '', totalMinor: invoice.totalMinor }
}

const customerRowId = (app: RetriesTestApp, externalId: string): number =>
  app.db
    .prepare<[string], number>('SELECT id FROM customer WHERE external_id = ?')
    .pluck()
    .get(externalId) ?? 0

let queued = 0

/** An outbox row as the payments side queues one; returns its id. */
export const queueOperation = (
  app: RetriesTestApp,
  op: {
    operation: OutboxOperation
    customer?: string
    invoiceId?: number | null
    amountMinor?: number | null
    currency?: string | null
  },
): number => {
  const customer = op.customer ?? 'acme'
  return Number(
    app.db
      .prepare(
        `INSERT INTO outbox (operation, customer_id, invoice_id, amount_minor, currency,
           idempotency_key, status, attempts, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, 'failed', 1, '2026-11-03T09:00:00.000Z', 'tester')`,
      )
      .run(
        op.operation,
        customerRowId(app, customer),
        op.invoiceId ?? null,
        op.amountMinor ?? null,
        op.currency ?? null,
        `${op.operation}:${customer}:${op.invoiceId ?? 'none'}:${(queued += 1)}`,
      ).lastInsertRowid,
  )
}

/** The collection of an invoice, as an outbox operation, ready to fail. */
export const collection = async (
  app: RetriesTestApp,
  customer = 'acme',
  amountMinor = 10_000,
): Promise<{ subject: FailureSubject; invoice: { id: number; number: string } }> => {
  const invoice = await finalizedInvoice(app, customer, amountMinor)
  const currency = customer === 'globex' ? 'EUR' : 'USD'
  const outboxId = queueOperation(app, {
    operation: 'invoice.collect',
    customer,
    invoiceId: invoice.id,
    amountMinor: invoice.totalMinor,
    currency,
  })
  return {
    invoice,
    subject: {
      operation: 'invoice.collect',
      outboxId,
      customerRowId: customerRowId(app, customer),
      invoiceId: invoice.id,
      amountMinor: invoice.totalMinor,
      currency,
      context: { stripeInvoiceId: `in_${invoice.id}`, step: 'pay' },
    },
  }
}

export const networkDown: ProviderFailure = {
  type: 'connection_error',
  code: null,
  declineCode: null,
  requestId: null,
  httpStatus: null,
  message: 'An error occurred with our connection to Stripe.',
  retryAfterSeconds: null,
}

export const insufficientFunds: ProviderFailure = {
  type: 'card_error',
  code: 'card_declined',
  declineCode: 'insufficient_funds',
  requestId: 'req_decline',
  httpStatus: 402,
  message: 'Your card has insufficient funds.',
  retryAfterSeconds: null,
}

export const serverError: ProviderFailure = {
  type: 'api_error',
  code: null,
  declineCode: null,
  requestId: 'req_500',
  httpStatus: 500,
  message: 'An unknown error occurred',
  retryAfterSeconds: null,
}

/** Records a failure as the processor would, at the app's clock, with the jitter at its middle. */
export const fail = (
  app: RetriesTestApp,
  subject: FailureSubject,
  failure: ProviderFailure = networkDown,
): FailureOutcome =>
  app.db.transaction(() =>
    recordFailure(app.db, subject, failure, {
      now: app.clock.now(),
      operator: 'processor',
      random: () => 0.5,
    }),
  )()

export const subscriptionStatus = (app: RetriesTestApp, customer = 'acme'): string | undefined =>
  app.db
    .prepare<[string], string>(
      `SELECT s.status FROM subscription s JOIN customer c ON c.id = s.customer_id
       WHERE c.external_id = ?`,
    )
    .pluck()
    .get(customer)
