import type Database from 'better-sqlite3'
import type { FailureOperation, RetryStrategy } from '../../src-shared/domain/payments'
import { appendAudit } from '../audit/audit-service'
import type { FailureOutcome, FailureSubject, RecordOptions } from '../payments/failure-hooks'
import type { ProviderFailure } from '../payments/provider'
import { readSettingsNow } from '../settings/settings-service'
import { classify } from './classify'
import { applyDunning } from './dunning'
import { failureAuditSummary, failureRow, type FailureRow } from './failure-rows'
import { maxAttemptsFor, nextAttemptAt } from './schedule'

export { failureById, toFailure } from './failure-rows'
export type { FailureOutcome, FailureSubject, RecordOptions }

/**
 * The record an operation's failures accumulate on. An outbox operation has one record for its
 * whole life (outbox_id is unique), so a record closed earlier is reopened and its history goes
 * on; other operations share the open record of the same operation, invoice and customer.
 */
const existingFor = (db: Database.Database, subject: FailureSubject): FailureRow | undefined => {
  const id =
    subject.outboxId !== null
      ? db
          .prepare<[number], number>('SELECT id FROM payment_failure WHERE outbox_id = ?')
          .pluck()
          .get(subject.outboxId)
      : db
          .prepare<[FailureOperation, number | null, number | null], number>(
            `SELECT id FROM payment_failure
             WHERE status = 'open' AND operation = ? AND invoice_id IS ? AND customer_id IS ?
               AND outbox_id IS NULL
             ORDER BY id DESC LIMIT 1`,
          )
          .pluck()
          .get(subject.operation, subject.invoiceId, subject.customerRowId)
  return id === undefined ? undefined : failureRow(db, id)
}

/** The strategy a person last chose for the record (retries:act change-strategy), if any. */
export const personStrategy = (db: Database.Database, failureId: number): RetryStrategy | null =>
  db
    .prepare<[number], RetryStrategy | null>(
      'SELECT chosen_strategy FROM payment_failure WHERE id = ?',
    )
    .pluck()
    .get(failureId) ?? null

/**
 * Records one failed attempt, inside the caller's transaction on the raw connection: classifies
 * the error, plans the next attempt, and when no automatic attempt is left hands the record to
 * a person (and, for a collection, applies the dunning policy). Audited.
 */
