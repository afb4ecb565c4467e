import type Database from 'better-sqlite3'
import type { SyncResult } from '../../src-shared/domain/payments'
import { appendAudit } from '../audit/audit-service'
import { applyStripeDispute, type StripeDispute } from '../disputes/stripe-disputes'
import { EVENT_PAGE_SIZE, readPages } from './event-cursor'
import { failureRecorder } from './failure-hooks'
import type { PaymentProvider, ProviderEvent } from './provider'
import { recordStripePayment, type SettleOptions } from './settlement'

/**
 * A desktop app receives no webhooks: it polls Stripe's events and applies each exactly once (the
 * event id is recorded in the same transaction as its effect). It reads them page by page, oldest
 * first, from the newest event applied (event-cursor.ts), and saves that cursor after each page:
 * a fault halfway keeps every page applied, and the next sync resumes after it.
 */
export type SyncDeps = {
  db: Database.Database
  provider: PaymentProvider
  save: <T>(write: (db: Database.Database) => T) => Promise<T>
  now: () => Date
  operator: string
  /** Events per page (Stripe's largest by default). */
  pageSize?: number
}

export const syncEvents = async (deps: SyncDeps): Promise<SyncResult> => {
  const result: SyncResult = { fetched: 0, applied: 0, skipped: 0 }
  const reader = { ...deps, pageSize: deps.pageSize ?? EVENT_PAGE_SIZE }
  await readPages(reader, async (events) => {
    for (const event of events) {
      result.fetched += 1
      try {
        const applied = await deps.save((db) => applyOnce(db, event, deps))
        if (applied) result.applied += 1
        else result.skipped += 1
      } catch (error) {
        // A step here refused the event (e.g. Stripe was paid for an invoice voided here): it
        // must not block the events after it, so it goes to the retry queue for a person, once.
        await deps.save((db) => refuseOnce(db, event, error, deps))
        result.skipped += 1
      }
    }
  })
  await deps.save((db) =>
    db
      .prepare('UPDATE payment_sync SET last_sync_at = ?, last_error = NULL WHERE id = 1')
      .run(deps.now().toISOString()),
  )
  return result
}

/** True when the event changed something here now; false when seen before or not ours. */
const applyOnce = (db: Database.Database, event: ProviderEvent, deps: SyncDeps): boolean => {
  const seen = db.prepare('SELECT 1 FROM stripe_event WHERE id = ?').get(event.id)
  if (seen) return false
  const opts = { now: deps.now(), operator: deps.operator }
  const outcome = (appliers[event.type] ?? (() => 'ignored'))(db, event.object, opts)
  db.prepare(
    'INSERT INTO stripe_event (id, type, created, applied_at, outcome) VALUES (?, ?, ?, ?, ?)',
  ).run(event.id, event.type, event.created, opts.now.toISOString(), outcome)
  return outcome !== 'ignored'
}

