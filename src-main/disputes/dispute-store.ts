import type Database from 'better-sqlite3'
import type { z } from 'zod'
import type {
  Dispute,
  DisputeDetail,
  DisputeListQuerySchema,
  DisputePage,
  DisputeSortField,
  DisputeStep,
  DisputeStepKind,
  DisputeStatus,
} from '../../src-shared/domain/disputes'
import { AppError } from '../errors'

type Query = z.output<typeof DisputeListQuerySchema>

/** A dispute row as the services read it, with its invoice, customer, line and credit note. */
export type DisputeRow = Omit<Dispute, 'overdue'>

const select = `
  SELECT d.id, d.invoice_id AS invoiceId, i.number AS invoiceNumber,
    c.external_id AS customerId, c.name AS customerName, d.line_id AS lineId,
    l.description AS lineDescription, d.source, d.stripe_dispute_id AS stripeDisputeId, d.reason,
    d.contact, d.currency, d.amount_minor AS amountMinor, d.deadline, d.status, d.resolution,
    d.credit_note_id AS creditNoteId, n.number AS creditNoteNumber, d.opened_at AS openedAt,
    d.opened_by AS openedBy, d.updated_at AS updatedAt, d.resolved_at AS resolvedAt
  FROM dispute d JOIN invoice i ON i.id = d.invoice_id JOIN customer c ON c.id = i.customer_id
    LEFT JOIN invoice_line l ON l.id = d.line_id
    LEFT JOIN credit_note n ON n.id = d.credit_note_id`

/** Still waiting on someone after the deadline day has passed (`today` in the business zone). */
const withOverdue = (row: DisputeRow, today: string): Dispute => ({
  ...row,
  overdue: row.status !== 'resolved' && row.deadline !== null && row.deadline < today,
})

export const disputeRow = (db: Database.Database, id: number): DisputeRow => {
  const row = db.prepare<[number], DisputeRow>(`${select} WHERE d.id = ?`).get(id)
  if (!row) throw new AppError('not_found', `There is no dispute ${id}.`, { id: 'no such dispute' })
  return row
}

export const disputeByStripeId = (
  db: Database.Database,
  stripeId: string,
): DisputeRow | undefined =>
  db.prepare<[string], DisputeRow>(`${select} WHERE d.stripe_dispute_id = ?`).get(stripeId)

export const disputeHistory = (db: Database.Database, id: number): DisputeStep[] =>
  db
    .prepare<[number], DisputeStep>(
      `SELECT at, operator, step, status, note FROM dispute_step WHERE dispute_id = ? ORDER BY id`,
    )
    .all(id)

export const getDispute = (db: Database.Database, id: number, today: string): DisputeDetail => ({
  ...withOverdue(disputeRow(db, id), today),
  history: disputeHistory(db, id),
})

export const appendStep = (
  db: Database.Database,
  step: {
    disputeId: number
    at: string
    operator: string
    step: DisputeStepKind
    status: DisputeStatus
    note: string
  },
): void => {
  db.prepare(
    `INSERT INTO dispute_step (dispute_id, at, operator, step, status, note)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(step.disputeId, step.at, step.operator, step.step, step.status, step.note)
}

const sortColumns: Record<DisputeSortField, string> = {
  opened: 'd.opened_at',
  // Disputes without a deadline sort after every dated one, whichever the direction.
  deadline: "coalesce(d.deadline, '9999-12-31')",
  amount: 'd.amount_minor',
  customer: 'c.name',
  invoice: 'i.number',
  status: 'd.status',
}

export const listDisputes = (db: Database.Database, query: Query, today: string): DisputePage => {
  const filters: [string, string | number | undefined][] = [
    ['d.status = ?', query.status],
    ['c.external_id = ?', query.customer],
    ['d.source = ?', query.source],
    ['d.invoice_id = ?', query.invoiceId],
  ]
  const used = filters.filter((f): f is [string, string | number] => f[1] !== undefined)
  const where = used.length > 0 ? `WHERE ${used.map(([clause]) => clause).join(' AND ')}` : ''
  const params = used.map(([, value]) => value)
  const sort = query.sort ?? { field: 'opened', direction: 'desc' }
  const direction = sort.direction === 'asc' ? 'ASC' : 'DESC'
  // The id breaks ties in the same direction, so pages never overlap.
  const rows = db
    .prepare<(string | number)[], DisputeRow>(
      `${select} ${where} ORDER BY ${sortColumns[sort.field]} ${direction}, d.id ${direction}
       LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset)
  const total =
    db
      .prepare<(string | number)[], number>(
        `SELECT count(*) FROM dispute d JOIN invoice i ON i.id = d.invoice_id
         JOIN customer c ON c.id = i.customer_id ${where}`,
      )
      .pluck()
      .get(...params) ?? 0
  return { disputes: rows.map((row) => withOverdue(row, today)), total }
}

/**
 * Whether a dispute holds an invoice's collection back: open or under review, or accepted (the
 * customer was right: what is left is a person's call, not an automatic charge). A rejected one
 * lets automatic retries go on. Returned as SQL over the invoice id column the caller names, so
 * the payments processor can keep its one query.
 */
export const heldByDispute = (invoiceColumn: string): string => `EXISTS (
  SELECT 1 FROM dispute hd WHERE hd.invoice_id = ${invoiceColumn}
    AND (hd.status IN ('open', 'under_review') OR hd.resolution = 'accepted'))`
