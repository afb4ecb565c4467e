import type Database from 'better-sqlite3'
import type { OutboxOperation } from '../../src-shared/domain/payments'
import { AppError } from '../errors'
import { failureRecorder } from './failure-hooks'

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

type FollowUp = 'invoice.void' | 'invoice.settle' | 'invoice.uncollectible'

const calledOff: Record<FollowUp, string> = {
  'invoice.void': 'Called off: the invoice was voided',
  'invoice.settle': 'Called off: the invoice was paid another way',
  'invoice.uncollectible': 'Called off: the invoice was written off',
}

/**
 * Queues what Stripe's copy of an invoice must now follow (a void, a settlement, a write-off)
 * and calls off a collection not yet made. Only an invoice with a Stripe copy gets one: a push
 * never sent is called off instead (Stripe never hears of the invoice), and nothing is queued
 * for an invoice never queued for Stripe, nor a settlement or write-off of one Stripe reported
 * paid.
 */
const queueFollowUp = (
  db: Database.Database,
  invoiceId: number,
  operation: FollowUp,
  opts: QueueOptions,
): void => {
  const push = db
    .prepare<
      [number],
      {
        customer_id: number
        currency: string
        status: string
        attempts: number
        stripe_status: string | null
      }
    >(
      `SELECT o.customer_id, o.currency, o.status, o.attempts, p.stripe_status FROM outbox o
       LEFT JOIN invoice_payment p ON p.invoice_id = o.invoice_id
       WHERE o.invoice_id = ? AND o.operation = 'invoice.push' AND o.status <> 'canceled'`,
    )
    .get(invoiceId)
  if (!push) return
  const note = calledOff[operation]
  cancelPending(db, invoiceId, 'invoice.collect', { ...opts, note })
  if (push.status === 'pending' && push.attempts === 0) {
    cancelPending(db, invoiceId, 'invoice.push', { ...opts, note })
    return
  }
  if (operation !== 'invoice.void' && push.stripe_status === 'paid') return
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

/** An invoice written off here: Stripe's copy is marked uncollectible, so Stripe stops too. */
export const queueWriteOff = (db: Database.Database, invoiceId: number, opts: QueueOptions): void =>
  queueFollowUp(db, invoiceId, 'invoice.uncollectible', opts)

type Collected = {
  customer_id: number
  number: string | null
  payment_intent: string | null
  amount_paid_minor: number
}

/**
 * A credit note refunded through Stripe: one refund of its total, queued. Only an invoice Stripe
 * charged can be refunded there, and never for more than Stripe collected; anything else is
 * refused, which rolls the credit note back.
 */
export const queueRefund = (
  db: Database.Database,
  creditNote: { id: number; invoiceId: number; amountMinor: number; currency: string },
  opts: QueueOptions,
): void => {
  const paid = db
    .prepare<[number], Collected>(
      `SELECT i.customer_id, i.number, p.payment_intent, p.amount_paid_minor FROM invoice i
       LEFT JOIN invoice_payment p ON p.invoice_id = i.id WHERE i.id = ?`,
    )
    .get(creditNote.invoiceId)
  const label = paid?.number ?? `#${creditNote.invoiceId}`
  if (!paid || paid.payment_intent === null)
    throw new AppError(
      'conflict',
      `Invoice ${label} was not collected through Stripe, so there is no Stripe payment to refund: credit the customer's balance, or record the money as paid back outside Meterbook.`,
      { settlement: 'the invoice was not collected through Stripe' },
    )
  const refunding =
    db
      .prepare<[number], number>(
        `SELECT coalesce(sum(amount_minor), 0) FROM outbox
         WHERE invoice_id = ? AND operation = 'refund.create' AND status <> 'canceled'`,
      )
      .pluck()
      .get(creditNote.invoiceId) ?? 0
  if (refunding + creditNote.amountMinor > paid.amount_paid_minor)
    throw new AppError(
      'conflict',
      `Stripe collected ${paid.amount_paid_minor} (minor units) for invoice ${label} and ${refunding} is already being refunded: a refund of ${creditNote.amountMinor} would exceed it.`,
      { settlement: 'more than Stripe collected' },
    )
  enqueue(db, {
    operation: 'refund.create',
    customerRowId: paid.customer_id,
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
  opts: QueueOptions & { note: string },
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
    failureRecorder(db).resolveForOutbox(db, id, opts.note, opts)
  }
}
