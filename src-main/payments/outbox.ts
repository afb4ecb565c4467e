import type Database from 'better-sqlite3'
import type { OutboxEntry, OutboxOperation, OutboxStatus } from '../../src-shared/domain/payments'
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
 * An invoice voided here: its Stripe invoice is voided too, and a collection not yet made is
 * called off. Nothing is queued for an invoice that was never queued for Stripe.
 */
export const queueVoid = (db: Database.Database, invoiceId: number, opts: QueueOptions): void => {
  const push = db
    .prepare<[number], { customer_id: number; currency: string }>(
      `SELECT customer_id, currency FROM outbox
       WHERE invoice_id = ? AND operation = 'invoice.push' AND status <> 'canceled'`,
    )
    .get(invoiceId)
  if (!push) return
  cancelPending(db, invoiceId, 'invoice.collect', opts)
  enqueue(db, {
    operation: 'invoice.void',
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

/**
 * An invoice paid here another way (a bank transfer, a person's resolution) while Stripe still
 * holds it open: Stripe's copy is marked paid out of band, so nobody can pay it a second time
 * there, and a collection not yet made is called off.
 */
export const queueSettle = (db: Database.Database, invoiceId: number, opts: QueueOptions): void => {
  const push = db
    .prepare<[number], { customer_id: number; currency: string; stripe_status: string | null }>(
      `SELECT o.customer_id, o.currency, p.stripe_status FROM outbox o
       LEFT JOIN invoice_payment p ON p.invoice_id = o.invoice_id
       WHERE o.invoice_id = ? AND o.operation = 'invoice.push' AND o.status <> 'canceled'`,
    )
    .get(invoiceId)
  // Never queued for Stripe, or Stripe itself reported it paid: nothing to tell Stripe.
  if (!push || push.stripe_status === 'paid') return
  cancelPending(db, invoiceId, 'invoice.collect', opts)
  enqueue(db, {
    operation: 'invoice.settle',
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

type EntryRow = {
  id: number
  operation: OutboxOperation
  customer_id: string
  customer_name: string
  invoice_id: number | null
  invoice_number: string | null
  credit_note_id: number | null
  amount_minor: number | null
  currency: string | null
  idempotency_key: string
  status: OutboxStatus
  attempts: number
  next_attempt_at: string | null
  created_at: string
  sent_at: string | null
  failure_id: number | null
}

const entrySelect = `
  SELECT o.id, o.operation, c.external_id AS customer_id, c.name AS customer_name, o.invoice_id,
    i.number AS invoice_number, o.credit_note_id, o.amount_minor, o.currency, o.idempotency_key,
    o.status, o.attempts, o.next_attempt_at, o.created_at, o.sent_at,
    (SELECT max(f.id) FROM payment_failure f WHERE f.outbox_id = o.id) AS failure_id
  FROM outbox o JOIN customer c ON c.id = o.customer_id LEFT JOIN invoice i ON i.id = o.invoice_id`

const toEntry = (r: EntryRow): OutboxEntry => ({
  id: r.id,
  operation: r.operation,
  customerId: r.customer_id,
  customerName: r.customer_name,
  invoiceId: r.invoice_id,
  invoiceNumber: r.invoice_number,
  creditNoteId: r.credit_note_id,
  amountMinor: r.amount_minor,
  currency: r.currency,
  idempotencyKey: r.idempotency_key,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  failureId: r.failure_id,
})

export const listOutbox = (
  db: Database.Database,
  query: {
    status?: OutboxStatus | undefined
    invoiceId?: number | undefined
    limit: number
    offset: number
  },
): { entries: OutboxEntry[]; total: number } => {
  const where = [
    query.status ? 'o.status = @status' : null,
    query.invoiceId !== undefined ? 'o.invoice_id = @invoiceId' : null,
  ].filter((w): w is string => w !== null)
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
  const params = {
    status: query.status ?? null,
    invoiceId: query.invoiceId ?? null,
    limit: query.limit,
    offset: query.offset,
  }
  const total = db
    .prepare<typeof params, number>(`SELECT count(*) FROM outbox o ${clause}`)
    .pluck()
    .get(params)
  const entries = db
    .prepare<typeof params, EntryRow>(
      `${entrySelect} ${clause} ORDER BY o.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params)
    .map(toEntry)
  return { entries, total: total ?? 0 }
}

export const outboxCounts = (
  db: Database.Database,
): { pending: number; failed: number; sent: number } => {
  const rows = db
    .prepare<[], { status: OutboxStatus; n: number }>(
      'SELECT status, count(*) AS n FROM outbox GROUP BY status',
    )
    .all()
  const of = (...statuses: OutboxStatus[]): number =>
    rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r.n, 0)
  return { pending: of('pending', 'sending'), failed: of('failed'), sent: of('sent') }
}
