import type Database from 'better-sqlite3'
import type { JsonValue } from '../../src-shared/domain/json'
import type {
  Attempt,
  Failure,
  FailureDetail,
  FailureOperation,
  FailureStatus,
  RetryStrategy,
} from '../../src-shared/domain/payments'
import { AppError } from '../errors'

/** A payment_failure row with its customer's and invoice's names, as the services read it. */
export type FailureRow = {
  id: number
  operation: FailureOperation
  outbox_id: number | null
  customer_row_id: number | null
  customer_external_id: string | null
  customer_name: string | null
  invoice_id: number | null
  invoice_number: string | null
  amount_minor: number | null
  currency: string | null
  error_type: string
  error_code: string | null
  decline_code: string | null
  request_id: string | null
  message: string
  strategy: RetryStrategy
  attempts: number
  max_attempts: number
  next_attempt_at: string | null
  retry_requested: number
  snoozed_until: string | null
  status: FailureStatus
  context_json: string
  created_at: string
  updated_at: string
  resolved_at: string | null
  resolved_by: string | null
  resolution_note: string | null
}

export const failureFrom = `
  FROM payment_failure f
  LEFT JOIN customer c ON c.id = f.customer_id
  LEFT JOIN invoice i ON i.id = f.invoice_id`

export const failureSelect = `
  SELECT f.id, f.operation, f.outbox_id, f.customer_id AS customer_row_id,
    c.external_id AS customer_external_id, c.name AS customer_name, f.invoice_id,
    i.number AS invoice_number, f.amount_minor, f.currency, f.error_type, f.error_code,
    f.decline_code, f.request_id, f.message, f.strategy, f.attempts, f.max_attempts,
    f.next_attempt_at, f.retry_requested, f.snoozed_until, f.status, f.context_json, f.created_at,
    f.updated_at, f.resolved_at, f.resolved_by, f.resolution_note
  ${failureFrom}`

export const toFailure = (row: FailureRow): Failure => ({
  id: row.id,
  operation: row.operation,
  outboxId: row.outbox_id,
  customerId: row.customer_external_id,
  customerName: row.customer_name,
  invoiceId: row.invoice_id,
  invoiceNumber: row.invoice_number,
  amountMinor: row.amount_minor,
  currency: row.currency,
  errorType: row.error_type,
  code: row.error_code,
  declineCode: row.decline_code,
  requestId: row.request_id,
  message: row.message,
  strategy: row.strategy,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  nextAttemptAt: row.next_attempt_at,
  snoozedUntil: row.snoozed_until,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  resolvedAt: row.resolved_at,
  resolvedBy: row.resolved_by,
  resolutionNote: row.resolution_note,
})

export const findFailureRow = (db: Database.Database, id: number): FailureRow | undefined =>
  db.prepare<[number], FailureRow>(`${failureSelect} WHERE f.id = ?`).get(id)

export const failureRow = (db: Database.Database, id: number): FailureRow => {
  const row = findFailureRow(db, id)
  if (!row) throw new AppError('not_found', `There is no failed operation number ${id}.`)
  return row
}

type AttemptRow = {
  number: number
  at: string
  outcome: 'failed' | 'succeeded'
  error_type: string | null
  error_code: string | null
  decline_code: string | null
  request_id: string | null
  http_status: number | null
  message: string | null
  strategy: RetryStrategy
  next_attempt_at: string | null
  operator: string
}

/** Oldest first: the history reads as it happened. */
export const attemptsOf = (db: Database.Database, failureId: number): Attempt[] =>
  db
    .prepare<[number], AttemptRow>(
      `SELECT number, at, outcome, error_type, error_code, decline_code, request_id, http_status,
         message, strategy, next_attempt_at, operator
       FROM payment_attempt WHERE failure_id = ? ORDER BY number`,
    )
    .all(failureId)
    .map((a) => ({
      number: a.number,
      at: a.at,
      outcome: a.outcome,
      errorType: a.error_type,
      code: a.error_code,
      declineCode: a.decline_code,
      requestId: a.request_id,
      httpStatus: a.http_status,
      message: a.message,
      strategy: a.strategy,
      nextAttemptAt: a.next_attempt_at,
      operator: a.operator,
    }))

export const failureById = (db: Database.Database, id: number): FailureDetail => {
  const row = failureRow(db, id)
  return {
    ...toFailure(row),
    history: attemptsOf(db, id),
    context: JSON.parse(row.context_json) as JsonValue,
  }
}

/** What an audit entry says about a record: enough to see what changed, not the whole row. */
export const failureAuditSummary = (row: FailureRow): { [key: string]: JsonValue } => ({
  operation: row.operation,
  invoice: row.invoice_number,
  customer: row.customer_external_id,
  status: row.status,
  strategy: row.strategy,
  attempts: row.attempts,
  maxAttempts: row.max_attempts,
  nextAttemptAt: row.next_attempt_at,
  snoozedUntil: row.snoozed_until,
  retryRequested: row.retry_requested === 1,
  errorType: row.error_type,
  code: row.error_code,
  declineCode: row.decline_code,
  resolutionNote: row.resolution_note,
})
