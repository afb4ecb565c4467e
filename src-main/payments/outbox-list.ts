import type Database from 'better-sqlite3'
import type { OutboxEntry, OutboxOperation, OutboxStatus } from '../../src-shared/domain/payments'

/** The outbox as the Payments page and an invoice's Payment section read it. */
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