const refuseOnce = (
  db: Database.Database,
  event: ProviderEvent,
  error: unknown,
  deps: SyncDeps,
): void => {
  const message = error instanceof Error ? error.message : String(error)
  const now = deps.now()
  const inserted = db
    .prepare(
      `INSERT INTO stripe_event (id, type, created, applied_at, outcome) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    )
    .run(event.id, event.type, event.created, now.toISOString(), `refused: ${message}`)
  if (inserted.changes === 0) return
  failureRecorder(db).recordFailure(
    db,
    {
      operation: 'internal',
      outboxId: null,
      customerRowId: null,
      invoiceId: ourInvoice(db, event.object) ?? null,
      amountMinor: null,
      currency: null,
      context: { eventId: event.id, eventType: event.type },
    },
    {
      type: 'internal_error',
      code: 'event_refused',
      declineCode: null,
      requestId: null,
      httpStatus: null,
      message: `Stripe event ${event.type} (${event.id}) could not be applied: ${message}`,
      retryAfterSeconds: null,
    },
    { now, operator: deps.operator, random: () => 0.5 },
  )
}

type Applier = (
  db: Database.Database,
  object: Record<string, unknown>,
  opts: SettleOptions,
) => string

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)
const minor = (value: unknown): number => (typeof value === 'number' ? value : 0)

/** Our invoice behind a Stripe invoice: by the id we stored, else by the metadata we set. */
const ourInvoice = (db: Database.Database, object: Record<string, unknown>): number | undefined => {
  const byStripeId = db
    .prepare<[string], number>('SELECT invoice_id FROM invoice_payment WHERE stripe_invoice_id = ?')
    .pluck()
    .get(text(object['id']) ?? '')
  if (byStripeId !== undefined) return byStripeId
  const metadata = object['metadata'] as Record<string, unknown> | undefined
  const id = Number(metadata?.['meterbook_invoice_id'])
  const exists = db.prepare<[number], number>('SELECT id FROM invoice WHERE id = ?').pluck().get(id)
  return exists ?? undefined
}

const paymentIntentOf = (object: Record<string, unknown>): string | null => {
  const payments = object['payments'] as { data?: { payment?: { payment_intent?: unknown } }[] }
  return text(payments?.data?.[0]?.payment?.payment_intent)
}

const byPaymentIntent = (db: Database.Database, intent: string | null): number | undefined =>
  intent === null
    ? undefined
    : db
        .prepare<[string], number>(
          'SELECT invoice_id FROM invoice_payment WHERE payment_intent = ?',
        )
        .pluck()
        .get(intent)

/** The parts of a Stripe dispute object the dispute record keeps. */
const disputeOf = (object: Record<string, unknown>): StripeDispute => {
  const evidence = object['evidence_details'] as { due_by?: unknown } | undefined
  return {
    id: text(object['id']) ?? '',
    amountMinor: minor(object['amount']),
    currency: text(object['currency']),
    reason: text(object['reason']),
    status: text(object['status']),
    dueBy: typeof evidence?.due_by === 'number' ? evidence.due_by : null,
  }
}

/** A later state of a dispute (its deadline, Stripe's review, the outcome): the same record. */
const disputeChanged: Applier = (db, object, opts) => {
  const invoiceId = byPaymentIntent(db, text(object['payment_intent']))
  if (invoiceId === undefined) return 'ignored'
  return applyStripeDispute(db, invoiceId, disputeOf(object), opts)
}

const audit = (
  db: Database.Database,
  opts: SettleOptions,
  action: string,
  entity: { type: string; id: string },
  after: Record<string, string | number | boolean | null>,
): void => {
  appendAudit(db, {
    at: opts.now.toISOString(),
    operator: opts.operator,
    action,
    entityType: entity.type,
    entityId: entity.id,
    before: null,
    after,
  })
}

const appliers: Record<string, Applier> = {
  'invoice.paid': (db, object, opts) => {
    const invoiceId = ourInvoice(db, object)
    if (invoiceId === undefined) return 'ignored'
    // The payment settles any open collection failure of this invoice, as a succeeded attempt.
    const failing = db
      .prepare<[number], number>(
        `SELECT id FROM payment_failure
         WHERE invoice_id = ? AND status = 'open' AND operation = 'invoice.collect'`,
      )
      .pluck()
      .all(invoiceId)
    for (const failureId of failing)
      failureRecorder(db).recordSuccess(db, failureId, { ...opts, requestId: null })
    db.prepare(
      `UPDATE outbox SET status = 'sent', sent_at = coalesce(sent_at, ?)
       WHERE invoice_id = ? AND operation = 'invoice.collect' AND status IN ('pending', 'failed')`,
    ).run(opts.now.toISOString(), invoiceId)
    recordStripePayment(
      db,
      invoiceId,
      {
        id: text(object['id']) ?? '',
        status: 'paid',
        amountPaidMinor: minor(object['amount_paid']),
        paymentIntent: paymentIntentOf(object),
      },
      opts,
    )
    return 'paid'
  },
  'invoice.payment_failed': (db, object, opts) => {
    const invoiceId = ourInvoice(db, object)
    if (invoiceId === undefined) return 'ignored'
    const open = db
      .prepare(
        `SELECT 1 FROM payment_failure WHERE invoice_id = ? AND status = 'open'
           AND operation = 'invoice.collect'`,
      )
      .get(invoiceId)
    // Our own collection recorded it already; one Stripe made by itself becomes a record.
    if (open) return 'already recorded'
    const invoice = db
      .prepare<[number], { customer_id: number; total_minor: number; currency: string }>(
        'SELECT customer_id, total_minor, currency FROM invoice WHERE id = ?',
      )
      .get(invoiceId)
    failureRecorder(db).recordFailure(
      db,
      {
        operation: 'invoice.collect',
        outboxId: null,
        customerRowId: invoice?.customer_id ?? null,
        invoiceId,
        amountMinor: invoice?.total_minor ?? null,
        currency: invoice?.currency ?? null,
        context: { stripeInvoiceId: text(object['id']), source: 'event invoice.payment_failed' },
      },
      {
        type: 'card_error',
        code: 'card_declined',
        declineCode: null,
        requestId: null,
        httpStatus: null,
        message: 'Stripe reported a failed payment of this invoice.',
        retryAfterSeconds: null,
      },
      { ...opts, random: () => 0.5 },
    )
    return 'failure recorded'
  },
  'charge.refunded': (db, object, opts) => {
    const invoiceId = byPaymentIntent(db, text(object['payment_intent']))
    if (invoiceId === undefined) return 'ignored'
    db.prepare(
      `UPDATE invoice_payment SET amount_refunded_minor = max(amount_refunded_minor, ?),
         updated_at = ? WHERE invoice_id = ?`,
    ).run(minor(object['amount_refunded']), opts.now.toISOString(), invoiceId)
    audit(
      db,
      opts,
      'payments:refunded',
      { type: 'invoice', id: String(invoiceId) },
      {
        amountRefundedMinor: minor(object['amount_refunded']),
      },
    )
    return 'refund recorded'
  },
  'charge.dispute.created': (db, object, opts) => {
    const invoiceId = byPaymentIntent(db, text(object['payment_intent']))
    if (invoiceId === undefined) return 'ignored'
    db.prepare('UPDATE invoice_payment SET disputed = 1, updated_at = ? WHERE invoice_id = ?').run(
      opts.now.toISOString(),
      invoiceId,
    )
    audit(
      db,
      opts,
      'payments:disputed',
      { type: 'invoice', id: String(invoiceId) },
      {
        disputeId: text(object['id']),
        reason: text(object['reason']),
        amountMinor: minor(object['amount']),
      },
    )
    applyStripeDispute(db, invoiceId, disputeOf(object), opts)
    return 'dispute recorded'
  },
  'charge.dispute.updated': (db, object, opts) => disputeChanged(db, object, opts),
  'charge.dispute.closed': (db, object, opts) => disputeChanged(db, object, opts),
  'customer.updated': (db, object, opts) => {
    const stripeId = text(object['id'])
    const changed = db
      .prepare('UPDATE stripe_customer SET email = ?, name = ?, synced_at = ? WHERE stripe_id = ?')
      .run(text(object['email']), text(object['name']), opts.now.toISOString(), stripeId)
    if (changed.changes === 0) return 'ignored'
    audit(
      db,
      opts,
      'payments:customer-updated',
      { type: 'stripe_customer', id: stripeId ?? '' },
      {
        email: text(object['email']),
        name: text(object['name']),
      },
    )
    return 'customer updated'
  },
}