export const recordFailure = (
  db: Database.Database,
  subject: FailureSubject,
  failure: ProviderFailure,
  opts: RecordOptions,
): FailureOutcome => {
  const at = opts.now.toISOString()
  const existing = existingFor(db, subject)
  const retry = readSettingsNow(db).payments.retry
  const classification = classify(failure, subject.operation)
  const attempts = (existing?.attempts ?? 0) + 1
  // A person's choice stands until an error that retrying cannot fix.
  const chosen =
    existing && classification.strategy !== 'manual' ? personStrategy(db, existing.id) : null
  const wanted = chosen ?? classification.strategy
  const limit = chosen !== null && existing ? existing.max_attempts : maxAttemptsFor(wanted, retry)
  const strategy: RetryStrategy = wanted === 'manual' || attempts >= limit ? 'manual' : wanted
  const next = nextAttemptAt(strategy, attempts, retry, {
    now: opts.now,
    random: opts.random,
    retryAfterSeconds: classification.retryAfterSeconds,
  })
  const nextIso = next === null ? null : next.toISOString()
  const movedToManual = strategy === 'manual' && existing?.strategy !== 'manual'
  const source = failure.type === 'internal_error' ? 'Meterbook' : 'Stripe'
  const message = `${classification.reason} (${source}: ${failure.message})`
  const fields = {
    errorType: failure.type,
    code: failure.code,
    declineCode: failure.declineCode,
    requestId: failure.requestId,
    message,
    strategy,
    attempts,
    maxAttempts: Math.max(limit, attempts),
    next: nextIso,
    context: JSON.stringify(subject.context),
    at,
  }

  let failureId: number
  if (existing) {
    failureId = existing.id
    db.prepare(
      `UPDATE payment_failure SET error_type = @errorType, error_code = @code,
         decline_code = @declineCode, request_id = @requestId, message = @message,
         strategy = @strategy, attempts = @attempts, max_attempts = @maxAttempts,
         next_attempt_at = @next, retry_requested = 0, context_json = @context,
         amount_minor = coalesce(@amount, amount_minor), currency = coalesce(@currency, currency),
         status = 'open', resolved_at = NULL, resolved_by = NULL, resolution_note = NULL,
         updated_at = @at
       WHERE id = @id`,
    ).run({ ...fields, amount: subject.amountMinor, currency: subject.currency, id: failureId })
  } else {
    failureId = Number(
      db
        .prepare(
          `INSERT INTO payment_failure (operation, outbox_id, customer_id, invoice_id, amount_minor,
             currency, error_type, error_code, decline_code, request_id, message, strategy,
             attempts, max_attempts, next_attempt_at, status, context_json, created_at, updated_at)
           VALUES (@operation, @outboxId, @customerRowId, @invoiceId, @amountMinor, @currency,
             @errorType, @code, @declineCode, @requestId, @message, @strategy, @attempts,
             @maxAttempts, @next, 'open', @context, @at, @at)`,
        )
        .run({ ...subject, ...fields }).lastInsertRowid,
    )
  }
  db.prepare(
    `INSERT INTO payment_attempt (failure_id, number, at, outcome, error_type, error_code,
       decline_code, request_id, http_status, message, strategy, next_attempt_at, operator)
     VALUES (?, ?, ?, 'failed', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    failureId,
    attempts,
    at,
    failure.type,
    failure.code,
    failure.declineCode,
    failure.requestId,
    failure.httpStatus,
    failure.message,
    strategy,
    nextIso,
    opts.operator,
  )

  if (movedToManual && subject.operation === 'invoice.collect' && subject.invoiceId !== null) {
    const why =
      classification.strategy === 'manual'
        ? 'it cannot be retried automatically'
        : 'retries exhausted'
    applyDunning(db, subject.invoiceId, why, opts)
  }
  const after = failureRow(db, failureId)
  appendAudit(db, {
    at,
    operator: opts.operator,
    action: movedToManual ? 'retries:manual' : 'retries:failed',
    entityType: 'payment_failure',
    entityId: String(failureId),
    before: existing ? failureAuditSummary(existing) : null,
    after: { ...failureAuditSummary(after), reason: classification.reason },
  })
  return {
    failureId,
    strategy,
    nextAttemptAt: nextIso,
    keyConsumed: classification.keyConsumed,
    movedToManual,
  }
}

/**
 * Records the attempt that worked and closes the record. A subscription the dunning policy made
 * past due stays so here: it is lifted when Stripe reports the invoice paid.
 */
export const recordSuccess = (
  db: Database.Database,
  failureId: number,
  opts: { now: Date; operator: string; requestId: string | null },
): void => {
  const at = opts.now.toISOString()
  const before = failureRow(db, failureId)
  const number = before.attempts + 1
  db.prepare(
    `INSERT INTO payment_attempt (failure_id, number, at, outcome, request_id, strategy, operator)
     VALUES (?, ?, ?, 'succeeded', ?, ?, ?)`,
  ).run(failureId, number, at, opts.requestId, before.strategy, opts.operator)
  // A record a person closed meanwhile keeps their resolution; the attempt is still history.
  db.prepare(
    `UPDATE payment_failure SET attempts = @number, next_attempt_at = NULL, retry_requested = 0,
       updated_at = @at,
       resolution_note = CASE WHEN status = 'open' THEN @note ELSE resolution_note END,
       resolved_by = CASE WHEN status = 'open' THEN @operator ELSE resolved_by END,
       resolved_at = CASE WHEN status = 'open' THEN @at ELSE resolved_at END,
       status = CASE WHEN status = 'open' THEN 'resolved' ELSE status END
     WHERE id = @id`,
  ).run({
    number,
    at,
    note: `Succeeded on attempt ${number}`,
    operator: opts.operator,
    id: failureId,
  })
  appendAudit(db, {
    at,
    operator: opts.operator,
    action: 'retries:succeeded',
    entityType: 'payment_failure',
    entityId: String(failureId),
    before: failureAuditSummary(before),
    after: failureAuditSummary(failureRow(db, failureId)),
  })
}

/**
 * Closes the open failure of an outbox operation that was called off (e.g. the collection of an
 * invoice voided meanwhile), so the queue does not keep asking a person about it. Audited;
 * returns the failure's id, or null when none was open.
 */
export const resolveForOutbox = (
  db: Database.Database,
  outboxId: number,
  note: string,
  opts: { now: Date; operator: string },
): number | null => {
  const id = db
    .prepare<[number], number>(
      `SELECT id FROM payment_failure WHERE outbox_id = ? AND status = 'open'`,
    )
    .pluck()
    .get(outboxId)
  if (id === undefined) return null
  const at = opts.now.toISOString()
  const before = failureRow(db, id)
  db.prepare(
    `UPDATE payment_failure SET status = 'resolved', resolution_note = ?, resolved_by = ?,
       resolved_at = ?, next_attempt_at = NULL, retry_requested = 0, updated_at = ?
     WHERE id = ?`,
  ).run(note, opts.operator, at, at, id)
  appendAudit(db, {
    at,
    operator: opts.operator,
    action: 'retries:called-off',
    entityType: 'payment_failure',
    entityId: String(id),
    before: failureAuditSummary(before),
    after: failureAuditSummary(failureRow(db, id)),
  })
  return id
}
