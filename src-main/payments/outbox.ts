import type Database from 'better-sqlite3'
import type { OutboxOperation } from '../../src-shared/domain/payments'
import { resolveForOutbox } from '../retries/failure-store'

/**
 * The persistent outbox: what is to be sent to Stripe, in order, with an idempotency key derived
 * from this ledger's id, the operation and our row ids. Queuing is idempotent (the key is unique),
 * works offline, and survives a crash: a row stays until Stripe confirmed it.
 */

/** This ledger's identity in every key, so two ledgers on one Stripe account never collide. */
export const ledgerKeyId = (db: Database.Database): string =>
  db.prepare<[], string>('SELECT ledger_id FROM payment_sync WHERE id = 1').pluck().get() ?? 'x'

export const outboxKey = (
  db: Database.Database,
  operation: OutboxOperation,
  subject: string,
): string => `meterbook-${ledgerKeyId(db)}-${operation}-${subject}`

/**
 * The key of one request of an operation: a step (`create`, `item-3`, `finalize`) and the key's
 * generation, which moves on only after Stripe stored an answer we must not replay (a decline).
 */
export const requestKey = (base: string, step: string, generation = 0): string =>
  `${base}-${step}${generation > 0 ? `-g${generation}` : ''}`

type Enqueue = {
  operation: OutboxOperation
  customerRowId: number
  invoiceId: number | null
  creditNoteId: number | null
  amountMinor: number | null
  currency: string | null
  subject: string
  at: string
  operator: string
}

/** Queues an operation; false when the same operation is already in the outbox. */
export const enqueue = (db: Database.Database, op: Enqueue): boolean =>
  db
    .prepare(
      `INSERT INTO outbox (operation, customer_id, invoice_id, credit_note_id, amount_minor,
         currency, idempotency_key, status, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    .run(
      op.operation,
      op.customerRowId,
      op.invoiceId,
      op.creditNoteId,
      op.amountMinor,
      op.currency,
      outboxKey(db, op.operation, op.subject),
      op.at,
      op.operator,
    ).changes === 1

type InvoiceForPush = {
  id: number
  status: string
  customer_id: number
  total_minor: number
  currency: string
}

export type QueueOptions = { now: Date; operator: string }

/**
 * Queues a finalized invoice for Stripe: its customer (once), the push, and the collection.
 * Returns false when it was queued before.
 */
export const queueInvoice = (
  db: Database.Database,
  invoiceId: number,
  opts: QueueOptions,
): boolean => {
  const invoice = db
    .prepare<[number], InvoiceForPush>(
      'SELECT id, status, customer_id, total_minor, currency FROM invoice WHERE id = ?',
    )
    .get(invoiceId)
  if (!invoice || invoice.status !== 'finalized') return false
  const at = opts.now.toISOString()
  const base = {
    customerRowId: invoice.customer_id,
    currency: invoice.currency,
    at,
    operator: opts.operator,
  }
  enqueue(db, {
    ...base,
    operation: 'customer.sync',
    invoiceId: null,
    creditNoteId: null,
    amountMinor: null,
    subject: `customer${invoice.customer_id}`,
  })
  const pushed = enqueue(db, {
    ...base,
    operation: 'invoice.push',
    invoiceId,
    creditNoteId: null,
    amountMinor: invoice.total_minor,
    subject: `invoice${invoiceId}`,
  })
  enqueue(db, {
    ...base,
    operation: 'invoice.collect',
    invoiceId,
    creditNoteId: null,
    amountMinor: invoice.total_minor,
    subject: `invoice${invoiceId}`,
  })
  return pushed
}

/**
 * Queues what Stripe's copy of an invoice must now follow (a void, a settlement) and calls off a
 * collection not yet made. Nothing is queued for an invoice that never went to Stripe, nor for
 * one Stripe itself reported paid.
 */
const queueFollowUp = (
  db: Database.Database,
  invoiceId: number,
  operation: 'invoice.void' | 'invoice.settle',
  opts: QueueOptions,
): void => {
  const push = db
    .prepare<[number], { customer_id: number; currency: string; stripe_status: string | null }>(
      `SELECT o.customer_id, o.currency, p.stripe_status FROM outbox o
       LEFT JOIN invoice_payment p ON p.invoice_id = o.invoice_id
       WHERE o.invoice_id = ? AND o.operation = 'invoice.push' AND o.status <> 'canceled'`,
    )
    .get(invoiceId)
  if (!push || (operation === 'invoice.settle' && push.stripe_status === 'paid')) return
  cancelPending(db, invoiceId, 'invoice.collect', opts)
  enqueue(db, {
    operation,
    customerRowId: push.customer_id,
    invoiceId,
    creditNoteId: null,
    amountMinor: null,
    currency: push.currency,
    subject: `invoice${invoiceId}`,
    at: opts.now.toISOString(),
    operator: opts.operator,
  })
}

/** An invoice voided here: its Stripe copy is voided too. */
export const queueVoid = (db: Database.Database, invoiceId: number, opts: QueueOptions): void =>
  queueFollowUp(db, invoiceId, 'invoice.void', opts)

/**
 * An invoice paid here another way (a bank transfer, a person's resolution) while Stripe still
 * holds it open: Stripe's copy is marked paid out of band, so nobody can pay it a second time.
 */
export const queueSettle = (db: Database.Database, invoiceId: number, opts: QueueOptions): void =>
  queueFollowUp(db, invoiceId, 'invoice.settle', opts)

/** A credit note settled as a refund on an invoice Stripe collected: refund that much. */
export const queueRefund = (
  db: Database.Database,
  creditNote: { id: number; invoiceId: number; amountMinor: number; currency: string },
  opts: QueueOptions,
): boolean => {
  const collect = db
    .prepare<[number], { customer_id: number }>(
      `SELECT customer_id FROM outbox
       WHERE invoice_id = ? AND operation = 'invoice.collect' AND status = 'sent'`,
    )
    .get(creditNote.invoiceId)
  if (!collect || creditNote.amountMinor <= 0) return false
  return enqueue(db, {
    operation: 'refund.create',
    customerRowId: collect.customer_id,
    invoiceId: creditNote.invoiceId,
    creditNoteId: creditNote.id,
    amountMinor: creditNote.amountMinor,
    currency: creditNote.currency,
    subject: `creditnote${creditNote.id}`,
    at: opts.now.toISOString(),
    operator: opts.operator,
  })
}

/** Calls off an operation that has not been sent, with its open failure record. */
export const cancelPending = (
  db: Database.Database,
  invoiceId: number,
  operation: OutboxOperation,
  opts: QueueOptions,
): void => {
  const waiting = db
    .prepare<[number, string], number>(
      `SELECT id FROM outbox
       WHERE invoice_id = ? AND operation = ? AND status IN ('pending', 'failed')`,
    )
    .pluck()
    .all(invoiceId, operation)
  for (const id of waiting) {
    db.prepare(
      `UPDATE outbox SET status = 'canceled', claimed_by = NULL, claimed_until = NULL WHERE id = ?`,
    ).run(id)
    // Its failure, if it had one, leaves the queue with it.
    resolveForOutbox(db, id, 'Called off: the invoice was voided', opts)
  }
}
